import Platform

/// What `iatix serve` is asked to do.
public struct ServeOptions: Sendable {
    public var host = "127.0.0.1"
    /// 0: any free port (the address is printed when the server listens).
    public var port = 8080
    /// The largest request body accepted, in bytes (after gzip, as sent).
    public var maxBody = 1 << 30
    /// Keys that `/api/` calls must bring (`Authorization: Bearer KEY`); empty: none needed,
    /// and the server listens on loopback only.
    public var apiKeys: [String] = []
    /// Jobs (validations, conversions, tables, outputs) running at once.
    public var concurrency = ServeOptions.defaultConcurrency
    /// Jobs waiting for one of those places; a request beyond them gets 503 with `Retry-After`.
    public var queue = ServeOptions.defaultConcurrency * 2
    /// Seconds a job may take; then its streams are cut and it answers 504.
    public var timeLimit = 600
    /// Seconds a request body may send nothing while the server waits for it; then it is cut
    /// and answered 408, so that a client that stalls does not keep a job's place.
    public var bodyTimeout = 30
    /// The cooperation framework `/api/outputs` maps activities onto.
    public var framework: String?
    /// Ruleset file to run instead of the built-in rules.
    public var rules: String?
    /// Registration agency prefixes (`--org-id-prefixes`), instead of the built-in ones.
    public var prefixFile: String?

    public init() {}

    public static var defaultConcurrency: Int { WorkerThreads.processorCount }

    /// `true` for the loopback addresses, where a server without keys may listen.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// `"1G"`, `"300M"`, `"64k"`, `"1048576"` → bytes; `nil` when it is not a size.
    public static func size(_ text: String) -> Int? {
        let units: [Character: Int] = ["k": 1 << 10, "m": 1 << 20, "g": 1 << 30]
        var digits = Substring(text.lowercased())
        if digits.hasSuffix("ib") || digits.hasSuffix("b") { digits = digits.dropLast(digits.hasSuffix("ib") ? 2 : 1) }
        var factor = 1
        if let last = digits.last, let unit = units[last] {
            factor = unit
            digits = digits.dropLast()
        }
        guard let value = Int(digits), value > 0 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? nil : product
    }
}
