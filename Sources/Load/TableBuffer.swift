import Tables

/// The rows of one table waiting to be sent, for the document being loaded: each row gets the
/// document's `dataset_id` first, and key columns that are empty become empty text (primary
/// key columns cannot be NULL).
final class TableBuffer: RowWriter {
    let definition: TableDefinition
    /// The database columns: `dataset_id`, then the table's.
    let columnNames: [String]
    private unowned let output: DatabaseOutput
    /// Positions (in the table's own columns) of key columns that hold text.
    private let textKeys: [Int]
    /// Positions of number columns (decimal, integer): a value there that is not a number
    /// (`1,000`, a `hierarchy` of `x`) is NULL, which PostgreSQL's NUMERIC and BIGINT need and
    /// SQLite's sums want (they read `1,000` as 1).
    private let numberColumns: [Int]
    /// Positions of the activity's version and reporting organisation, in `activities`.
    private let activityNotes: (version: Int, publisher: Int)?
    /// The rows waiting, one after the other (one array for the batch, not one per row).
    private var cells: [Cell] = []
    /// Rows sent for the document not yet committed.
    private var pendingRows = 0
    private(set) var committedRows = 0
    /// Values not a number loaded as NULL, for the document not yet committed and in all.
    private var pendingNonNumbers = 0
    private(set) var committedNonNumbers = 0

    init(definition: TableDefinition, columns: [Column], output: DatabaseOutput) {
        self.definition = definition
        self.output = output
        columnNames = ["dataset_id"] + columns.map(\.name)
        textKeys = columns.indices.filter { definition.key.contains(columns[$0].name) && columns[$0].type != .integer }
        numberColumns = columns.indices.filter { columns[$0].type == .decimal || columns[$0].type == .integer }
        if definition.name == "activities",
           let version = columns.firstIndex(where: { $0.name == "version" }),
           let publisher = columns.firstIndex(where: { $0.name == "reporting_org_ref" }) {
            activityNotes = (version, publisher)
        } else {
            activityNotes = nil
        }
    }

    func write(_ row: [Cell]) throws {
        guard let id = output.datasetID else { throw DatabaseFailure(message: "\(definition.name): a row outside any document") }
        cells.append(.integer(id))
        let start = cells.count
        cells.append(contentsOf: row)
        for index in textKeys where row[index] == .empty { cells[start + index] = .text("") }
        for index in numberColumns {
            guard case .text = row[index] else { continue }
            cells[start + index] = .empty
            pendingNonNumbers += 1
        }
        if let notes = activityNotes {
            output.noteActivity(version: row[notes.version].textOrNil, publisher: row[notes.publisher].textOrNil)
        }
        pendingRows += 1
        try output.rowBuffered()
    }

    /// Sends the rows waiting.
    func send(to database: any LoadDatabase) throws {
        guard !cells.isEmpty else { return }
        try database.insert(table: definition.name, columns: columnNames, cells: cells)
        cells.removeAll(keepingCapacity: true)
    }

    /// The document's rows were committed.
    func committed() {
        committedRows += pendingRows
        pendingRows = 0
        committedNonNumbers += pendingNonNumbers
        pendingNonNumbers = 0
    }

    /// The document's rows were rolled back.
    func dropPending() {
        cells.removeAll(keepingCapacity: true)
        pendingRows = 0
        pendingNonNumbers = 0
    }
}

extension Cell {
    /// The text of a value; `nil` when empty.
    var textOrNil: String? { self == .empty ? nil : text }
}
