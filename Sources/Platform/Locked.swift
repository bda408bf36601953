#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value shared between threads, reached only under its own mutex; threads can also wait
/// under it until the value is ready for them (``withLock(when:_:)``), woken by a change made
/// with ``withLock(waking:_:)``.
///
/// The project's one lock. A class because it owns a `pthread_mutex_t` and a
/// `pthread_cond_t`, which must not move in memory. `Sendable` when its value is.
package final class Locked<Value> {
    private var value: Value
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    /// Which of the threads waiting in ``withLock(when:_:)`` a change wakes.
    package enum Waking {
        /// One of them (enough when any one can take what the change made ready).
        case one
        /// All of them.
        case all
    }

    package init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        condition.deinitialize(count: 1)
        condition.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }

    /// Runs `body` with exclusive access to the value, then wakes threads waiting in
    /// ``withLock(when:_:)`` to look at it again.
    package func withLock<Result>(waking: Waking, _ body: (inout Value) throws -> Result) rethrows -> Result {
        try withLock(when: { _ in true }, waking: waking, body)
    }

    /// Waits until `ready(value)` holds, then runs `body` with exclusive access to the value.
    /// Blocks the calling thread: call it from the project's own threads
    /// (``WorkerThreads``), never from a shared pool's.
    package func withLock<Result>(when ready: (Value) -> Bool, _ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !ready(value) { pthread_cond_wait(condition, mutex) }
        return try body(&value)
    }

    /// Waits until `ready(value)` holds, runs `body` with exclusive access to the value, then
    /// wakes threads waiting in ``withLock(when:_:)`` (a producer and a consumer handing items
    /// over through the value: each waits for room or for an item, and wakes the other).
    package func withLock<Result>(when ready: (Value) -> Bool, waking: Waking, _ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer {
            switch waking {
            case .one: pthread_cond_signal(condition)
            case .all: pthread_cond_broadcast(condition)
            }
            pthread_mutex_unlock(mutex)
        }
        while !ready(value) { pthread_cond_wait(condition, mutex) }
        return try body(&value)
    }

    /// A copy of the value.
    package var snapshot: Value { withLock { $0 } }
}

// The value is reached only under the mutex, so the lock is as sendable as its value.
extension Locked: @unchecked Sendable where Value: Sendable {}
