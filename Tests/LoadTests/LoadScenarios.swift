import Foundation
import IATI
@testable import Load
import Tables
import Testing
import TestSupport

/// The checks every database must pass, each on a fresh database from `newDatabase`.
struct LoadScenarios {
    /// A new, empty database named after the scenario.
    let newDatabase: (String) async throws -> DatabaseURL

    static let sample = Reference.packageRoot + "/samples/ilo-vietnam-activities.xml"
    static let older = Reference.packageRoot + "/samples/versions/ilo-vietnam-2.02.xml"

    /// Row counts per table equal those `iatix flatten` writes; splits add up to their transaction.
    func countsAndSplits() async throws {
        let url = try await newDatabase("counts")
        let summary = try await runLoadAsync(LoadOptions(inputs: [Self.sample, Self.older], database: url))
        #expect(summary.read.problems.isEmpty)
        let expected = try Self.flattenCounts([Self.sample, Self.older])
        #expect(Dictionary(uniqueKeysWithValues: summary.rows.map { ($0.table, $0.count) }) == expected)
        #expect(try await Self.tableCounts(url) == expected)
        #expect(try await Self.query(url, "SELECT count(*) FROM datasets").first?.first == "2")
        try await Self.expectSplitsAddUp(url)
    }

    /// Loading the same input again changes nothing and says so.
    func loadTwice() async throws {
        let url = try await newDatabase("twice")
        _ = try await runLoadAsync(LoadOptions(inputs: [Self.sample], database: url))
        let first = try await Self.tableCounts(url)
        let again = try await runLoadAsync(LoadOptions(inputs: [Self.sample], database: url))
        #expect(again.read.unchanged.count == 1)
        #expect(again.rows.allSatisfy { $0.count == 0 })
        #expect(try await Self.tableCounts(url) == first)
        #expect(try await Self.query(url, "SELECT count(*) FROM datasets").first?.first == "1")
    }

