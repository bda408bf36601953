import Foundation
import IATI
import LibXML
import Platform

/// Rows kept on disk until the table's columns are known: the rows of a table with
/// narratives, when the languages are those found in the input (``TableSet``). A temporary
/// file beside the outputs, written as the rows come and read back once, so memory stays flat.
final class RowSpool {
    private let sink: ByteSink

    /// Creates the spool file at `path` (removed when read back or discarded).
    init(path: String) throws {
        // Read back at the end of the run and removed: nothing to make durable.
        sink = try ByteSink(path: path, durable: false)
    }

    /// Bytes spooled so far.
    var size: Int { sink.count + sink.output.count }

    /// Appends a row: its length, then its fields, straight into the file's output buffer.
    func append(_ values: [FieldValue]) throws {
        let out = sink.output
        Self.appendMeasured(to: out) {
            Self.appendCount(values.count, to: out)
            for value in values { Self.append(value, to: out) }
        }
        try sink.flushIfFull()
    }

    /// Reads every row back in order, then removes the file.
    func readBack(_ body: ([FieldValue]) throws -> Void) throws {
        try readRecords { record in
            var fields = SpooledFields(record)
            try body(fields.values())
        }
    }

    /// Reads every row back in order into a text table, laid out for `languages` straight from
    /// the spooled bytes as ``TableSet/write(_:languages:to:text:)`` lays out the row's fields
    /// (nothing made of its texts but what the layout needs), then removes the file.
    func readBack(into writer: TextRowWriter, languages: [String]) throws {
        var text = SpooledText(layout: writer.layout, out: writer.output, languages: languages)
        try readRecords { record in
            text.layOut(record)
            try writer.rowEnded()
        }
    }

    /// Gives `body` each record's bytes in order, then removes the file.
    private func readRecords(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try sink.commit()
        defer { FilePaths.remove(sink.path) }
        let source = try FileSource(path: sink.path)
        var reader = SpoolReader(source: source)
        while try reader.nextRecord(body) {}
    }

    func discard() { sink.discard() }

    // MARK: Encoding: a count or length as 4 bytes, then tagged values.

    private static func appendCount(_ count: Int, to out: OutputBuffer) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: count).littleEndian) { out.append($0) }
    }

    /// Appends the length of what `body` appends, then that.
    private static func appendMeasured(to out: OutputBuffer, _ body: () throws -> Void) rethrows {
        let start = out.count
        appendCount(0, to: out)
        try body()
        let length = UInt32(out.count - start - 4)
        for index in 0..<4 { out[start + index] = UInt8(truncatingIfNeeded: length >> (8 * index)) }
    }

    private static func appendText(_ text: String?, to out: OutputBuffer) {
        guard let text else {
            appendCount(0xFFFF_FFFF, to: out)
            return
        }
        appendCount(text.utf8.count, to: out)
        out.append(text)
    }

    // These two are inlined into the row's loop, where each field is then read in place
    // rather than copied out of its row (with the copy's reference counts) for each call.
    @inline(__always) private static func append(_ cell: Cell, to out: OutputBuffer) {
        switch cell {
        case .empty: out.append(0)
        case .text(let text):
            out.append(1)
            appendText(text, to: out)
        case .decimal(let value):
            out.append(2)
            appendMeasured(to: out) { value.appendPlainText(to: out) }
        case .integer(let value):
            out.append(3)
            appendMeasured(to: out) { FixedDecimal.appendPlainText(value, to: out) }
        case .date(let date):
            out.append(4)
            appendText(date.text, to: out)
        case .boolean(let value): out.append(value ? 6 : 5)
        }
    }

    @inline(__always) private static func append(_ value: FieldValue, to out: OutputBuffer) {
        switch value {
        case .cell(let cell): append(cell, to: out)
        case .narratives(let narratives):
            out.append(7)
            appendCount(narratives.count, to: out)
            for narrative in narratives {
                appendText(narrative.language, to: out)
                appendText(narrative.text, to: out)
            }
        case .converted(let cells):
            out.append(8)
            appendCount(cells.count, to: out)
            for cell in cells { append(cell, to: out) }
        }
    }
}

/// Reads the records ``RowSpool`` wrote, one after another.
private struct SpoolReader {
    let source: FileSource
    private var buffer: [UInt8] = []
    private var position = 0

    init(source: FileSource) { self.source = source }

    /// Gives `body` the next record's bytes; false at the end.
    mutating func nextRecord(_ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        guard try fill(4) else { return false }
        let length = buffer.withUnsafeBytes { Int(SpooledFields.count(in: $0, at: position)) }
        position += 4
        guard try fill(length) else { throw XMLError(file: source.name, message: "internal error: a spooled row is cut short") }
        try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[position..<position + length])) }
        position += length
        return true
    }

    /// Makes `needed` bytes available from `position`; false at the end.
    private mutating func fill(_ needed: Int) throws -> Bool {
        if buffer.count - position >= needed { return true }
        buffer.removeFirst(position)
        position = 0
        var chunk = [UInt8](repeating: 0, count: max(needed, 1 << 20))
        while buffer.count < needed {
            let read = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if read == 0 { return false }
            buffer.append(contentsOf: chunk[..<read])
        }
        return true
    }
}

