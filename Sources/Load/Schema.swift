import Tables

/// The database schema, made from the flat-table definitions (``Tables/TableCatalogue``): the
/// same tables and columns as `iatix flatten` writes, plus `datasets` (one row per input file or
/// archive member) and `dataset_id` on every row; keys, indexes and views.
///
/// Narrative and converted-amount columns depend on the languages and currencies of a run:
/// the first run creates those it asks for, later runs add the ones missing
/// (``missingColumns(in:)``).
struct Schema {
    let dialect: SQLDialect
    /// Every table with its columns (without `dataset_id`), in catalogue order.
    let tables: [(definition: TableDefinition, columns: [Column])]

    init(dialect: SQLDialect, definitions: [TableDefinition], languages: [String], currencies: [String]) {
        self.dialect = dialect
        tables = definitions.map { ($0, $0.expand(languages: languages, currencies: currencies)) }
    }

    /// Columns an index is made on, wherever a table has them: identifiers, codes and dates
    /// that queries select or join on.
    static let indexed: [String] = [
        "iati_identifier", "reporting_org_ref", "last_updated_datetime", "transaction_type", "transaction_date",
        "country_code", "sector_code", "code", "ref", "period_start", "year", "language", "element",
    ]

    /// `datasets`: one row per input file or archive member loaded.
    var datasetsTable: String {
        """
        CREATE TABLE datasets (
            dataset_id \(dialect.datasetIdentifier),
            path TEXT NOT NULL,
            member TEXT,
            sha256 TEXT UNIQUE,
            size BIGINT,
            version TEXT,
            publisher TEXT,
            loaded_at TEXT NOT NULL,
            iatix_version TEXT NOT NULL
        )
        """
    }

    /// CREATE TABLE for one flat table: `dataset_id` first, its key as primary key, foreign keys
    /// to its parent and to `datasets` (deleting a dataset deletes its rows).
    func createTable(_ definition: TableDefinition, columns: [Column]) -> String {
        var lines = ["dataset_id BIGINT NOT NULL"]
        lines += columns.map { column in
            "\(column.name) \(dialect.type(of: column.type))" + (definition.key.contains(column.name) ? " NOT NULL" : "")
        }
        lines.append("PRIMARY KEY (\((["dataset_id"] + definition.key).joined(separator: ", ")))")
        lines += Self.foreignKeys(definition).map(\.clause)
        return "CREATE TABLE \(definition.name) (\n    \(lines.joined(separator: ",\n    "))\n)"
    }

    /// A foreign key of a flat table: to `datasets`, or to its parent table.
    struct ForeignKey: Hashable {
        var table: String
        var parent: String
        /// `FOREIGN KEY (…) REFERENCES parent (…) ON DELETE CASCADE`.
        var clause: String
    }

    /// The foreign keys of a table: `dataset_id` to `datasets`, and its parent's key (with
    /// `dataset_id`) to its parent.
    static func foreignKeys(_ definition: TableDefinition) -> [ForeignKey] {
        var keys = [ForeignKey(table: definition.name, parent: "datasets", clause: "FOREIGN KEY (dataset_id) REFERENCES datasets (dataset_id) ON DELETE CASCADE")]
        if let parent = definition.parent, let parentKey = TableCatalogue.table(parent)?.key {
            let key = (["dataset_id"] + parentKey).joined(separator: ", ")
            keys.append(ForeignKey(table: definition.name, parent: parent, clause: "FOREIGN KEY (\(key)) REFERENCES \(parent) (\(key)) ON DELETE CASCADE"))
        }
        return keys
    }

    /// The foreign keys of every flat table.
    var foreignKeys: [ForeignKey] { tables.flatMap { Self.foreignKeys($0.definition) } }

    /// A secondary index, on one of the ``indexed`` columns of a flat table.
    struct Index: Hashable {
        var name: String
        var table: String
        var column: String
        var create: String { "CREATE INDEX \(name) ON \(table) (\(column))" }
        var createIfMissing: String { "CREATE INDEX IF NOT EXISTS \(name) ON \(table) (\(column))" }
    }

    /// The indexes on the ``indexed`` columns of a table.
    static func indexes(_ definition: TableDefinition, columns: [Column]) -> [Index] {
        let names = Set(columns.map(\.name))
        return indexed.filter(names.contains).map { Index(name: "\(definition.name)_\($0)", table: definition.name, column: $0) }
    }

    /// The indexes of every flat table (not those of `datasets`, which every load queries).
    var indexes: [Index] { tables.flatMap { Self.indexes($0.definition, columns: $0.columns) } }

