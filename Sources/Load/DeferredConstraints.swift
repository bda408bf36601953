import Tables

/// The indexes of the flat tables, and in PostgreSQL their foreign keys, made after the rows
/// when a load starts on an empty database.
///
/// Kept up row by row, they cost most of a large load: every row updates a dozen index trees
/// in random order, and in PostgreSQL every child row runs a foreign-key check against its
/// parent. Made once at the end, an index is built from sorted rows and a foreign key is
/// checked in one join. So a load that starts with no datasets drops them (``drop()``) and
/// makes them again at the end of the run (``restore()``), whether the run succeeded or not;
/// a load into a database that has rows keeps them and checks each row as it goes.
///
/// Rows of a dataset are deleted table by table, children first (``DatabaseOutput``), so
/// replacing a dataset needs no cascade while the foreign keys are away. A run that is killed
/// before it restores them leaves the rows without them: the next load makes what is missing
/// before it writes (``restore()`` adds only what is not there).
struct DeferredConstraints {
    let schema: Schema
    let database: any LoadDatabase

    /// Whether the database has no dataset yet.
    func databaseIsEmpty() throws -> Bool {
        try database.query("SELECT count(*) FROM (SELECT 1 FROM datasets LIMIT 1) AS one").first?.first.flatMap { $0 } == "0"
    }

    /// Drops the indexes of the flat tables and, in PostgreSQL, their foreign keys; sets the
    /// database up for a load into an empty database (``LoadDatabase/setLoadingIntoEmpty(_:)``).
    func drop() throws {
        try database.setLoadingIntoEmpty(true)
        try inTransaction(database) {
            for index in schema.indexes { try database.execute("DROP INDEX IF EXISTS \(index.name)") }
            if database.dialect == .postgresql {
                for key in try existingForeignKeys() { try database.execute("ALTER TABLE \(key.table) DROP CONSTRAINT \(key.name)") }
            }
        }
    }

    /// Makes the indexes and foreign keys that are missing (each checked against the rows), and
    /// sets the database back for shared use.
    func restore() throws {
        defer { try? database.setLoadingIntoEmpty(false) }
        try inTransaction(database) {
            for index in schema.indexes { try database.execute(index.createIfMissing) }
            if database.dialect == .postgresql {
                let present = Set(try existingForeignKeys().map { [$0.table, $0.parent] })
                for key in schema.foreignKeys where !present.contains([key.table, key.parent]) {
                    try database.execute("ALTER TABLE \(key.table) ADD \(key.clause)")
                }
            }
        }
    }

    /// The foreign keys of the flat tables in PostgreSQL: table, constraint name, referenced table.
    private func existingForeignKeys() throws -> [(table: String, name: String, parent: String)] {
        let tables = Set(schema.tables.map(\.definition.name))
        return try database.query("""
            SELECT c.relname, k.conname, p.relname FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
            WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace
            """).compactMap { row in
            guard row.count == 3, let table = row[0], let name = row[1], let parent = row[2], tables.contains(table) else { return nil }
            return (table, name, parent)
        }
    }
}