    /// A new version of a file replaces the rows of the earlier one.
    func changedFileReplaces() async throws {
        let url = try await newDatabase("changed")
        let folder = try Self.temporaryFolder()
        let path = folder + "/partner.xml"
        try FileManager.default.copyItem(atPath: Self.sample, toPath: path)
        _ = try await runLoadAsync(LoadOptions(inputs: [path], database: url))
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: Self.older, toPath: path)
        let second = try await runLoadAsync(LoadOptions(inputs: [path], database: url))
        try await Self.expectOlderReplacedSample(second.datasets.first, in: url)
    }

    /// A file that fails part-way leaves none of its rows; the files around it are loaded.
    func brokenFileInTheMiddle() async throws {
        let url = try await newDatabase("broken")
        let folder = try Self.temporaryFolder()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.sample))
        let broken = folder + "/truncated.xml"
        try bytes.prefix(bytes.count * 3 / 4).write(to: URL(fileURLWithPath: broken))
        var options = LoadOptions(inputs: [Self.sample, broken, Self.older], database: url)
        options.batchRows = 7 // rows of the broken file reach the database before it fails
        let summary = try await runLoadAsync(options)
        #expect(summary.read.problems.map(\.file) == [broken])
        #expect(summary.datasets.contains(.failed(file: broken)))
        #expect(try await Self.tableCounts(url) == (try Self.flattenCounts([Self.sample, Self.older])))
        #expect(try await Self.query(url, "SELECT count(*) FROM datasets WHERE path LIKE '%truncated.xml'").first?.first == "0")
    }

    /// A load into an empty database makes its indexes and foreign keys after the rows; a
    /// second load into the same database keeps them; a load after a run that was killed
    /// before making them makes them. Each time, rows without a parent are refused and
    /// deleting a dataset deletes its rows.
    func keysAndIndexesAfterEachLoad() async throws {
        let url = try await newDatabase("keys")
        _ = try await runLoadAsync(LoadOptions(inputs: [Self.sample], database: url))
        try await Self.expectKeysAndIndexes(url)
        let folder = try Self.temporaryFolder()
        try FileManager.default.copyItem(atPath: Self.older, toPath: folder + "/older.xml")
        _ = try await runLoadAsync(LoadOptions(inputs: [folder + "/older.xml"], database: url))
        try await Self.expectKeysAndIndexes(url)
        #expect(try await Self.tableCounts(url) == (try Self.flattenCounts([Self.sample, Self.older])))

        try await Self.execute(url, "DROP INDEX transactions_transaction_date")
        if case .postgresql = url {
            try await Self.execute(url, "ALTER TABLE transactions DROP CONSTRAINT transactions_dataset_id_activity_index_fkey")
        }
        _ = try await runLoadAsync(LoadOptions(inputs: [Self.sample], database: url))
        try await Self.expectKeysAndIndexes(url)

        let first = try await Self.query(url, "SELECT min(dataset_id) FROM datasets").first?.first.flatMap { $0 } ?? ""
        try await Self.execute(url, "DELETE FROM datasets WHERE dataset_id = \(first)")
        #expect(try await Self.tableCounts(url) == (try Self.flattenCounts([Self.older])))
    }

    /// Two archives with a member of the same path, in one run into an empty database (its
    /// foreign keys made at the end): the second member replaces the rows of the first.
    func replacedInTheSameRun() async throws {
        let url = try await newDatabase("samerun")
        let folder = try Self.temporaryFolder()
        let first = folder + "/first.zip", second = folder + "/second.zip"
        try Self.zip(Self.sample, as: "partner.xml", into: first)
        try Self.zip(Self.older, as: "partner.xml", into: second)
        let summary = try await runLoadAsync(LoadOptions(inputs: [first, second], database: url))
        try await Self.expectOlderReplacedSample(summary.datasets.last, in: url)
        try await Self.expectKeysAndIndexes(url)
    }

    /// A later run with another `--lang` fills the database's language columns too, and its own
    /// after them: `title` is in the same language in every row.
    func laterLanguages() async throws {
        let url = try await newDatabase("languages")
        let folder = try Self.temporaryFolder()
        func write(_ identifier: String) throws -> String {
            let path = folder + "/\(identifier).xml"
            try Data(
                ("<iati-activities version=\"2.03\"><iati-activity xml:lang=\"en\"><iati-identifier>\(identifier)</iati-identifier>"
                    + "<title><narrative>Hello</narrative><narrative xml:lang=\"fr\">Bonjour</narrative></title>"
                    + "</iati-activity></iati-activities>").utf8
            ).write(to: URL(fileURLWithPath: path))
            return path
        }
        _ = try await runLoadAsync(LoadOptions(inputs: [try write("XM-A")], database: url))
        var later = LoadOptions(inputs: [try write("XM-B")], database: url)
        later.languages = ["fr"]
        let summary = try await runLoadAsync(later)
        #expect(summary.read.problems.isEmpty, "\(summary.read.problems)")
        let rows = try await Self.query(url, "SELECT iati_identifier, title, title_en, title_fr FROM activities ORDER BY iati_identifier")
        #expect(rows == [["XM-A", "Hello", "Hello", nil], ["XM-B", "Hello", "Hello", "Bonjour"]], "\(rows)")
    }

    /// Values that are not numbers (`1,000,000`, `2e6`, a hierarchy `first`) are NULL in number
    /// columns, counted, and left out of the totals: PostgreSQL's NUMERIC and BIGINT refused the
    /// file, SQLite summed `1,000,000` as 1.
    func amountsNotANumber() async throws {
        let url = try await newDatabase("nan")
        let folder = try Self.temporaryFolder()
        let input = folder + "/nan.xml"
        let transactions = ["1,000,000", "100", "2e6"].map { value in
            "<transaction><transaction-type code=\"3\"/><transaction-date iso-date=\"2021-08-15\"/><value>\(value)</value></transaction>"
        }
        try Data(
            ("<iati-activities version=\"2.03\"><iati-activity default-currency=\"USD\" hierarchy=\"first\"><iati-identifier>XM-NAN</iati-identifier>"
                + transactions.joined() + "</iati-activity></iati-activities>").utf8
        ).write(to: URL(fileURLWithPath: input))
        let summary = try await runLoadAsync(LoadOptions(inputs: [input], database: url))
        #expect(summary.read.problems.isEmpty, "\(summary.read.problems)")
        #expect(summary.nonNumbersAsNull == 5, "two transactions' value, again in their split rows, and the hierarchy")
        #expect(try await Self.query(url, "SELECT count(*) FROM activities WHERE hierarchy IS NULL").first?.first == "1")
        #expect(try await Self.query(url, "SELECT count(*) FROM transactions WHERE value IS NULL").first?.first == "2")
        let total = try await Self.query(url, "SELECT total FROM activity_totals").first?.first ?? nil
        #expect(total.flatMap { Decimal(string: $0) } == 100, "\(String(describing: total))")
    }


    /// `event` loaded the older sample in place of one earlier dataset, and the database holds
    /// its rows and nothing else.
    static func expectOlderReplacedSample(_ event: DatasetEvent?, in url: DatabaseURL, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        guard case .loaded(_, let id, let replaced) = event else {
            Issue.record("the new version was not loaded: \(String(describing: event))", sourceLocation: sourceLocation)
            return
        }
        #expect(replaced.count == 1, sourceLocation: sourceLocation)
        #expect(try await tableCounts(url) == (try flattenCounts([older])), sourceLocation: sourceLocation)
        #expect(try await query(url, "SELECT dataset_id FROM datasets") == [[String(id)]], sourceLocation: sourceLocation)
    }

    /// The database is in WAL mode, every index of the flat tables is there, and so are the
    /// foreign keys: a row whose parent or dataset is missing is refused.
    static func expectKeysAndIndexes(_ url: DatabaseURL, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let schema = Schema(dialect: url.dialect, definitions: TableCatalogue.all, languages: ["en", "vi"], currencies: [])
        let sql = switch url.dialect {
        case .sqlite: "SELECT name FROM sqlite_master WHERE type = 'index'"
        case .postgresql: "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        }
        if case .sqlite(let path) = url {
            // The file's header (bytes 18 and 19: 2 for WAL, 1 for a rollback journal), read
            // without opening the database, which would set WAL itself.
            let header = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(20)
            #expect(Array(header.suffix(2)) == [2, 2], "not in WAL mode", sourceLocation: sourceLocation)
        }
        let indexes = Set(try await query(url, sql).compactMap { $0.first ?? nil })
        #expect(Set(schema.indexes.map(\.name)).subtracting(indexes).isEmpty, "indexes missing", sourceLocation: sourceLocation)
        let dataset = try await query(url, "SELECT max(dataset_id) FROM datasets").first?.first.flatMap { $0 } ?? ""
        let orphans = [
            "INSERT INTO activities (dataset_id, activity_index) VALUES (987654, 0)",
            "INSERT INTO sectors (dataset_id, activity_index, sector_index) VALUES (\(dataset), 987654, 0)",
            "INSERT INTO transaction_splits (dataset_id, activity_index, transaction_index, sector_vocabulary, split_index) VALUES (\(dataset), 0, 987654, '1', 0)",
        ]
        for orphan in orphans {
            await #expect(throws: (any Error).self, "accepted: \(orphan)", sourceLocation: sourceLocation) { try await execute(url, orphan) }
        }
    }

    /// A zip archive at `path` with `file` as its one member, `member`.
    static func zip(_ file: String, as member: String, into path: String) throws {
        guard let python = Command.which("python3") else { throw DatabaseFailure(message: "python3 is not on the PATH") }
        let result = try Command.run(python, ["-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1], 'w').write(sys.argv[2], sys.argv[3])", path, file, member])
        #expect(result.status == 0, "\(result.standardError)")
    }

    /// The README's query, on the sample: commitments and disbursements per year and sector for Viet Nam.
    func readmeQuery() async throws {
        let url = try await newDatabase("readme")
        _ = try await runLoadAsync(LoadOptions(inputs: [Self.sample], database: url))
        let rows = try await Self.query(url, Self.readmeSQL).map { row in row.map { $0.flatMap { Decimal(string: $0)?.plainText } ?? $0 ?? "" } }
        #expect(rows == Self.readmeRows)
    }

    static let readmeSQL = """
        SELECT substr(transaction_date, 1, 4) AS year, sector_code, currency,
               sum(CASE WHEN transaction_type = '2' THEN value_split ELSE 0 END) AS commitments,
               sum(CASE WHEN transaction_type = '3' THEN value_split ELSE 0 END) AS disbursements
        FROM transaction_splits
        WHERE country_code = 'VN' AND sector_vocabulary = '1' AND transaction_type IN ('2', '3')
        GROUP BY substr(transaction_date, 1, 4), sector_code, currency
        ORDER BY year, sector_code, currency
        """

    /// The README's result, values as plain decimals.
    static let readmeRows: [[String]] = [
        ["2023", "11330", "USD", "160000", "72000"],
        ["2023", "11430", "USD", "40000", "18000"],
        ["2023", "15160", "USD", "30000", "15000"],
        ["2023", "15190", "USD", "72000", "36000"],
        ["2023", "16015", "USD", "30000", "15000"],
        ["2023", "16020", "USD", "175000", "84000"],
        ["2023", "16070", "USD", "138000", "69000"],
        ["2023", "16070", "VND", "480000000", "240000000"],
        ["2023", "16080", "VND", "720000000", "360000000"],
        ["2023", "32130", "USD", "75000", "36000"],
        ["2024", "11330", "USD", "0", "88000"],
        ["2024", "11430", "USD", "0", "22000"],
        ["2024", "15160", "USD", "0", "15000"],
        ["2024", "16011", "USD", "40000", "40000"],
        ["2024", "16012", "USD", "24000", "24000"],
        ["2024", "16013", "USD", "16000", "16000"],
        ["2024", "16015", "USD", "0", "15000"],
        ["2024", "16020", "USD", "0", "91000"],
        ["2024", "16070", "USD", "0", "45000"],
        ["2024", "16070", "VND", "0", "420000000"],
        ["2024", "16080", "VND", "0", "630000000"],
        ["2024", "32130", "USD", "0", "39000"],
    ]

    // MARK: Helpers

    /// Rows per table that `iatix flatten` writes for `inputs` (languages en and vi).
    static func flattenCounts(_ inputs: [String]) throws -> [String: Int] {
        var options = FlattenOptions(inputs: inputs, outputDirectory: try temporaryFolder())
        options.languages = ["en", "vi"]
        let summary = try runFlatten(options)
        return Dictionary(uniqueKeysWithValues: summary.rows.map { ($0.table, $0.count) })
    }

    /// `SELECT count(*)` of every table.
    static func tableCounts(_ url: DatabaseURL) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in TableCatalogue.all.map(\.name) {
            counts[table] = Int(try await query(url, "SELECT count(*) FROM \(table)").first?.first.flatMap { $0 } ?? "")
        }
        return counts
    }

    /// For each transaction and sector vocabulary, the splits' value_split add up to the value.
    static func expectSplitsAddUp(_ url: DatabaseURL) async throws {
        let rows = try await query(url, """
            SELECT t.dataset_id, t.activity_index, t.transaction_index, s.sector_vocabulary, t.value, s.value_split
            FROM transactions t JOIN transaction_splits s
              ON s.dataset_id = t.dataset_id AND s.activity_index = t.activity_index AND s.transaction_index = t.transaction_index
            WHERE t.value IS NOT NULL
            """)
        #expect(!rows.isEmpty)
        var sums: [[String]: (value: Decimal, total: Decimal)] = [:]
        for row in rows {
            let key = row[0..<4].map { $0 ?? "" }
            let value = Decimal(string: row[4] ?? "") ?? 0
            sums[key, default: (value, 0)].total += Decimal(string: row[5] ?? "") ?? 0
        }
        for (key, sum) in sums { #expect(sum.value == sum.total, "transaction \(key)") }
    }

    /// The rows of a query, on a thread of its own (PostgreSQL's calls wait).
    static func query(_ url: DatabaseURL, _ sql: String) async throws -> [[String?]] {
        try await onThreadOfItsOwn {
            Result { () throws -> [[String?]] in
                let database = try openDatabase(url)
                defer { database.close() }
                return try database.query(sql)
            }
        }.get()
    }

    /// Runs one statement, on a thread of its own.
    static func execute(_ url: DatabaseURL, _ sql: String) async throws {
        _ = try await query(url, sql)
    }

    /// A fresh temporary folder, removed when the tests end.
    static func temporaryFolder() throws -> String { try ScratchFolders.make("load") }
}

extension DatabaseURL {
    var dialect: SQLDialect {
        switch self {
        case .sqlite: .sqlite
        case .postgresql: .postgresql
        }
    }
}
