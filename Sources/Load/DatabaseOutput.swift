import Foundation
import Inputs
import LibXML
import Tables

/// What happened to one input document in a load.
public enum DatasetEvent: Sendable, Hashable {
    /// Its rows were loaded as dataset `id`; `replaced` lists the datasets of an earlier
    /// version of the same file that were deleted in the same transaction.
    case loaded(file: String, id: Int, replaced: [Int])
    /// The same bytes were already loaded, as dataset `id`: nothing was done.
    case unchanged(file: String, id: Int)
    /// It could not be read to its end: none of its rows were kept.
    case failed(file: String)
}

/// The flat tables into a database, one transaction per input document: a ``Tables/TableOutput``
/// that is also told where each document starts and ends (``Tables/DocumentBoundaries``).
///
/// Each document becomes a row of `datasets`, and its `dataset_id` is put first on each of its
/// rows. Rows wait in memory and go to the database in batches (all tables in catalogue order,
/// parents before children); the transaction is committed when the document was read to its
/// end, and rolled back when it failed. A document whose SHA-256 is already in `datasets` is
/// skipped; a new version of one already loaded (the same file path, or the same member path in
/// an archive) replaces it in the same transaction, unless ``LoadOptions/Mode/append``.
final class DatabaseOutput: TableOutput, DocumentBoundaries {
    private let database: any LoadDatabase
    private let schema: Schema
    private let mode: LoadOptions.Mode
    private let iatixVersion: String
    private let events: ((DatasetEvent) -> Void)?
    private var tables: [String: TableBuffer] = [:]
    private var order: [String] = []
    private var buffered = 0
    /// Rows buffered before they are sent.
    private let batchRows: Int
    private var current: CurrentDataset?
    private(set) var loaded: [DatasetEvent] = []
    /// Activity identifiers in more than one dataset, found by ``commit()``.
    private(set) var repeated: [(identifier: String, datasets: Int)] = []
    private var closed = false
    /// Set while the indexes (and PostgreSQL's foreign keys) are away, to be made at the end.
    private var deferred: DeferredConstraints?

    /// The document being loaded.
    private struct CurrentDataset {
        var id: Int
        var document: InputDocument
        /// Known before reading for plain files (hashed first), after for archive members.
        var sha256: String?
        var version: String?
        var publisher: String?
    }

    init(database: any LoadDatabase, schema: Schema, mode: LoadOptions.Mode, iatixVersion: String, batchRows: Int = 20_000, events: ((DatasetEvent) -> Void)?) {
        self.database = database
        self.schema = schema
        self.mode = mode
        self.iatixVersion = iatixVersion
        self.batchRows = batchRows
        self.events = events
    }

    // MARK: TableOutput

    func prepare(tables names: [String]) throws {
        order = names
        try Migration.apply(schema, to: database, at: Self.now())
        if mode == .replace { try empty() }
        let constraints = DeferredConstraints(schema: schema, database: database)
        if try constraints.databaseIsEmpty() {
            try constraints.drop()
            deferred = constraints
        } else {
            try constraints.restore()
        }
    }

    func open(table: String, columns: [Column]) throws -> any RowWriter {
        guard let definition = schema.tables.first(where: { $0.definition.name == table })?.definition else {
            throw DatabaseFailure(message: "no table \(table) in the schema")
        }
        let buffer = TableBuffer(definition: definition, columns: columns, output: self)
        tables[table] = buffer
        return buffer
    }

    /// Makes the indexes and keys left for the end, notes the activities repeated across
    /// datasets, and closes the database.
    func commit() throws -> [String] {
        try restoreDeferred()
        repeated = try repeatedActivities()
        close()
        return []
    }

    /// Rolls back the document being loaded, if any, makes the indexes and keys left for the
    /// end, and closes the database (again harmless).
    func discard() {
        abandonDocument()
        if !closed { try? restoreDeferred() }
        close()
    }

    private func restoreDeferred() throws {
        guard let constraints = deferred else { return }
        deferred = nil
        try constraints.restore()
    }

    /// Deletes the rows of a dataset, children first (the foreign keys may be away), then the dataset.
    private func delete(dataset id: Int) throws {
        for (definition, _) in schema.tables.reversed() {
            try database.execute("DELETE FROM \(definition.name) WHERE dataset_id = ?", [.integer(id)])
        }
        try database.execute("DELETE FROM datasets WHERE dataset_id = ?", [.integer(id)])
    }

    /// Empties every table (``LoadOptions/Mode/replace``), children first.
    private func empty() throws {
        try inTransaction(database) {
            for (definition, _) in schema.tables.reversed() { try database.execute("DELETE FROM \(definition.name)") }
            try database.execute("DELETE FROM datasets")
        }
    }

    private func close() {
        guard !closed else { return }
        closed = true
        database.close()
    }

    // MARK: DocumentBoundaries

