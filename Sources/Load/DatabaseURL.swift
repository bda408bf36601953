import Foundation

/// Where `iatix load` writes: `sqlite:PATH` (the file is created when missing) or
/// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE` (also `postgres://`).
public enum DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgresql(PostgresAddress)

    /// A PostgreSQL server and database.
    public struct PostgresAddress: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var user: String
        public var password: String?
        public var database: String
    }

    /// Reads `text`; `nil` when it is neither form.
    public init?(_ text: String) {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { return nil }
            self = .sqlite(path: path)
            return
        }
        guard text.hasPrefix("postgresql://") || text.hasPrefix("postgres://"),
              let components = URLComponents(string: text), let host = components.host, !host.isEmpty
        else { return nil }
        let database = String(components.path.drop { $0 == "/" })
        let user = components.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        self = .postgresql(PostgresAddress(
            host: host, port: components.port ?? 5432, user: user, password: components.password,
            database: database.isEmpty ? user : database))
    }

    /// The address without its password, for messages.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgresql(let a): "postgresql://\(a.user)@\(a.host):\(a.port)/\(a.database)"
        }
    }
}
