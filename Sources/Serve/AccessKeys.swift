import Foundation
import Hummingbird

/// The keys `/api/` calls must bring with `--api-keys FILE`: one per line, blank lines and
/// lines starting with `#` ignored. A presented key is compared with every key in constant
/// time (no early exit on the first differing byte or the first matching key), so the time an
/// answer takes tells nothing about the keys.
struct AccessKeys: Sendable {
    private let keys: [[UInt8]]

    /// The shortest key accepted: shorter ones are guessable.
    static let minimumLength = 16

    init(keys: [String]) {
        self.keys = keys.map { Array($0.utf8) }
    }

    var texts: [String] { keys.map { String(decoding: $0, as: UTF8.self) } }

    /// Reads `path`.
    /// - Throws: a message naming the file and what is wrong with it.
    static func load(path: String) throws -> AccessKeys {
        // Read as a stream, so that a pipe (`--api-keys <(vault read …)`) serves as well as a file.
        guard let handle = FileHandle(forReadingAtPath: path),
            let text = String(data: handle.readDataToEndOfFile(), encoding: .utf8)
        else {
            throw ServeError("--api-keys: cannot read '\(path)'; give a text file with one key per line")
        }
        var keys: [String] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let key = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if key.isEmpty || key.hasPrefix("#") { continue }
            guard key.count >= minimumLength, !key.contains(where: \.isWhitespace) else {
                throw ServeError("\(path):\(index + 1): a key must be at least \(minimumLength) characters without spaces (e.g. made with: openssl rand -hex 24)")
            }
            keys.append(key)
        }
        guard !keys.isEmpty else { throw ServeError("\(path): no key in the file; write one key per line") }
        return AccessKeys(keys: keys)
    }

    /// Whether `presented` is one of the keys.
    func accepts(_ presented: String) -> Bool {
        let candidate = Array(presented.utf8)
        var matches: UInt8 = 0
        for key in keys {
            var difference: UInt8 = key.count == candidate.count ? 0 : 1
            for index in 0..<max(key.count, candidate.count) {
                let a = index < key.count ? key[index] : 0
                let b = index < candidate.count ? candidate[index] : 0
                difference |= a ^ b
            }
            matches |= difference == 0 ? 1 : 0
        }
        return matches == 1
    }
}

/// Refuses `/api/` calls without one of the keys: 401 with `WWW-Authenticate: Bearer`.
struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let keys: AccessKeys

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        let header = request.headers[.authorization] ?? ""
        let prefix = "bearer "
        guard header.lowercased().hasPrefix(prefix), keys.accepts(String(header.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)) else {
            var response = try APIError(
                .unauthorized, "unauthorized",
                header.isEmpty ? "this server needs an API key: send it as 'Authorization: Bearer KEY'" : "the API key is not one of this server's keys"
            ).response(from: request, context: context)
            response.headers[.wwwAuthenticate] = "Bearer realm=\"iatix\""
            return response
        }
        return try await next(request, context)
    }
}

/// A problem with how the server was asked to start.
public struct ServeError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The keys of an `--api-keys` file.
/// - Throws: ``ServeError`` naming the file and what is wrong.
public func loadAPIKeys(path: String) throws -> [String] {
    try AccessKeys.load(path: path).texts
}

/// The OpenAPI description `iatix serve --openapi` prints.
public var openAPIDocument: String { OpenAPIDocument.text }
