import Foundation
import IATI
public import LibXML

/// A folder of CSV files, one per table (`TABLE.csv`), as RFC 4180 has it (see ``TextLayout``):
/// UTF-8, a header row, fields separated by commas, lines ending in CRLF. With `excel` every
/// file starts with a byte order mark, so that Excel reads Vietnamese text as UTF-8.
public final class CSVTableOutput: TableOutput {
    private let excel: Bool
    private let files: TableFiles

    /// Each table is a file of its own.
    public var writesTablesApart: Bool { true }

    public init(folder: String, excel: Bool) {
        self.files = TableFiles(folder: folder, fileExtension: "csv")
        self.excel = excel
    }

    /// Each table written into the sink `opening` makes for its name (not a folder).
    public init(excel: Bool, opening: @escaping (_ table: String) throws -> ByteSink) {
        self.files = TableFiles(opening: opening)
        self.excel = excel
    }

    public func prepare(tables: [String]) throws { files.prepare(tables: tables) }

    public func open(table: String, columns: [Column]) throws -> any RowWriter {
        let sink = try files.open(table)
        let writer = TextRowWriter(sink: sink, layout: .csv)
        if excel { try sink.write([0xEF, 0xBB, 0xBF]) }
        try writer.write(columns.map { Cell.text($0.name) })
        return writer
    }

    public func complete(table: String) throws { try files.complete(table) }

    public func commit() throws -> [String] { try files.commit() }

    public func discard() { files.discard() }
}
