import IATI
public import LibXML

/// A folder of JSON Lines files, one per table (`TABLE.jsonl`): one object per row, keys in
/// column order (see ``TextLayout``).
public final class JSONLinesTableOutput: TableOutput {
    private let files: TableFiles

    /// Each table is a file of its own.
    public var writesTablesApart: Bool { true }

    public init(folder: String) { files = TableFiles(folder: folder, fileExtension: "jsonl") }

    /// Each table written into the sink `opening` makes for its name (not a folder).
    public init(opening: @escaping (_ table: String) throws -> ByteSink) { files = TableFiles(opening: opening) }

    public func prepare(tables: [String]) throws { files.prepare(tables: tables) }

    public func open(table: String, columns: [Column]) throws -> any RowWriter {
        let sink = try files.open(table)
        return TextRowWriter(sink: sink, layout: .jsonLines(columns: columns))
    }

    public func complete(table: String) throws { try files.complete(table) }

    public func commit() throws -> [String] { try files.commit() }

    public func discard() { files.discard() }
}
