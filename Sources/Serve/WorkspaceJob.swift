import Hummingbird
import Platform

/// A job whose answer is a file it writes into a private ``Workspace`` (a validation report,
/// a workbook, the outputs): the job is admitted, runs on one of the pool's threads under the
/// time limit reading the request body as it arrives, and its result comes back with the
/// workspace once the body is in and the work done, for the answer to be sent from there.
///
/// No answer goes out while such a job runs, so the connection is watched: a client that
/// closes it (gave up, was stopped) stops the job as the time limit does, and its place is
/// free at once rather than when the job would have ended. Watching reads the connection to
/// its end, so it is not kept alive after the answer: the answer says `Connection: close`.
enum WorkspaceJob {
    /// Runs `work` with the body (a ``BodyPipe``) and a new workspace.
    /// - Throws: 503 when no place is free, 504 past the time limit, 413, 408 or 400 for a body
    ///   too large, stalled or empty, 499 when the client closed the connection first, else
    ///   what `work` threw.
    static func run<T: Sendable>(
        core: ServerCore, request: Request, upload: Upload, _ work: @escaping @Sendable (_ body: BodyPipe, _ workspace: Workspace) throws -> T
    ) async throws -> (T, Workspace) {
        let admission = try core.pool.admit()
        defer { admission.release() }
        let workspace = try Workspace()
        let pipe = BodyPipe()
        let watch = Locked(Watch.running)
        ConnectionEnding.current?.end()
        let result = try await request.body.consumeWithInboundCloseHandler { body in
            let pumping = upload.startPumping(body, into: pipe, idleLimit: core.options.bodyTimeout)
            let result = await Result.of {
                // At the limit the wait for the rest of the body ends too: the answer is not held
                // back by a client that stalls.
                try await core.pool.run(admission, onTimeLimit: { pipe.cancel(Admission.timeLimitError(core.pool.timeLimit)); pumping.cancel() }) {
                    defer { pipe.cancel(JobEnded()) }
                    return try work(pipe, workspace)
                }
            }
            watch.withLock { if $0 == .running { $0 = .jobDone } }
            await pumping.value
            return result
        } onInboundClosed: {
            // Also called when the watch ends, once the job is done: nothing to stop then.
            let stopping = watch.withLock { watch in
                guard watch == .running else { return false }
                watch = .clientClosed
                return true
            }
            if stopping { pipe.cancel(ClientClosed()) }
        }
        if admission.hasTimedOut { throw Admission.timeLimitError(core.pool.timeLimit) }
        if watch.withLock({ $0 }) == .clientClosed { throw APIError.clientClosed }
        if let problem = upload.bodyProblem() { throw problem }
        return (try result.get(), workspace)
    }
}

/// How a job's connection watch ended, as far as the job is concerned.
private enum Watch {
    case running
    /// The job ended first: a close after it stops nothing.
    case jobDone
    /// The client closed the connection while the job ran: the job was stopped.
    case clientClosed
}

/// Why a job stopped: its client closed the connection before the answer.
struct ClientClosed: Error, CustomStringConvertible {
    var description: String { "the client closed the connection before the answer" }
}

extension APIError {
    /// For the log and the metrics (nginx's code): nobody is left to read it.
    static let clientClosed = APIError(
        HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request"), "client-closed",
        "the client closed the connection before the answer, so the job was stopped")
}
