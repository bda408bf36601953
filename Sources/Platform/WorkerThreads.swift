#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed number of POSIX threads running the same loop: the project's one way of running
/// work on other threads (batch workers, the checking threads of `validate`).
///
/// Plain threads rather than a shared pool: each worker owns its libxml2 reader, archive
/// handles or rules for its whole life, and may block waiting for work (``Locked``) without
/// taking a thread from anyone else.
package final class WorkerThreads {
    private final class Job {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    private var threads: [pthread_t] = []
    /// Workers the system refused a thread for: ``join()`` runs them on the calling thread.
    private var refused: [Int] = []
    private let body: @Sendable (Int) -> Void

    /// Starts `count` threads (at least one) running `body(worker)`, worker in `0..<count`.
    /// If the system refuses a thread, that worker runs on the thread that calls ``join()``.
    package init(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        self.body = body
        for worker in 0..<max(1, count) {
            if let thread = Self.start({ body(worker) }) {
                threads.append(thread)
            } else {
                refused.append(worker)
            }
        }
    }

    /// Whether every worker got a thread of its own (else ``join()`` runs the others).
    package var allStarted: Bool { refused.isEmpty }

    /// Runs the refused workers here, then waits for every thread to finish. Once: later
    /// calls return at once. From the thread that started them.
    package func join() {
        let refused = self.refused
        let threads = self.threads
        self.refused = []
        self.threads = []
        for worker in refused { body(worker) }
        for thread in threads { pthread_join(thread, nil) }
    }

    /// Runs `body(worker)` on `count` threads and returns when all have finished.
    package static func run(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        WorkerThreads(count: count, body).join()
    }

    /// Processors online (`sysconf(_SC_NPROCESSORS_ONLN)`), at least 1.
    package static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// A thread with a 16 MB stack running `body`; `nil` when the system refuses one.
    private static func start(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
        let job = Unmanaged.passRetained(Job(body))
        // Allocated, not a local variable: the attributes must stay at one address.
        let attributes = UnsafeMutablePointer<pthread_attr_t>.allocate(capacity: 1)
        pthread_attr_init(attributes)
        defer {
            pthread_attr_destroy(attributes)
            attributes.deallocate()
        }
        pthread_attr_setstacksize(attributes, 16 << 20)
        var thread = pthread_t()
        let status = pthread_create(&thread, attributes, { context in
            guard let context else { return nil }
            Unmanaged<Job>.fromOpaque(context).takeRetainedValue().body()
            return nil
        }, job.toOpaque())
        guard status == 0 else {
            job.release()
            return nil
        }
        return thread
    }
}
