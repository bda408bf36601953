import Hummingbird
import IATI
import IATIValidation
import LibXML
import Logging

/// `POST /api/convert?to=json|jsonl|xml`: the body (IATI XML of any version, or iatix's JSON)
/// converted as `iatix convert` converts a file, the result sent as it is made. The status is
/// chosen when the first bytes are ready: an input that cannot be read at all is a 400 or 422
/// with the reason; one that fails part-way has its response cut off (the transfer does not
/// end properly), so that no client takes a partial result for a whole one.
struct ConvertEndpoint: Sendable {
    let core: ServerCore

    static let parameters: Set<String> = ["to", "name"]

    func convert(_ request: Request, context: some RequestContext) async throws -> Response {
        let format = try Parameter.choice(request.uri.queryParameters, "to", default: OutputFormat.json)
        let upload = try Upload(request, parameters: Self.parameters, limit: core.options.maxBody, alsoAccepting: ["application/json", "application/x-ndjson", "application/jsonl"])
        let name = try Parameter.fileName(request.uri.queryParameters, default: "-")
        let admission = try core.pool.admit()
        let input = BodyPipe()
        let output = ResponsePipe()
        let pumping = Task { await upload.pump(request.body, into: input) }
        let job = Task {
            defer { admission.release() }
            let cut = Admission.timeLimitError(core.pool.timeLimit)
            do {
                try await core.pool.run(admission, onTimeLimit: { input.cancel(cut); output.cancel(cut) }) {
                    defer { input.cancel(JobEnded()) }
                    do {
                        let source = try Conversion.source(name: name, bytes: Upload.source(input, name: name), format: nil)
                        let sink = ByteSink(name: name) { try output.write($0) }
                        _ = try Conversion.run(source, into: format.writer(into: sink))
                        try sink.commit()
                        output.finish()
                    } catch {
                        output.finish(throwing: error)
                    }
                }
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
        let body = ResponseBody { writer in
            _ = stopper
            do {
                while let chunk = try await output.next() { try await writer.write(chunk) }
            } catch {
                input.cancel(error)
                output.cancel(error)
                context.logger.error("conversion cut off", metadata: ["error": "\(error)"])
                throw error
            }
            try await writer.finish(nil)
            await pumping.value
        }
        return Response(status: .ok, headers: [.contentType: format.mediaType], body: body)
    }
}

/// Runs `stop` when released.
final class Stopper: Sendable {
    private let stop: @Sendable () -> Void
    init(_ stop: @escaping @Sendable () -> Void) { self.stop = stop }
    deinit { stop() }
}

extension OutputFormat {
    var mediaType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .jsonl: "application/x-ndjson; charset=utf-8"
        case .xml: "application/xml; charset=utf-8"
        }
    }
}

extension APIError {
    /// The answer for an input that could not be read at all, with the official id: 400 for
    /// what is not well-formed XML, 422 for XML that is not IATI.
    static func unreadable(_ error: (any Error)?) -> APIError {
        guard let error else {
            return APIError(.unprocessableContent, "no-output", "the body held nothing to convert")
        }
        if let error = error as? XMLError {
            let id = RuleID.of(error)
            return APIError(
                id == RuleID.notIATI ? .unprocessableContent : .badRequest, id == RuleID.notIATI ? "not-iati" : "not-well-formed",
                error.description, findingID: id, line: error.line > 0 ? error.line : nil)
        }
        return error as? APIError ?? APIError(.unprocessableContent, "unreadable", "\(error)")
    }
}
