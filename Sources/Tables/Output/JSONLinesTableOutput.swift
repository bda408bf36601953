import IATI
public import LibXML

/// A folder of JSON Lines files, one per table (`TABLE.jsonl`): one object per row, keys in
/// column order; decimals as JSON numbers written exactly as the CSV has them, dates as
/// strings `YYYY-MM-DD`, no value as `null`.
public final class JSONLinesTableOutput: TableOutput {
    private let files: TableFiles

    public init(folder: String) { files = TableFiles(folder: folder, fileExtension: "jsonl") }

    /// Each table written into the sink `opening` makes for its name (not a folder).
    public init(opening: @escaping (_ table: String) throws -> ByteSink) { files = TableFiles(opening: opening) }

    public func prepare(tables: [String]) throws { files.prepare(tables: tables) }

    public func open(table: String, columns: [Column]) throws -> any RowWriter {
        let sink = try files.open(table)
        return JSONLinesRowWriter(sink: sink, columns: columns)
    }

    public func commit() throws -> [String] { try files.commit() }

    public func discard() { files.discard() }
}

final class JSONLinesRowWriter: RowWriter {
    private let sink: ByteSink
    /// Each column's `"name":`, encoded once.
    private let keys: [[UInt8]]

    init(sink: ByteSink, columns: [Column]) {
        self.sink = sink
        keys = columns.map { column in
            var key: [UInt8] = []
            JSONText.appendString(column.name, to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
    }

    func write(_ row: [Cell]) throws {
        try sink.append { buffer in
            buffer.append(UInt8(ascii: "{"))
            for (index, cell) in row.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.append(contentsOf: keys[index])
                switch cell {
                case .empty: buffer.append(contentsOf: "null".utf8)
                case .text(let text): JSONText.appendString(text, to: &buffer)
                case .date(let date): JSONText.appendString(date.isoString, to: &buffer)
                case .decimal(let value): value.appendPlainText(to: &buffer)
                case .integer, .boolean: buffer.append(contentsOf: cell.text.utf8)
                }
            }
            buffer.append(contentsOf: "}\n".utf8)
        }
    }
}
