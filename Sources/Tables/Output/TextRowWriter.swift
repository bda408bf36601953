import Foundation
import IATI
import LibXML

/// How a text table lays out its rows cell by cell: CSV (RFC 4180: a field quoted when it holds
/// a comma, a quote, a line break or leading or trailing space; lines ending in CRLF) or JSON
/// Lines (one object per row, keys in column order; decimals as JSON numbers written exactly
/// as the CSV has them, dates as strings `YYYY-MM-DD`, no value as `null`).
///
/// Each cell is laid out on its own, knowing only its column: a row can be made of pieces laid
/// out once (see ``RowBuilder``).
struct TextLayout {
    enum Format { case csv, jsonLines }

    let format: Format
    /// JSON Lines: each column's `"name":`, encoded once.
    private let keys: [[UInt8]]

    static let csv = TextLayout(format: .csv, keys: [])

    static func jsonLines(columns: [Column]) -> TextLayout {
        TextLayout(
            format: .jsonLines,
            keys: columns.map { column in
                var key: [UInt8] = []
                JSONText.appendString(column.name, to: &key)
                key.append(UInt8(ascii: ":"))
                return key
            })
    }

    /// Opens a row.
    func startRow(_ out: OutputBuffer) {
        if format == .jsonLines { out.append(UInt8(ascii: "{")) }
    }

    /// Closes a row.
    func endRow(_ out: OutputBuffer) {
        switch format {
        case .csv:
            out.append(0x0D)
            out.append(0x0A)
        case .jsonLines:
            out.append(UInt8(ascii: "}"))
            out.append(0x0A)
        }
    }

    /// Appends `cell` as column `column`, with what separates it from the one before.
    func append(_ cell: Cell, column: Int, to out: OutputBuffer) {
        startField(column: column, out)
        switch (format, cell) {
        case (.csv, .empty): break
        case (.jsonLines, .empty): out.append("null")
        case (.csv, .text(let text)): Self.appendCSVField(text, into: out)
        case (.jsonLines, .text(let text)): JSONText.appendString(text, to: out)
        case (.csv, .date(let date)): date.appendISO(to: out)
        case (.jsonLines, .date(let date)): JSONText.appendString(date.isoString, to: out)
        case (_, .decimal(let value)): value.appendPlainText(to: out)
        case (_, .integer(let value)): FixedDecimal.appendPlainText(value, to: out)
        case (_, .boolean(let value)): out.append(value ? "true" : "false")
        }
    }

    /// Appends an integer as column `column`, as an integer cell is written.
    func append(_ integer: Int, column: Int, to out: OutputBuffer) {
        startField(column: column, out)
        FixedDecimal.appendPlainText(integer, to: out)
    }

    /// Appends UTF-8 `text` as a text cell of column `column`.
    func appendText(_ text: UnsafeRawBufferPointer, column: Int, to out: OutputBuffer) {
        startField(column: column, out)
        let bytes = text.assumingMemoryBound(to: UInt8.self)
        switch format {
        case .csv: Self.appendCSVField(bytes, into: out)
        case .jsonLines: JSONText.appendString(bytes: bytes, to: out)
        }
    }

    /// Appends a number's plain text (as ``IATI/FixedDecimal/appendPlainText(to:)`` writes
    /// it) as column `column`, as a decimal cell of the same value is written.
    func appendNumber(_ text: UnsafeRawBufferPointer, column: Int, to out: OutputBuffer) {
        startField(column: column, out)
        out.append(text)
    }

    /// Appends a number as column `column`, as a decimal cell of the same value is written.
    func append(_ number: FixedDecimal, column: Int, to out: OutputBuffer) {
        startField(column: column, out)
        number.appendPlainText(to: out)
    }

    private func startField(column: Int, _ out: OutputBuffer) {
        if column > 0 { out.append(UInt8(ascii: ",")) }
        if format == .jsonLines { keys[column].withUnsafeBytes { out.append($0) } }
    }

    /// Appends `text` as a CSV field, quoted when RFC 4180 needs it (and when it starts or ends
    /// with space, which spreadsheets would otherwise trim).
    static func appendCSVField(_ text: String, into out: OutputBuffer) {
        var text = text
        text.withUTF8 { appendCSVField($0, into: out) }
    }

    private static func appendCSVField(_ bytes: UnsafeBufferPointer<UInt8>, into out: OutputBuffer) {
        guard needsQuotes(bytes) else {
            out.append(bytes)
            return
        }
        // Quoted, each quote doubled: the runs between quotes copied whole (long narratives
        // are the fields that need quotes most).
        let quote = UInt8(ascii: "\"")
        out.append(quote)
        var start = 0
        if let base = bytes.baseAddress {
            while start < bytes.count, let found = memchr(base + start, Int32(quote), bytes.count - start) {
                let end = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base + 1
                out.append(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                out.append(quote)
                start = end
            }
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[start...]))
        out.append(quote)
    }

    /// Whether a CSV field needs quotes: it holds `,` `"` LF or CR, or starts or ends with space.
    static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, let first = bytes.first, let last = bytes.last else { return false }
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return true }
        // Eight bytes at a time: a byte equal to one of the four makes its lane of
        // `word ^ pattern` zero, and the borrow trick says exactly whether any lane is zero.
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if hasByte(word, UInt8(ascii: ",")) || hasByte(word, UInt8(ascii: "\"")) || hasByte(word, 0x0A) || hasByte(word, 0x0D) {
                return true
            }
            index += 8
        }
        // `,` `"` LF CR are all at or below 0x2C: one compare passes most bytes.
        for byte in bytes[index...] where byte <= UInt8(ascii: ",")
            && (byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D)
        {
            return true
        }
        return false
    }

    /// Whether one of the eight bytes of `word` is `byte`.
    @inline(__always) private static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let lanes: UInt64 = 0x0101_0101_0101_0101
        let masked = word ^ (lanes &* UInt64(byte))
        return (masked &- lanes) & ~masked & (lanes << 7) != 0
    }
}

/// Writes the rows of a text table (CSV, JSON Lines) into a sink, as its ``TextLayout`` has
/// them: laid out straight into the sink's output buffer.
final class TextRowWriter: RowWriter {
    let layout: TextLayout
    private let sink: ByteSink

    init(sink: ByteSink, layout: TextLayout) {
        self.sink = sink
        self.layout = layout
    }

    /// Where rows are laid out: a ``RowBuilder`` lays its rows out here, ending each with
    /// ``rowEnded()``.
    var output: OutputBuffer { sink.output }

    func write(_ row: [Cell]) throws {
        try write { append in for cell in row { append(cell) } }
    }

    /// Writes a row whose cells `cells` gives, one call of its argument per cell, in order.
    func write(_ cells: ((Cell) -> Void) throws -> Void) throws {
        let out = sink.output
        layout.startRow(out)
        var column = 0
        try cells { cell in
            layout.append(cell, column: column, to: out)
            column += 1
        }
        layout.endRow(out)
        try sink.flushIfFull()
    }

    /// Writes out the rows laid out in ``output`` once there are enough for one write.
    func rowEnded() throws {
        try sink.flushIfFull()
    }
}
