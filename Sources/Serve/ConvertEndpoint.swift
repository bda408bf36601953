import Hummingbird
import IATI
import IATIValidation
import LibXML

/// `POST /api/convert?to=json|jsonl|xml`: the body (IATI XML of any version, or iatix's JSON)
/// converted as `iatix convert` converts a file, the result sent as it is made (see
/// ``StreamedResponse``).
struct ConvertEndpoint: Sendable {
    let core: ServerCore

    static let parameters: Set<String> = ["to", "name"]

    func convert(_ request: Request, context: some RequestContext) async throws -> Response {
        let format = try Parameter.choice(request.uri.queryParameters, "to", default: OutputFormat.json)
        let upload = try Upload(request, parameters: Self.parameters, limit: core.options.maxBody, alsoAccepting: ["application/json", "application/x-ndjson", "application/jsonl"])
        let name = try Parameter.fileName(request.uri.queryParameters, default: "-")
        return try await StreamedResponse.respond(core: core, request: request, context: context, upload: upload, headers: [.contentType: format.mediaType]) {
            input, output in
            let source = try Conversion.source(name: name, bytes: Upload.source(input, name: name), format: nil)
            let sink = ByteSink(name: name) { try output.write($0) }
            _ = try Conversion.run(source, into: format.writer(into: sink))
            try sink.commit()
        }
    }
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
