import Hummingbird
import IATI

/// An answer of 4xx or 5xx: a JSON object with `error` (what happened and what to do, the key
/// the official validator uses too), `code` (a stable word to test for), `requestId`, and where
/// they apply the official finding `id` and the `line`.
struct APIError: HTTPResponseError {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var findingID: String?
    var line: Int?
    /// Seconds, for 503.
    var retryAfter: Int?

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, findingID: String? = nil, line: Int? = nil, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.findingID = findingID
        self.line = line
        self.retryAfter = retryAfter
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var text = "{\"error\":"
        JSONText.appendString(message, to: &text)
        text += ",\"code\":"
        JSONText.appendString(code, to: &text)
        if let findingID {
            text += ",\"id\":"
            JSONText.appendString(findingID, to: &text)
        }
        if let line { text += ",\"line\":\(line)" }
        text += ",\"requestId\":"
        JSONText.appendString(context.id, to: &text)
        text += "}\n"
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "too-large", "the body is larger than this server's limit of \(ByteCount.text(limit)); split the file, or ask for a larger --max-body")
    }

    static func bodyTimeout(_ seconds: Int) -> APIError {
        APIError(
            .requestTimeout, "body-timeout",
            "nothing of the body arrived for \(seconds) s, so it was given up on; send the file again in one go (curl --data-binary @file.xml), or ask for a longer --body-timeout for a slow link")
    }

    static let emptyBody = APIError(.badRequest, "empty-body", "No body: send the file as the request body (curl --data-binary @file.xml -H 'Content-Type: application/xml')")
}

/// Byte counts for people: `1 GiB`, `60 MiB`, `512 KiB`, `100 bytes`.
enum ByteCount {
    static func text(_ bytes: Int) -> String {
        for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= size && bytes % size == 0 {
            return "\(bytes / size) \(unit)"
        }
        if bytes >= 1 << 20 { return "\(bytes / (1 << 20)) MiB" }
        return "\(bytes) bytes"
    }
}
