import Cooperation
import Foundation
import Hummingbird
import IATIValidation
import Logging
import NIOCore
import Platform
import ServiceLifecycle
import UnixSignals

/// Runs `iatix serve` until SIGTERM or SIGINT, then stops taking connections, lets the
/// requests in progress finish, and returns.
/// - Parameter onListening: told the address once the server listens (with `port` 0, the port
///   the system chose).
/// - Throws: ``ServeError`` for options that cannot be used (no keys on a public address, an
///   unreadable key or rules file), or what the server met starting.
public func runServer(_ options: ServeOptions, onListening: @escaping @Sendable (String) -> Void) async throws {
    let keys = options.apiKeys.isEmpty ? nil : AccessKeys(keys: options.apiKeys)
    if keys == nil, !ServeOptions.isLoopback(options.host) {
        throw ServeError(
            "refusing to listen on \(options.host) without API keys: anyone who can reach it could use it. "
                + "Give --api-keys FILE (one key per line), or listen on 127.0.0.1 behind a proxy that checks access.")
    }
    let rules: RulesProvider?
    do {
        rules = try .standard(rulesFile: options.rules, prefixFile: options.prefixFile)
    } catch {
        throw ServeError("cannot load the rules: \(error)")
    }
    if let framework = options.framework {
        // Checked once at the start, so that a broken framework stops the server, not each request.
        do {
            _ = try Framework.load(path: framework)
        } catch {
            throw ServeError("--framework: \(error)")
        }
    }
    var logger = Logger(label: "iatix.serve") { JSONLogHandler(label: $0) }
    logger.logLevel = .info
    let metrics = ServerMetrics()
    let pool = JobPool(concurrency: options.concurrency, queue: options.queue, timeLimit: options.timeLimit, metrics: metrics)
    let core = ServerCore(options: options, pool: pool, metrics: metrics, rules: rules, keys: keys)
    let application = Application(
        router: makeRouter(core),
        server: .http1(configuration: .init(additionalChannelHandlers: [ContinueHandler()])),
        configuration: .init(address: .hostname(options.host, port: options.port), serverName: "iatix/\(ServerCore.version)"),
        onServerRunning: { channel in
            let address = channel.localAddress.map { "http://\(options.host.contains(":") ? "[\(options.host)]" : options.host):\($0.port ?? options.port)" } ?? "?"
            onListening(address)
        },
        logger: logger
    )
    let group = ServiceGroup(
        configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    do {
        try await group.run()
    } catch {
        try? await pool.shutdown()
        throw error
    }
    try await pool.shutdown()
}

/// Runs the server on the calling thread until it stops (the command line's entry point).
public func serve(_ options: ServeOptions, onListening: @escaping @Sendable (String) -> Void) throws {
    let outcome = Locked<Result<Void, any Error>?>(nil)
    Task {
        let result = await Result.of { try await runServer(options, onListening: onListening) }
        outcome.withLock(waking: .all) { $0 = result }
    }
    try outcome.withLock(when: { $0 != nil }) { $0! }.get()
}

func makeRouter(_ core: ServerCore) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: RequestLogMiddleware(metrics: core.metrics))
    if let keys = core.keys { router.add(middleware: AccessMiddleware(keys: keys)) }
    let validate = ValidateEndpoints(core: core)
    let convert = ConvertEndpoint(core: core)
    let tables = TableEndpoints(core: core)
    router.get("/") { request, context in try WebPage.response(request, context: context, keysRequired: core.keys != nil) }
    router.get("/openapi.yaml") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.text)))
    }
    router.get("/healthz") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{\"status\":\"ok\"}\n")))
    }
    router.get("/metrics") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: core.metrics.text())))
    }
    router.get("/api/pub/version") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: ServerCore.version)))
    }
    router.post("/api/pub/validate") { request, context in try await validate.official(request, context: context) }
    router.post("/api/validate") { request, context in try await validate.own(request, context: context) }
    router.post("/api/convert") { request, context in try await convert.convert(request, context: context) }
    router.post("/api/flatten") { request, context in try await tables.flatten(request, context: context) }
    router.post("/api/outputs") { request, context in try await tables.outputs(request, context: context) }
    return router
}

/// The routes and their methods, for 405 answers (the router itself says 404).
enum Routes {
    static let all: [String: [String]] = [
        "/": ["GET"], "/openapi.yaml": ["GET"], "/healthz": ["GET"], "/metrics": ["GET"], "/api/pub/version": ["GET"],
        "/api/pub/validate": ["POST"], "/api/validate": ["POST"], "/api/convert": ["POST"], "/api/flatten": ["POST"], "/api/outputs": ["POST"],
    ]

    static func methods(of path: String) -> [String]? { all[path] }
}