/// A cursor over one spooled record: a count of fields, then each field, tagged.
struct SpooledFields {
    private let record: UnsafeRawBufferPointer
    private var offset = 0

    init(_ record: UnsafeRawBufferPointer) { self.record = record }

    /// A count or length as ``RowSpool`` writes it: 4 bytes, least significant first.
    static func count(in bytes: UnsafeRawBufferPointer, at index: Int) -> UInt32 {
        UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
    }

    mutating func count() -> Int {
        defer { offset += 4 }
        return Int(Self.count(in: record, at: offset))
    }

    mutating func tag() -> UInt8 {
        defer { offset += 1 }
        return record[offset]
    }

    /// A text's bytes, `nil` for a text that was `nil`.
    mutating func bytes() -> UnsafeRawBufferPointer? {
        let length = Self.count(in: record, at: offset)
        offset += 4
        guard length != 0xFFFF_FFFF else { return nil }
        defer { offset += Int(length) }
        return UnsafeRawBufferPointer(rebasing: record[offset..<offset + Int(length)])
    }

    mutating func text() -> String? {
        bytes().map { String(decoding: $0, as: UTF8.self) }
    }

    /// The record's fields.
    mutating func values() -> [FieldValue] {
        (0..<count()).map { _ in value() }
    }

    /// The cell of tag `tag`, its payload read.
    mutating func cell(tag: UInt8) -> Cell {
        switch tag {
        case 1: .text(text() ?? "")
        case 2: .optional(DecimalValue.exactDecimal(text() ?? ""))
        case 3: .integer(Int(text() ?? "") ?? 0)
        case 4: .date(IATIDate(text: text() ?? ""))
        case 5: .boolean(false)
        case 6: .boolean(true)
        default: .empty
        }
    }

    private mutating func value() -> FieldValue {
        let tag = tag()
        switch tag {
        case 7:
            let narratives = (0..<count()).map { _ in
                let language = text()
                return Narrative(text: text() ?? "", language: language)
            }
            return .narratives(narratives)
        case 8:
            return .converted((0..<count()).map { _ in cell(tag: self.tag()) })
        default:
            return .cell(cell(tag: tag))
        }
    }
}

/// Lays out spooled records as a text table's rows, reading texts in place.
private struct SpooledText {
    let layout: TextLayout
    let out: OutputBuffer
    let languages: [String]
    /// The narratives of the field being laid out: language and text, in place.
    private var narratives: [(language: UnsafeRawBufferPointer?, text: UnsafeRawBufferPointer)] = []
    /// A language's narratives joined.
    private let joined = OutputBuffer()

    init(layout: TextLayout, out: OutputBuffer, languages: [String]) {
        self.layout = layout
        self.out = out
        self.languages = languages
    }

    mutating func layOut(_ record: UnsafeRawBufferPointer) {
        var fields = SpooledFields(record)
        var column = 0
        layout.startRow(out)
        for _ in 0..<fields.count() {
            let tag = fields.tag()
            switch tag {
            case 7:
                narratives.removeAll(keepingCapacity: true)
                for _ in 0..<fields.count() {
                    let language = fields.bytes()
                    narratives.append((language, fields.bytes() ?? UnsafeRawBufferPointer(start: nil, count: 0)))
                }
                layOutNarratives(column: &column)
            case 8:
                for _ in 0..<fields.count() { layOutCell(&fields, tag: fields.tag(), column: &column) }
            default:
                layOutCell(&fields, tag: tag, column: &column)
            }
        }
        layout.endRow(out)
    }

    private func layOutCell(_ fields: inout SpooledFields, tag: UInt8, column: inout Int) {
        switch tag {
        case 1:
            layout.appendText(fields.bytes() ?? UnsafeRawBufferPointer(start: nil, count: 0), column: column, to: out)
        case 2, 3:
            // A number was spooled as the plain text its cell is laid out as (none: not a number).
            if let number = fields.bytes(), !number.isEmpty {
                layout.appendNumber(number, column: column, to: out)
            } else {
                layout.append(.empty, column: column, to: out)
            }
        default:
            layout.append(fields.cell(tag: tag), column: column, to: out)
        }
        column += 1
    }

    /// The narrative field's columns, as ``TableSet/forEachCell(of:languages:_:)`` makes them.
    private func layOutNarratives(column: inout Int) {
        TableSet.forEachNarrativeColumn(
            count: narratives.count, languages: languages, isIn: { index, wanted in narratives[index].language.map { TableSet.matches($0, wanted) } ?? false }
        ) { holds in
            joined.removeAll()
            var any = false
            for index in narratives.indices where holds(index) {
                if any { joined.append(0x0A) }
                joined.append(narratives[index].text)
                any = true
            }
            layOutOptional(any ? joined.bytes : nil, column: column)
            column += 1
        }
    }

    /// A text cell, or an empty one for no text or an empty text (as `Cell.optional`).
    private func layOutOptional(_ text: UnsafeRawBufferPointer?, column: Int) {
        if let text, !text.isEmpty {
            layout.appendText(text, column: column, to: out)
        } else {
            layout.append(.empty, column: column, to: out)
        }
    }
}
