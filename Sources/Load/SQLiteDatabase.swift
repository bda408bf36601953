import GRDB
import GRDBSQLite
import Tables

/// A SQLite file through GRDB: WAL journal, foreign keys on, rows inserted through one
/// prepared statement per table, bound with SQLite's own calls.
///
/// GRDB is synchronous, as the flat-table writers are: each call runs on the connection's
/// queue and returns when SQLite is done. The connection is closed with ``close()``.
final class SQLiteDatabase: LoadDatabase {
    let dialect = SQLDialect.sqlite
    private var queue: DatabaseQueue?
    /// `INSERT` statements by table, prepared once.
    private var inserts: [String: Statement] = [:]

    /// Opens `path`, created when missing.
    init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.journalMode = .wal
        configuration.label = "iatix.load"
        // A document's transaction spans many calls (begin, batches of rows, commit), each one
        // access to the queue: this class opens and ends it itself.
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            // With WAL, NORMAL keeps the file consistent; only the last transactions may be lost on power loss.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    private func connection() throws -> DatabaseQueue {
        guard let queue else { throw DatabaseFailure(message: "the SQLite database is closed") }
        return queue
    }

    func execute(_ sql: String, _ arguments: [Cell]) throws {
        try connection().inDatabase { db in
            try db.execute(sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue)))
        }
    }

    func query(_ sql: String, _ arguments: [Cell]) throws -> [[String?]] {
        try connection().inDatabase { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue))).map { row in
                row.databaseValues.map(\.text)
            }
        }
    }

    func insert(table: String, columns: [String], cells: [Cell]) throws {
        try connection().inDatabase { db in
            let statement = try insertStatement(table: table, columns: columns, db: db)
            let handle = statement.sqliteStatement
            for start in stride(from: 0, to: cells.count, by: columns.count) {
                sqlite3_reset(handle)
                for column in 0..<columns.count { cells[start + column].bind(to: handle, at: Int32(column + 1)) }
                let code = sqlite3_step(handle)
                guard code == SQLITE_DONE else {
                    let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
                    sqlite3_reset(handle)
                    throw DatabaseFailure(message: "\(table): \(message)")
                }
            }
            sqlite3_reset(handle)
        }
    }

    private func insertStatement(table: String, columns: [String], db: Database) throws -> Statement {
        if let statement = inserts[table] { return statement }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try db.makeStatement(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
        inserts[table] = statement
        return statement
    }

    /// Into an empty database, a rollback journal instead of WAL: pages past the end of the
    /// file at the start of a transaction are not journaled, so each page of the new rows is
    /// written once (WAL writes it to the log, then again to the file), and
    /// `synchronous = FULL`, so each file's commit is durable as well as atomic. Other
    /// connections cannot read while a file is being written, but there is nothing to read
    /// yet. Back in WAL at the end; when another connection is open, WAL is kept throughout.
    func setLoadingIntoEmpty(_ empty: Bool) throws {
        try connection().inDatabase { db in
            if empty {
                guard (try? db.execute(sql: "PRAGMA journal_mode = DELETE")) != nil else { return }
                try db.execute(sql: "PRAGMA synchronous = FULL")
            } else {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
    }

    func begin() throws { try connection().inDatabase { try $0.beginTransaction(.immediate) } }

    func commit() throws { try connection().inDatabase { try $0.commit() } }

    func rollback() {
        try? queue?.inDatabase { db in if db.isInsideTransaction { try db.rollback() } }
    }

    func close() {
        inserts = [:]
        try? queue?.close()
        queue = nil
    }
}

/// SQLite's "copy the value now" destructor: the bound text is gone after the call.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension Cell {
    /// The value as SQLite stores it: text, decimals as exact text, integers, booleans as 0/1.
    var databaseValue: DatabaseValue {
        switch self {
        case .empty: .null
        case .integer(let value): value.databaseValue
        case .boolean(let value): (value ? 1 : 0).databaseValue
        default: text.databaseValue
        }
    }

    /// Binds the value to parameter `index` of a prepared statement.
    func bind(to statement: OpaquePointer, at index: Int32) {
        switch self {
        case .empty: sqlite3_bind_null(statement, index)
        case .integer(let value): sqlite3_bind_int64(statement, index, Int64(value))
        case .boolean(let value): sqlite3_bind_int64(statement, index, value ? 1 : 0)
        case .text(let value): sqlite3_bind_text(statement, index, value, -1, transient)
        default: sqlite3_bind_text(statement, index, text, -1, transient)
        }
    }
}

extension DatabaseValue {
    /// The value as text; `nil` for NULL.
    var text: String? {
        switch storage {
        case .null: nil
        case .int64(let value): String(value)
        case .double(let value): String(value)
        case .string(let value): value
        case .blob(let data): String(decoding: data, as: UTF8.self)
        }
    }
}
