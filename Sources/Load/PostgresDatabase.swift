import Foundation
import IATI
import PostgresNIO
import Tables

/// A PostgreSQL database through PostgresNIO: one connection on an event loop group of one
/// thread, both owned here and shut down by ``close()``. Rows go in with
/// `COPY table (columns) FROM STDIN` in text format.
///
/// ``insert(table:columns:cells:)`` does not wait for its `COPY`: the copies go out one after
/// the other while the caller reads on, so the server stores rows as the next ones are read.
/// Every other call waits for the copies sent before it (a copy that failed fails it) and then
/// for the server (see ``blocking(_:)``): call from a thread of your own.
final class PostgresDatabase: LoadDatabase {
    let dialect = SQLDialect.postgresql
    private let group: MultiThreadedEventLoopGroup
    private var connection: PostgresConnection?
    private let logger = Logger(label: "iatix.load")
    /// The copies sent and not yet waited for, each one after the one before.
    private var copies: Task<Void, any Error>?
    private var copiesInFlight = 0
    /// Copies sent before the next one waits (about two batches of every table).
    private static let copiesAhead = 32

    /// Connects to `address`.
    init(_ address: DatabaseURL.PostgresAddress) throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: .disable)
        let (loop, logger) = (group.next(), logger)
        do {
            connection = try blocking {
                try await PostgresConnection.connect(on: loop, configuration: configuration, id: 1, logger: logger)
            }
        } catch {
            try? group.syncShutdownGracefully()
            throw DatabaseFailure(message: "cannot connect to postgresql://\(address.user)@\(address.host):\(address.port)/\(address.database): \(String(reflecting: error))")
        }
    }

    private func open() throws -> PostgresConnection {
        guard let connection else { throw DatabaseFailure(message: "the PostgreSQL connection is closed") }
        return connection
    }

    func execute(_ sql: String, _ arguments: [Cell]) throws {
        _ = try query(sql, arguments)
    }

    func query(_ sql: String, _ arguments: [Cell]) throws -> [[String?]] {
        try waitForCopies()
        let (connection, logger) = (try open(), logger)
        let query = Self.query(sql, arguments)
        do {
            return try blocking {
                var rows: [[String?]] = []
                for try await row in try await connection.query(query, logger: logger) {
                    rows.append(try row.map(Self.text))
                }
                return rows
            }
        } catch {
            throw DatabaseFailure(message: Self.message(error))
        }
    }

    func insert(table: String, columns: [String], cells: [Cell]) throws {
        let (connection, logger) = (try open(), logger)
        var buffer = ByteBufferAllocator().buffer(capacity: cells.count * 16)
        for start in stride(from: 0, to: cells.count, by: columns.count) {
            CopyText.append(cells[start..<start + columns.count], to: &buffer)
        }
        let data = buffer
        if copiesInFlight >= Self.copiesAhead { try waitForCopies() }
        let previous = copies
        copies = Task.detached { try await PostgresDatabase.copy(data, into: table, columns: columns, on: connection, logger: logger, after: previous) }
        copiesInFlight += 1
    }

    /// Sends `data` with `COPY table (columns) FROM STDIN` once `previous` is done.
    private static func copy(_ data: ByteBuffer, into table: String, columns: [String], on connection: PostgresConnection, logger: Logger, after previous: Task<Void, any Error>?) async throws {
        if let previous { try await previous.value }
        do {
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                try await writer.write(data)
            }
        } catch {
            throw DatabaseFailure(message: "\(table): \(message(error))")
        }
    }

    /// Waits for the copies sent; throws the first that failed.
    private func waitForCopies() throws {
        guard let copies else { return }
        self.copies = nil
        copiesInFlight = 0
        try blocking { try await copies.value }
    }

    /// Nothing to change: the server's settings are the administrator's.
    func setLoadingIntoEmpty(_ empty: Bool) throws {}

    func begin() throws { try execute("BEGIN") }

    func commit() throws { try execute("COMMIT") }

    func rollback() {
        try? waitForCopies()
        try? execute("ROLLBACK")
    }

    func close() {
        try? waitForCopies()
        if let connection {
            try? blocking { try await connection.close() }
            self.connection = nil
            try? group.syncShutdownGracefully()
        }
    }

    /// `sql` with its `?` placeholders numbered `$1`, `$2`, … and the arguments bound.
    private static func query(_ sql: String, _ arguments: [Cell]) -> PostgresQuery {
        var text = ""
        var number = 0
        for character in sql {
            if character == "?" {
                number += 1
                text += "$\(number)"
            } else {
                text.append(character)
            }
        }
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .empty: bindings.appendNull()
            case .integer(let value): bindings.append(value)
            case .boolean(let value): bindings.append(value)
            default: bindings.append(argument.text)
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }

    /// A result cell as text; `nil` for NULL.
    private static func text(_ cell: PostgresCell) throws -> String? {
        guard cell.bytes != nil else { return nil }
        switch cell.dataType {
        case .int2, .int4, .int8: return String(try cell.decode(Int.self))
        case .bool: return try cell.decode(Bool.self) ? "true" : "false"
        case .numeric: return try cell.decode(Decimal.self).plainText
        default: return try cell.decode(String.self)
        }
    }

    /// The server's message when there is one.
    private static func message(_ error: any Error) -> String {
        if let error = error as? PSQLError, let message = error.serverInfo?[.message] {
            let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
            return message + detail
        }
        return String(reflecting: error)
    }
}

/// Rows in the text format of `COPY … FROM STDIN`: fields separated by tabs, rows ended by a
/// newline, `\N` for NULL, and backslash, tab, newline and carriage return escaped.
enum CopyText {
    static func append(_ row: ArraySlice<Cell>, to buffer: inout ByteBuffer) {
        for (index, cell) in zip(row.indices, row) {
            if index > row.startIndex { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch cell {
            case .empty: buffer.writeStaticString("\\N")
            case .integer(let value): buffer.writeString(String(value))
            case .boolean(let value): buffer.writeStaticString(value ? "t" : "f")
            case .text(let value): appendEscaped(value, to: &buffer)
            default: appendEscaped(cell.text, to: &buffer)
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    static func appendEscaped(_ text: String, to buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }
}
