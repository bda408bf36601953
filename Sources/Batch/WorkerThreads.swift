#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed number of POSIX threads running the same loop; ``run(count:_:)`` returns when all
/// have finished.
///
/// Plain threads rather than a shared pool: each worker owns its libxml2 reader and archive
/// handles for its whole life, and no worker waits on another.
enum WorkerThreads {
    private final class Job {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Starts `count` threads running `body(worker)` (worker in `0..<count`) and waits for all.
    /// If the system refuses a thread, that worker's share runs on the calling thread.
    static func run(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        var threads: [pthread_t] = []
        var inline: [Int] = []
        for worker in 0..<max(1, count) {
            let job = Unmanaged.passRetained(Job { body(worker) })
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
            if status == 0 {
                threads.append(thread)
            } else {
                job.release()
                inline.append(worker)
            }
        }
        for worker in inline { body(worker) }
        for thread in threads { pthread_join(thread, nil) }
    }

    /// Processors online (`sysconf(_SC_NPROCESSORS_ONLN)`), at least 1.
    static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