    func beginDocument(_ document: InputDocument, cursor: ArchiveCursor) throws -> String? {
        let hashed = try Self.hashFirst(document)
        if let sha256 = hashed?.sha256, let id = try dataset(withSHA256: sha256) {
            events?(.unchanged(file: document.displayName, id: id))
            return "unchanged: already loaded as dataset \(id)"
        }
        try database.begin()
        do {
            let size = hashed?.size ?? document.size
            let row = try database.query(
                "INSERT INTO datasets (path, member, sha256, size, loaded_at, iatix_version) VALUES (?, ?, ?, ?, ?, ?) RETURNING dataset_id",
                [.text(Self.identity(document).path), .optional(document.memberPath), .optional(hashed?.sha256),
                 size.map(Cell.integer) ?? .empty, .text(Self.now()), .text(iatixVersion)])
            guard let id = row.first?.first.flatMap({ $0 }).flatMap({ Int($0) }) else { throw DatabaseFailure(message: "datasets: no dataset_id returned") }
            current = CurrentDataset(id: id, document: document, sha256: hashed?.sha256)
        } catch {
            database.rollback()
            throw error
        }
        return nil
    }

    func endDocument(sha256: String) throws -> String? {
        guard let dataset = current else { return nil }
        try flush()
        if dataset.sha256 == nil, let id = try self.dataset(withSHA256: sha256) {
            abandonDocument()
            events?(.unchanged(file: dataset.document.displayName, id: id))
            return "unchanged: already loaded as dataset \(id)"
        }
        let replaced = mode == .append ? [] : try earlierVersions(of: dataset)
        for id in replaced { try delete(dataset: id) }
        try database.execute(
            "UPDATE datasets SET sha256 = ?, version = ?, publisher = ? WHERE dataset_id = ?",
            [.text(sha256), .optional(dataset.version), .optional(dataset.publisher), .integer(dataset.id)])
        try database.commit()
        current = nil
        for table in tables.values { table.committed() }
        let event = DatasetEvent.loaded(file: dataset.document.displayName, id: dataset.id, replaced: replaced)
        loaded.append(event)
        events?(event)
        return nil
    }

    func abandonDocument() {
        guard let dataset = current else { return }
        for table in tables.values { table.dropPending() }
        buffered = 0
        database.rollback()
        current = nil
        events?(.failed(file: dataset.document.displayName))
    }

    // MARK: Rows

    /// The dataset rows of the document go under, for ``TableBuffer``.
    var datasetID: Int? { current?.id }

    /// Notes the version and publisher from the document's first activity.
    func noteActivity(version: String?, publisher: String?) {
        guard current != nil, current?.version == nil, current?.publisher == nil else { return }
        current?.version = version
        current?.publisher = publisher
    }

    /// Counts a row buffered; sends every table's rows when the batch is full.
    func rowBuffered() throws {
        buffered += 1
        if buffered >= batchRows { try flush() }
    }

    /// Sends the buffered rows of every table, parents first.
    private func flush() throws {
        for name in order { try tables[name]?.send(to: database) }
        buffered = 0
    }

    // MARK: Datasets

    private func dataset(withSHA256 sha256: String) throws -> Int? {
        try database.query("SELECT dataset_id FROM datasets WHERE sha256 = ?", [.text(sha256)]).first?.first.flatMap { $0 }.flatMap { Int($0) }
    }

    /// Datasets of the same file as `dataset`: the same path, or the same member path in an archive.
    private func earlierVersions(of dataset: CurrentDataset) throws -> [Int] {
        let identity = Self.identity(dataset.document)
        let rows = if let member = identity.member {
            try database.query("SELECT dataset_id FROM datasets WHERE member = ? AND dataset_id <> ?", [.text(member), .integer(dataset.id)])
        } else {
            try database.query("SELECT dataset_id FROM datasets WHERE path = ? AND member IS NULL AND dataset_id <> ?", [.text(identity.path), .integer(dataset.id)])
        }
        return rows.compactMap { $0.first.flatMap { $0 }.flatMap { Int($0) } }
    }

    /// Identifiers that are in more than one dataset, with the number of datasets.
    func repeatedActivities() throws -> [(identifier: String, datasets: Int)] {
        try database.query("""
            SELECT iati_identifier, count(DISTINCT dataset_id) FROM activities WHERE iati_identifier IS NOT NULL
            GROUP BY iati_identifier HAVING count(DISTINCT dataset_id) > 1 ORDER BY iati_identifier
            """).map { ($0[0] ?? "", Int($0[1] ?? "") ?? 0) }
    }

    /// Values in number columns that were not numbers, loaded as NULL (committed documents).
    var nonNumbersLoadedAsNull: Int { tables.values.reduce(0) { $0 + $1.committedNonNumbers } }

    /// Rows committed per table, in table order.
    var committedRows: [(table: String, count: Int)] {
        order.compactMap { name in tables[name].map { (name, $0.committedRows) } }
    }

    /// How a document is known across versions: its real path, and its member path in an archive.
    static func identity(_ document: InputDocument) -> (path: String, member: String?) {
        (document.path == "-" ? "-" : Paths.realPath(document.path) ?? document.path, document.memberPath)
    }

    /// A plain file's SHA-256 and size, read ahead; `nil` for archive members and standard input
    /// (hashed as they are read).
    static func hashFirst(_ document: InputDocument) throws -> (sha256: String, size: Int)? {
        guard case .file(let path) = document.origin, document.canBeReadAgain else { return nil }
        let source = HashingSource(try FileSource(path: path))
        try source.drain()
        return (source.hexDigest, source.count)
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
