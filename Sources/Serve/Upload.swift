import Archive
import Foundation
import Hummingbird
import LibXML
import Platform

/// What a request sends to work on: its body, checked before any work starts (the content
/// type, the encoding, the declared length, the query's parameters), then streamed into a
/// ``BodyPipe`` as it arrives, counted against the size limit.
struct Upload: Sendable {
    /// What the client declared.
    let declaredLength: Int?
    let limit: Int
    let counter = Counter()

    /// Bytes received so far, and whether they went past the limit.
    final class Counter: Sendable {
        private let state = Locked((bytes: 0, exceeded: false))
        var bytes: Int { state.withLock { $0.bytes } }
        var exceeded: Bool { state.withLock { $0.exceeded } }

        /// Adds `count`; `false` when the total is now past `limit`.
        func add(_ count: Int, limit: Int) -> Bool {
            state.withLock { state in
                state.bytes += count
                if state.bytes > limit { state.exceeded = true }
                return !state.exceeded
            }
        }
    }

    /// The media types a body of IATI XML may be sent as (with none at all); gzip-compressed
    /// bodies are recognised by their first bytes, whatever they are labelled.
    static let acceptedTypes: Set<String> = [
        "application/xml", "text/xml", "application/octet-stream", "application/gzip", "application/x-gzip", "text/plain",
    ]

    /// Checks what can be checked before reading the body.
    /// - Parameter parameters: the query parameters this endpoint knows.
    /// - Throws: ``APIError``: 400 for an unknown parameter or a body declared empty, 413 for a
    ///   body declared larger than `limit`, 415 for a media type or encoding that is not XML.
    init(_ request: Request, parameters: Set<String>, limit: Int, alsoAccepting extraTypes: Set<String> = []) throws(APIError) {
        for (name, _) in request.uri.queryParameters where !parameters.contains(String(name)) {
            let known = parameters.sorted().joined(separator: ", ")
            throw APIError(.badRequest, "unknown-parameter", "unknown query parameter '\(name)'; this endpoint takes \(known.isEmpty ? "none" : known)")
        }
        if let type = request.headers[.contentType] {
            let media = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard Self.acceptedTypes.contains(media) || extraTypes.contains(media) || media.hasSuffix("+xml") else {
                throw APIError(
                    .unsupportedMediaType, "unsupported-media-type",
                    "the body is sent as '\(media)'; send the XML file itself as the body with Content-Type: application/xml (curl --data-binary @file.xml -H 'Content-Type: application/xml')"
                        + (media.hasPrefix("multipart/") ? "; form uploads are not taken" : ""))
            }
        }
        if let encoding = request.headers[.contentEncoding]?.lowercased(), !["gzip", "x-gzip", "identity"].contains(encoding) {
            throw APIError(.unsupportedMediaType, "unsupported-encoding", "Content-Encoding '\(encoding)' is not supported; send the body as it is or gzip-compressed")
        }
        declaredLength = request.headers[.contentLength].flatMap { Int($0) }
        self.limit = limit
        if declaredLength == 0 { throw APIError.emptyBody }
        if let declaredLength, declaredLength > limit { throw APIError.tooLarge(limit) }
    }

    /// Streams `body` into `pipe`, ending it with an error when the body goes past the limit
    /// or cannot be received.
    func pump(_ body: RequestBody, into pipe: BodyPipe) async {
        do {
            for try await chunk in body {
                guard counter.add(chunk.readableBytes, limit: limit) else {
                    pipe.finish(throwing: APIError.tooLarge(limit))
                    return
                }
                try await pipe.send(chunk)
            }
            pipe.finish()
        } catch {
            pipe.finish(throwing: error)
        }
    }

    /// What a job reads: the pipe, decompressed when it starts as gzip does.
    static func source(_ pipe: BodyPipe, name: String) throws -> any ByteSource {
        let sniffing = SniffingSource(pipe)
        let head = try sniffing.peek()
        if head.count >= 2, head[0] == 0x1F, head[1] == 0x8B { return try GunzipSource(sniffing, name: name) }
        return sniffing
    }

    /// The error to answer with when a job failed because of the body rather than its content:
    /// too large, empty, or cut off.
    func bodyProblem() -> APIError? {
        if counter.exceeded { return .tooLarge(limit) }
        if counter.bytes == 0 { return .emptyBody }
        return nil
    }
}
