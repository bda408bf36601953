import Platform

/// Runs async work to its end from synchronous code, waiting on the calling thread.
///
/// The load is synchronous (rows come from the XML reader as it reads); PostgresNIO is async.
/// The work runs in a detached task on Swift's cooperative pool, and this thread waits for it:
/// so the caller must be a thread of its own (the command's main thread, or the thread
/// ``runLoadAsync(_:progress:)`` starts), never one of the pool's.
func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = Locked<Result<T, any Error>?>(nil)
    Task.detached {
        let result: Result<T, any Error>
        do { result = .success(try await work()) } catch { result = .failure(error) }
        outcome.withLock(waking: .all) { $0 = result }
    }
    return try outcome.withLock(when: { $0 != nil }) { $0! }.get()
}
