import Hummingbird

/// A job whose answer is a file it writes into a private ``Workspace`` (a validation report,
/// a workbook, the outputs): the job is admitted, runs on one of the pool's threads under the
/// time limit reading the request body as it arrives, and its result comes back with the
/// workspace once the body is in and the work done, for the answer to be sent from there.
enum WorkspaceJob {
    /// Runs `work` with the body (a ``BodyPipe``) and a new workspace.
    /// - Throws: 503 when no place is free, 504 past the time limit, 413 or 400 for a body
    ///   too large or empty, else what `work` threw.
    static func run<T: Sendable>(
        core: ServerCore, request: Request, upload: Upload, _ work: @escaping @Sendable (_ body: BodyPipe, _ workspace: Workspace) throws -> T
    ) async throws -> (T, Workspace) {
        let admission = try core.pool.admit()
        defer { admission.release() }
        let workspace = try Workspace()
        let pipe = BodyPipe()
        async let pumped: Void = upload.pump(request.body, into: pipe)
        let result = await Result.of {
            try await core.pool.run(admission, onTimeLimit: { pipe.cancel(Admission.timeLimitError(core.pool.timeLimit)) }) {
                defer { pipe.cancel(JobEnded()) }
                return try work(pipe, workspace)
            }
        }
        await pumped
        if admission.hasTimedOut { throw Admission.timeLimitError(core.pool.timeLimit) }
        if let problem = upload.bodyProblem() { throw problem }
        return (try result.get(), workspace)
    }
}
