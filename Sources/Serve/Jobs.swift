import Foundation
import Hummingbird
import NIOPosix
import Platform

/// Where the blocking work of requests runs: `concurrency` threads of the server's own (the
/// parser, the validator and the table writers block; they never run on the network's
/// threads), with at most `queue` more jobs waiting for one. A request beyond that is answered
/// 503 at once with `Retry-After`: the server sheds load rather than falling over.
final class JobPool: Sendable {
    private let threads: NIOThreadPool
    /// Threads for short blocking reads (a result sent from its file), apart from the jobs'.
    let reading: NIOThreadPool
    private let admitted = Locked(0)
    private let capacity: Int
    let timeLimit: Int
    let metrics: ServerMetrics

    init(concurrency: Int, queue: Int, timeLimit: Int, metrics: ServerMetrics) {
        threads = NIOThreadPool(numberOfThreads: concurrency)
        threads.start()
        reading = NIOThreadPool(numberOfThreads: 2)
        reading.start()
        capacity = concurrency + queue
        self.timeLimit = timeLimit
        self.metrics = metrics
    }

    func shutdown() async throws {
        try await threads.shutdownGracefully()
        try await reading.shutdownGracefully()
    }

    /// A place for one job, or 503.
    func admit() throws(APIError) -> Admission {
        let admittedNow = admitted.withLock { count -> Bool in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard admittedNow else {
            metrics.rejected()
            throw APIError(.serviceUnavailable, "busy", "the server is busy with \(capacity) jobs; try again in a few seconds", retryAfter: 2)
        }
        metrics.jobStarted()
        return Admission(pool: self)
    }

    fileprivate func release() {
        admitted.withLock { $0 -= 1 }
        metrics.jobEnded()
    }

    /// Runs `body` on one of the pool's threads. When the time limit passes first,
    /// `onTimeLimit` is called (it cuts the job's streams, so that the job stops at its next
    /// read or write) and the result is still awaited.
    func run<T: Sendable>(_ admission: Admission, onTimeLimit: @escaping @Sendable () -> Void, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        let seconds = timeLimit
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                admission.timedOut.withLock { $0 = true }
                onTimeLimit()
            }
            defer { group.cancelAll() }
            return try await threads.runIfActive(body)
        }
    }
}

/// One admitted job's place in the pool, given back when the admission is released (once).
final class Admission: Sendable {
    private let pool: JobPool
    private let released = Locked(false)
    /// Set when the job's time limit passed.
    let timedOut = Locked(false)

    fileprivate init(pool: JobPool) { self.pool = pool }

    var hasTimedOut: Bool { timedOut.withLock { $0 } }

    func release() {
        let first = released.withLock { released -> Bool in
            defer { released = true }
            return !released
        }
        if first { pool.release() }
    }

    deinit { release() }

    static func timeLimitError(_ seconds: Int) -> APIError {
        APIError(.gatewayTimeout, "time-limit", "the job took longer than this server's limit of \(seconds) s and was stopped; split the file or ask for a longer --time-limit")
    }
}

/// A private temporary folder for one request's files (an upload spooled to disk, tables
/// written before they are sent), removed with everything in it when the last holder lets go:
/// the job and the response that streams a file from it.
final class Workspace: Sendable {
    let path: String

    init() throws {
        do {
            path = try FilePaths.makeTemporaryFolder(prefix: FileManager.default.temporaryDirectory.path + "/iatix-serve-")
        } catch {
            throw APIError(.internalServerError, "no-temporary-space", "cannot make a temporary folder: \(error.reason)")
        }
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
