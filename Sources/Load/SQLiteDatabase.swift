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
    private let path: String
    private let lockWait: Double

    /// Opens `path`, created when missing.
    /// - Parameter lockWait: seconds to wait for another writer of the file (another
    ///   `iatix load`) to end its transaction before giving up with ``DatabaseInUse``.
    init(path: String, lockWait: Double) throws {
        self.path = path
        self.lockWait = lockWait
        var configuration = Configuration()
        // SQLite lets one writer in at a time: a second one waits for its turn (SQLite retries
        // until the time is up) instead of failing at once with "database is locked".
        configuration.busyMode = .timeout(lockWait)
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
        queue = try inUseWhenBusy { try DatabaseQueue(path: path, configuration: configuration) }
    }

    /// Runs `body` on the connection.
    /// - Throws: ``DatabaseInUse`` when another writer kept the file past ``lockWait``, else
    ///   what `body` threw.
    private func withConnection<T>(_ body: (Database) throws -> T) throws -> T {
        guard let queue else { throw DatabaseFailure(message: "the SQLite database is closed") }
        return try inUseWhenBusy { try queue.inDatabase(body) }
    }

    /// `body`'s result; SQLite's "database is locked" (SQLITE_BUSY, once the wait is over) as
    /// ``DatabaseInUse``, which stops the run rather than failing the file being loaded.
    private func inUseWhenBusy<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw DatabaseInUse(path: path, waited: lockWait)
        }
    }

    func execute(_ sql: String, _ arguments: [Cell]) throws {
        try withConnection { db in
            try db.execute(sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue)))
        }
    }

    func query(_ sql: String, _ arguments: [Cell]) throws -> [[String?]] {
        try withConnection { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue))).map { row in
                row.databaseValues.map(\.text)
            }
        }
    }

    func insert(table: String, columns: [String], cells: [Cell]) throws {
        try withConnection { db in
            let statement = try insertStatement(table: table, columns: columns, db: db)
            let handle = statement.sqliteStatement
            for start in stride(from: 0, to: cells.count, by: columns.count) {
                sqlite3_reset(handle)
                for column in 0..<columns.count { cells[start + column].bind(to: handle, at: Int32(column + 1)) }
                let code = sqlite3_step(handle)
                guard code == SQLITE_DONE else {
                    let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
                    sqlite3_reset(handle)
                    if code & 0xFF == SQLITE_BUSY { throw DatabaseInUse(path: path, waited: lockWait) }
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
        try withConnection { db in
            if empty {
                guard (try? db.execute(sql: "PRAGMA journal_mode = DELETE")) != nil else { return }
                try db.execute(sql: "PRAGMA synchronous = FULL")
            } else {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
    }

    func begin() throws { try withConnection { try $0.beginTransaction(.immediate) } }

    func commit() throws { try withConnection { try $0.commit() } }

    func rollback() {
        try? queue?.inDatabase { db in if db.isInsideTransaction { try db.rollback() } }
    }

    func close() {
        inserts = [:]
        try? queue?.close()
        queue = nil
    }
}

/// Another process kept writing the SQLite file (another `iatix load` into it, say) for longer
/// than this load would wait: the load stops (it is not the input's fault) and can be run again.
struct DatabaseInUse: OutputUnavailable {
    var path: String
    var waited: Double

    var description: String {
        "the SQLite database \(path) is in use by another writer (another iatix load?): waited \(Int(waited.rounded())) s for it "
            + "to finish without getting a turn; run this load again once the other has finished (files already loaded are skipped as unchanged)"
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
