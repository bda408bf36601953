import Foundation
import IATI
public import LibXML

/// A folder of CSV files, one per table (`TABLE.csv`), as RFC 4180 has it: UTF-8, a header
/// row, fields separated by commas, a field quoted when it holds a comma, a quote, a line break
/// or leading or trailing space, lines ending in CRLF. With `excel` every file starts with a
/// byte order mark, so that Excel reads Vietnamese text as UTF-8.
public final class CSVTableOutput: TableOutput {
    private let excel: Bool
    private let files: TableFiles

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
        let writer = CSVRowWriter(sink: sink)
        if excel { try sink.write([0xEF, 0xBB, 0xBF]) }
        try writer.writeFields(columns.map(\.name))
        return writer
    }

    public func commit() throws -> [String] { try files.commit() }

    public func discard() { files.discard() }
}

/// Writes CSV records into a sink.
final class CSVRowWriter: RowWriter {
    private let sink: ByteSink

    init(sink: ByteSink) { self.sink = sink }

    func write(_ row: [Cell]) throws {
        try sink.append { buffer in
            for (index, cell) in row.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                switch cell {
                case .empty: break
                case .text(let text): Self.appendField(text, into: &buffer)
                case .decimal(let value): value.appendPlainText(to: &buffer)
                case .date(let date): date.appendISO(to: &buffer)
                default: buffer.append(contentsOf: cell.text.utf8)
                }
            }
            buffer.append(contentsOf: [0x0D, 0x0A])
        }
    }

    func writeFields(_ fields: [String]) throws {
        try write(fields.map(Cell.text))
    }

    /// Appends `text`, quoted when RFC 4180 needs it (and when it starts or ends with space,
    /// which spreadsheets would otherwise trim).
    static func appendField(_ text: String, into buffer: inout [UInt8]) {
        var needsQuotes = false
        for byte in text.utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        if let first = text.utf8.first, first == 0x20 || first == 0x09 { needsQuotes = true }
        if let last = text.utf8.last, last == 0x20 || last == 0x09 { needsQuotes = true }
        guard needsQuotes else {
            buffer.append(contentsOf: text.utf8)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
