import ArgumentParser
import Serve

/// `iatix serve`: the validator's API, conversion, tables and outputs over HTTP.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve validation, conversion, tables and outputs over HTTP (the official IATI Validator's API too).",
        discussion: """
            Endpoints: POST /api/pub/validate and GET /api/pub/version (the official IATI \
            Validator's API: same parameters, status codes and report), POST /api/validate \
            (any report format, en or vi), POST /api/convert, /api/flatten, /api/outputs; a page \
            to drop a file on at /, the API's description at /openapi.yaml, /healthz, and \
            Prometheus metrics at /metrics. Bodies are the files themselves (gzip accepted), read \
            as a stream: their size is limited by --max-body only.

            At most --concurrency jobs run at once and --queue more wait; beyond that the answer \
            is 503 with Retry-After. Each job has --time-limit seconds (then 504), and a body that \
            sends nothing for --body-timeout seconds is given up on (408), so that clients that \
            stall cannot keep the places. Logs are JSON lines on standard error. SIGTERM or \
            SIGINT stops the server once the requests in progress are answered. The server keeps \
            no state between requests: run as many as needed behind a load balancer.

            Without --api-keys the server listens on loopback only (127.0.0.1, ::1).

            Examples:
              iatix serve
              iatix serve --port 9000 --framework samples/framework/vn-ilo-dwcp-2022-2026.yaml
              iatix serve --host 0.0.0.0 --api-keys /etc/iatix/keys --max-body 2G
              curl --data-binary @partner.xml -H 'Content-Type: application/xml' http://127.0.0.1:8080/api/pub/validate
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port; the address is printed).")
    var port = 8080

    @Option(name: .customLong("max-body"), help: "Largest request body: bytes, or with K, M or G.")
    var maxBody = "1G"

    @Option(name: .customLong("api-keys"), help: ArgumentHelp("File of API keys, one per line: every /api/ call then needs 'Authorization: Bearer KEY'.", valueName: "file"))
    var apiKeys: String?

    @Option(help: "Jobs running at once (the default is one per processor).")
    var concurrency = ServeOptions.defaultConcurrency

    @Option(help: "Jobs waiting for a place before requests are answered 503 (default: twice --concurrency).")
    var queue: Int?

    @Option(name: .customLong("time-limit"), help: "Seconds a job may take before it is stopped and answered 504.")
    var timeLimit = 600

    @Option(name: .customLong("body-timeout"), help: "Seconds a request body may send nothing before it is given up on and answered 408.")
    var bodyTimeout = 30

    @Option(help: ArgumentHelp("Cooperation framework YAML for /api/outputs.", valueName: "file"))
    var framework: String?

    @Option(name: .customLong("rules"), help: ArgumentHelp("Ruleset file (IATI Rulesets JSON) to run instead of the built-in rules.", valueName: "file"))
    var rulesFile: String?

    @Option(name: .customLong("org-id-prefixes"), help: ArgumentHelp(ValidationRules.prefixesHelp, valueName: "file"))
    var prefixFile: String?

    @Flag(name: .customLong("openapi"), help: "Print the API's OpenAPI 3.1 description and exit.")
    var printsOpenAPI = false

    func validate() throws {
        if ServeOptions.size(maxBody) == nil { throw ValidationError("--max-body: '\(maxBody)' is not a size (e.g. 1G, 300M, 1048576).") }
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535.") }
        if !(1...256).contains(concurrency) { throw ValidationError("--concurrency must be between 1 and 256.") }
        if let queue, !(0...10_000).contains(queue) { throw ValidationError("--queue must be between 0 and 10000.") }
        if timeLimit < 1 { throw ValidationError("--time-limit must be at least 1 second.") }
        if bodyTimeout < 1 { throw ValidationError("--body-timeout must be at least 1 second.") }
    }

    func run() throws {
        if printsOpenAPI {
            print(openAPIDocument, terminator: "")
            return
        }
        var options = ServeOptions()
        options.host = host
        options.port = port
        options.maxBody = ServeOptions.size(maxBody) ?? options.maxBody
        options.concurrency = concurrency
        options.queue = queue ?? concurrency * 2
        options.timeLimit = timeLimit
        options.bodyTimeout = bodyTimeout
        options.framework = framework
        options.rules = rulesFile
        options.prefixFile = prefixFile
        do {
            if let apiKeys { options.apiKeys = try loadAPIKeys(path: apiKeys) }
            try serve(options) { address in
                Terminal.standardError("iatix serve: listening on \(address) (API keys: \(apiKeys == nil ? "none, loopback only" : "required"))")
            }
        } catch let error as ServeError {
            Terminal.standardError("iatix: error: \(error.description)")
            throw ExitCode(2)
        }
    }
}