    /// Every statement of the first migration: datasets, the tables, their indexes, the views.
    var creation: [String] {
        var statements = [datasetsTable, "CREATE INDEX datasets_path ON datasets (path, member)", "CREATE INDEX datasets_member ON datasets (member)"]
        for (definition, columns) in tables {
            statements.append(createTable(definition, columns: columns))
            statements += Self.indexes(definition, columns: columns).map(\.create)
        }
        return statements + Self.views
    }

    /// Totals from the tables: per activity (transactions), per year and per country or region
    /// × sector (transaction_splits, whose rows of one transaction and sector vocabulary add up
    /// to its value), and the current version of each activity.
    static let views: [String] = [
        """
        CREATE VIEW activity_totals AS
        SELECT dataset_id, activity_index, iati_identifier, transaction_type, currency,
               count(*) AS transactions, sum(value) AS total
        FROM transactions
        GROUP BY dataset_id, activity_index, iati_identifier, transaction_type, currency
        """,
        """
        CREATE VIEW yearly_totals AS
        SELECT substr(transaction_date, 1, 4) AS year, transaction_type, currency, sector_vocabulary,
               count(*) AS splits, sum(value_split) AS total
        FROM transaction_splits
        GROUP BY substr(transaction_date, 1, 4), transaction_type, currency, sector_vocabulary
        """,
        """
        CREATE VIEW sector_country_totals AS
        SELECT country_code, region_vocabulary, region_code, sector_vocabulary, sector_code, transaction_type, currency,
               count(*) AS splits, sum(value_split) AS total
        FROM transaction_splits
        GROUP BY country_code, region_vocabulary, region_code, sector_vocabulary, sector_code, transaction_type, currency
        """,
        """
        CREATE VIEW current_activities AS
        SELECT * FROM (
            SELECT activities.*, row_number() OVER (
                PARTITION BY iati_identifier ORDER BY last_updated_datetime DESC NULLS LAST, dataset_id DESC
            ) AS version_rank
            FROM activities WHERE iati_identifier IS NOT NULL
        ) ranked WHERE version_rank = 1
        """,
    ]

    /// The languages of a database's narrative columns (`title_en` → `en`), in their order:
    /// none for a new database.
    static func languages(in database: any LoadDatabase) throws -> [String] {
        try database.query(database.dialect.columnNamesQuery, [.text("activities")]).compactMap { row in
            guard let name = row.first ?? nil, name.hasPrefix("title_") else { return nil }
            return String(name.dropFirst("title_".count))
        }
    }

    /// ALTER TABLE statements adding the columns of this run's languages and currencies that
    /// the tables do not have yet.
    func missingColumns(in database: any LoadDatabase) throws -> [String] {
        var statements: [String] = []
        for (definition, columns) in tables {
            let existing = Set(try database.query(dialect.columnNamesQuery, [.text(definition.name)]).compactMap { $0.first ?? nil })
            for column in columns where !existing.contains(column.name) {
                statements.append("ALTER TABLE \(definition.name) ADD COLUMN \(column.name) \(dialect.type(of: column.type))")
            }
        }
        return statements
    }
}

/// One step of the schema, applied once, in order, and recorded in `schema_migrations`.
struct Migration: Sendable {
    var version: Int
    var description: String
    var statements: @Sendable (Schema) -> [String]

    /// Every migration, in order.
    static let all: [Migration] = [
        Migration(version: 1, description: "datasets, the flat tables, keys, indexes and views") { $0.creation },
    ]

    /// Applies the migrations the database has not had, each in its own transaction, then
    /// adds the columns this run needs.
    static func apply(_ schema: Schema, to database: any LoadDatabase, at time: String) throws {
        try database.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)")
        let current = Int(try database.query("SELECT max(version) FROM schema_migrations").first?.first.flatMap { $0 } ?? "") ?? 0
        for migration in all where migration.version > current {
            try inTransaction(database) {
                for statement in migration.statements(schema) { try database.execute(statement) }
                try database.execute(
                    "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)",
                    [.integer(migration.version), .text(migration.description), .text(time)])
            }
        }
        let added = try schema.missingColumns(in: database)
        if !added.isEmpty {
            try inTransaction(database) { for statement in added { try database.execute(statement) } }
        }
    }
}

/// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
func inTransaction(_ database: any LoadDatabase, _ body: () throws -> Void) throws {
    try database.begin()
    do {
        try body()
        try database.commit()
    } catch {
        database.rollback()
        throw error
    }
}
