import Foundation
import Hummingbird
import Logging
import Platform

/// For every request: an `X-Request-Id` on the answer (the id in every log line of the
/// request), one structured log line when the response is done, the metrics, and every error
/// as a JSON body (including the router's own 404 and 405).
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        // The bytes read from the body, whatever its Content-Length claims.
        let received = Locked(0)
        var request = request
        request.body = RequestBody(asyncSequence: CountedBody(base: request.body, count: received))
        var response: Response
        let ending = ConnectionEnding()
        do {
            response = try await ConnectionEnding.$current.withValue(ending) { try await next(request, context) }
        } catch let error as APIError {
            response = try error.response(from: request, context: context)
        } catch let error as HTTPError where error.status == .notFound && Routes.methods(of: request.uri.path) != nil {
            let allowed = Routes.methods(of: request.uri.path) ?? []
            response = try APIError(
                .methodNotAllowed, "method-not-allowed", "\(request.uri.path) takes \(allowed.joined(separator: ", ")), not \(request.method)"
            ).response(from: request, context: context)
            response.headers[.allow] = allowed.joined(separator: ", ")
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not-found" : error.status == .methodNotAllowed ? "method-not-allowed" : "http-\(error.status.code)"
            let message =
                error.status == .notFound
                ? "no such endpoint: \(request.method) \(request.uri.path); see /openapi.yaml" : error.body ?? error.status.reasonPhrase
            response = try APIError(error.status, code, message).response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            response = try APIError(.internalServerError, "internal", "the server failed: \(error)").response(from: request, context: context)
        }
        response.headers[.init("X-Request-Id")!] = context.id
        if ending.isEnding { response.headers[.connection] = "close" }
        // The route's pattern, known once the router matched it; never the raw path (a series per URL).
        let route = context.endpointPath ?? "unmatched"
        let status = response.status.code
        let method = request.method.rawValue
        let path = request.uri.path
        let logger = context.logger
        let metrics = metrics
        let counted = Locked(0)
        let body = response.body.map { buffer in
            counted.withLock { $0 += buffer.readableBytes }
            return buffer
        }
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            var failure: (any Error)?
            do { try await body.write(writer) } catch { failure = error }
            let elapsed = (ContinuousClock.now - started).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            let bytesOut = counted.withLock { $0 }
            let bytesIn = received.withLock { $0 }
            metrics.request(route: route, method: method, status: status, seconds: seconds, bytesIn: bytesIn, bytesOut: bytesOut)
            logger.info(
                failure == nil ? "request" : "request cut off",
                metadata: [
                    "method": "\(method)", "path": "\(path)", "status": "\(status)", "seconds": "\(String(format: "%.3f", seconds))",
                    "bytes_in": "\(bytesIn)", "bytes_out": "\(bytesOut)",
                ].merging(failure.map { ["error": "\($0)"] } ?? [:]) { $1 })
            if let failure { throw failure }
        }
        return response
    }
}

/// A request body that adds the size of each buffer read from it to `count`: the bytes
/// received, for the log and the metrics (a client's Content-Length may claim anything).
struct CountedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let count: Locked<Int>

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let count: Locked<Int>

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            count.withLock { $0 += buffer.readableBytes }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator(), count: count) }
}

/// Marks, from the handler, a request whose connection ends with its answer (see
/// ``WorkspaceJob``): the answer then says `Connection: close`, so that the client does not
/// send its next request there. Set by ``RequestLogMiddleware`` for each request.
final class ConnectionEnding: Sendable {
    @TaskLocal static var current: ConnectionEnding?
    private let ending = Locked(false)

    func end() { ending.withLock { $0 = true } }

    var isEnding: Bool { ending.withLock { $0 } }
}
