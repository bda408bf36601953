import Archive
import Foundation
import Hummingbird
import LibXML
import Platform

/// What a request sends to work on: its body, checked before any work starts (the content
/// type, the encoding, the declared length, the query's parameters), then streamed into a
/// ``BodyPipe`` as it arrives, counted against the size limit, and given up on when it stalls.
struct Upload: Sendable {
    /// What the client declared.
    let declaredLength: Int?
    let limit: Int
    let counter = Counter()

    /// Bytes received so far, whether they went past the limit, since when the body is awaited
    /// from the network, and whether it stalled there.
    final class Counter: Sendable {
        private struct State {
            var bytes = 0
            var exceeded = false
            /// When the pump began waiting for the next bytes; `nil` while it hands bytes on
            /// (a full pipe waits for the parser: no fault of the client's).
            var waitingSince: ContinuousClock.Instant?
            /// The idle limit, in seconds, when the body stalled while the job was reading it.
            var stalledAfter: Int?
        }

        private let state = Locked(State())
        var bytes: Int { state.withLock { $0.bytes } }
        var exceeded: Bool { state.withLock { $0.exceeded } }
        var waitingSince: ContinuousClock.Instant? { state.withLock { $0.waitingSince } }
        var stalledAfter: Int? { state.withLock { $0.stalledAfter } }

        /// Adds `count` bytes just received; `false` when the total is now past `limit`.
        func add(_ count: Int, limit: Int) -> Bool {
            state.withLock { state in
                state.waitingSince = nil
                state.bytes += count
                if state.bytes > limit { state.exceeded = true }
                return !state.exceeded
            }
        }

        /// The pump waits on the network from now.
        func waiting() { state.withLock { $0.waitingSince = .now } }

        func stalled(after seconds: Int) { state.withLock { $0.stalledAfter = seconds } }
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

    /// Streams `body` into `pipe` in a task of its own (see ``pump(_:into:idleLimit:)``): the
    /// task to cancel when the job's time limit passes. Cancelled, the wait for the network
    /// ends (the request body's iterator finishes), so that a client that stalls cannot keep
    /// the job's place past its limit.
    func startPumping(_ body: RequestBody, into pipe: BodyPipe, idleLimit: Int) -> Task<Void, Never> {
        Task { await pump(body, into: pipe, idleLimit: idleLimit) }
    }

    /// Streams `body` into `pipe`, ending it with an error when the body goes past the limit,
    /// cannot be received, or sends nothing for `idleLimit` seconds (then
    /// ``APIError/bodyTimeout(_:)``; the time the pipe is full, waiting for the parser, does
    /// not count).
    private func pump(_ body: RequestBody, into pipe: BodyPipe, idleLimit: Int) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await receive(body, into: pipe) }
            group.addTask { await cutWhenStalled(pipe, after: idleLimit) }
            // Whichever ends first (the body, or the watch) ends the other.
            await group.next()
            group.cancelAll()
        }
    }

    private func receive(_ body: RequestBody, into pipe: BodyPipe) async {
        do {
            var chunks = body.makeAsyncIterator()
            counter.waiting()
            while let chunk = try await chunks.next() {
                guard counter.add(chunk.readableBytes, limit: limit) else {
                    pipe.finish(throwing: APIError.tooLarge(limit))
                    return
                }
                try await pipe.send(chunk)
                counter.waiting()
            }
            // A body given up on (the time limit, a stall) is not a complete one.
            try Task.checkCancellation()
            pipe.finish()
        } catch {
            pipe.finish(throwing: error)
        }
    }

    /// Ends the pipe with ``APIError/bodyTimeout(_:)`` once the pump has waited `seconds` for
    /// the network; returns then, or when cancelled.
    private func cutWhenStalled(_ pipe: BodyPipe, after seconds: Int) async {
        let limit = Duration.seconds(seconds)
        while true {
            let deadline = (counter.waitingSince ?? .now) + limit
            do { try await Task.sleep(until: deadline, clock: .continuous) } catch { return }
            guard let since = counter.waitingSince, since + limit <= .now else { continue }
            // Answered 408 only when the job was still reading the body: one that had already
            // ended (an input that failed in its first bytes) keeps its own answer.
            if pipe.finish(throwing: APIError.bodyTimeout(seconds)) { counter.stalled(after: seconds) }
            return
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
    /// too large, stalled, empty, or cut off.
    func bodyProblem() -> APIError? {
        if counter.exceeded { return .tooLarge(limit) }
        if let seconds = counter.stalledAfter { return .bodyTimeout(seconds) }
        if counter.bytes == 0 { return .emptyBody }
        return nil
    }
}
