import Hummingbird
import LibXML
import Logging

/// An answer sent as a job writes it: the job runs on one of the pool's threads, reading the
/// request body as it arrives (a ``BodyPipe``) and writing into a ``ResponsePipe``. The status
/// is chosen when the first bytes are ready: a job that fails before writing anything is
/// answered with its error (400 or 422 with the official id and line for an input that cannot
/// be read); one that fails after has its response cut off (the chunked transfer does not end),
/// so that no client takes a partial result for a whole one.
enum StreamedResponse {
    static func respond(
        core: ServerCore, request: Request, context: some RequestContext, upload: Upload, headers: HTTPFields,
        _ work: @escaping @Sendable (_ input: BodyPipe, _ output: ResponsePipe) throws -> Void
    ) async throws -> Response {
        let admission = try core.pool.admit()
        let input = BodyPipe()
        let output = ResponsePipe()
        let pumping = upload.startPumping(request.body, into: input, idleLimit: core.options.bodyTimeout)
        let job = Task {
            defer { admission.release() }
            let cut = Admission.timeLimitError(core.pool.timeLimit)
            do {
                // At the limit the wait for the rest of the body ends too (see ``WorkspaceJob``).
                try await core.pool.run(admission, onTimeLimit: { input.cancel(cut); output.cancel(cut); pumping.cancel() }) {
                    defer { input.cancel(JobEnded()) }
                    try work(input, output)
                }
                output.finish()
            } catch {
                output.finish(throwing: error)
            }
        }
        await output.started()
        let (empty, failure) = output.outcomeBeforeAnyBytes
        if empty || failure != nil {
            await job.value
            await pumping.value
            if admission.hasTimedOut { throw Admission.timeLimitError(core.pool.timeLimit) }
            if let problem = upload.bodyProblem() { throw problem }
            throw APIError.unreadable(failure)
        }
        // Should the response be dropped unsent (the client went away first), the job must not
        // wait on a full pipe until the time limit: releasing the body stops it.
        let stopper = Stopper { input.cancel(JobEnded()); output.cancel(JobEnded()) }
        let logger = context.logger
        let body = ResponseBody { writer in
            _ = stopper
            do {
                while let chunk = try await output.next() { try await writer.write(chunk) }
            } catch {
                input.cancel(error)
                output.cancel(error)
                logger.error("response cut off", metadata: ["error": "\(error)"])
                throw error
            }
            try await writer.finish(nil)
            await pumping.value
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}

/// Runs `stop` when released.
final class Stopper: Sendable {
    private let stop: @Sendable () -> Void
    init(_ stop: @escaping @Sendable () -> Void) { self.stop = stop }
    deinit { stop() }
}
