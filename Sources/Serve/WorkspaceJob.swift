import Hummingbird

/// A job whose answer is a file it writes into a private ``Workspace`` (a validation report,
/// a workbook, the outputs): the job is admitted, runs on one of the pool's threads under the
/// time limit reading the request body as it arrives, and its result comes back with the
/// workspace once the body is in and the work done, for the answer to be sent from there.
enum WorkspaceJob {
    /// Runs `work` with the body (a ``BodyPipe``) and a new workspace.
    /// - Throws: 503 when no place is free, 504 past the time limit, 413, 408 or 400 for a body
    ///   too large, stalled or empty, else what `work` threw.
    static func run<T: Sendable>(
        core: ServerCore, request: Request, upload: Upload, _ work: @escaping @Sendable (_ body: BodyPipe, _ workspace: Workspace) throws -> T
    ) async throws -> (T, Workspace) {
        let admission = try core.pool.admit()
        defer { admission.release() }
        let workspace = try Workspace()
        let pipe = BodyPipe()
        let pumping = upload.startPumping(request.body, into: pipe, idleLimit: core.options.bodyTimeout)
        let result = await Result.of {
            // At the limit the wait for the rest of the body ends too: the answer is not held
            // back by a client that stalls.
            try await core.pool.run(admission, onTimeLimit: { pipe.cancel(Admission.timeLimitError(core.pool.timeLimit)); pumping.cancel() }) {
                defer { pipe.cancel(JobEnded()) }
                return try work(pipe, workspace)
            }
        }
        await pumping.value
        if admission.hasTimedOut { throw Admission.timeLimitError(core.pool.timeLimit) }
        if let problem = upload.bodyProblem() { throw problem }
        return (try result.get(), workspace)
    }
}
