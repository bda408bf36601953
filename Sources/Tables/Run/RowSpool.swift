import Foundation
import IATI
import LibXML
import Platform

/// Rows kept on disk until the table's columns are known: the rows of a table with
/// narratives, when the languages are those found in the input (``TableSet``). A temporary
/// file beside the outputs, written as the rows come and read back once, so memory stays flat.
final class RowSpool {
    private let sink: ByteSink
    /// Reused for every row, on the spool's one thread: no run-time exclusivity checks.
    @exclusivity(unchecked) private var record: [UInt8] = []

    /// Creates the spool file at `path` (removed when read back or discarded).
    init(path: String) throws {
        // Read back at the end of the run and removed: nothing to make durable.
        sink = try ByteSink(path: path, durable: false)
    }

    func append(_ values: [FieldValue]) throws {
        record.removeAll(keepingCapacity: true)
        Self.appendCount(values.count, to: &record)
        for value in values { Self.append(value, to: &record) }
        withUnsafeBytes(of: UInt32(record.count).littleEndian) { sink.output.append($0) }
        sink.output.append(record)
        try sink.flushIfFull()
    }

    /// Reads every row back in order, then removes the file.
    func readBack(_ body: ([FieldValue]) throws -> Void) throws {
        try sink.commit()
        defer { FilePaths.remove(sink.path) }
        let source = try FileSource(path: sink.path)
        var reader = SpoolReader(source: source)
        while let row = try reader.nextRecord() { try body(row) }
    }

    func discard() { sink.discard() }

    // MARK: Encoding: a count or length as 4 bytes, then tagged values.

    private static func appendCount(_ count: Int, to buffer: inout [UInt8]) {
        let value = UInt32(count)
        buffer.append(UInt8(value & 0xFF))
        buffer.append(UInt8(value >> 8 & 0xFF))
        buffer.append(UInt8(value >> 16 & 0xFF))
        buffer.append(UInt8(value >> 24))
    }

    private static func appendText(_ text: String?, to buffer: inout [UInt8]) {
        guard let text else {
            appendCount(0xFFFF_FFFF, to: &buffer)
            return
        }
        appendCount(text.utf8.count, to: &buffer)
        buffer.append(contentsOf: text.utf8)
    }

    private static func append(_ cell: Cell, to buffer: inout [UInt8]) {
        switch cell {
        case .empty: buffer.append(0)
        case .text(let text): buffer.append(1); appendText(text, to: &buffer)
        case .decimal(let value): buffer.append(2); appendText(value.plainText, to: &buffer)
        case .integer(let value): buffer.append(3); appendText(String(value), to: &buffer)
        case .date(let date): buffer.append(4); appendText(date.text, to: &buffer)
        case .boolean(let value): buffer.append(value ? 6 : 5)
        }
    }

    private static func append(_ value: FieldValue, to buffer: inout [UInt8]) {
        switch value {
        case .cell(let cell): append(cell, to: &buffer)
        case .narratives(let narratives):
            buffer.append(7)
            appendCount(narratives.count, to: &buffer)
            for narrative in narratives {
                appendText(narrative.language, to: &buffer)
                appendText(narrative.text, to: &buffer)
            }
        case .converted(let cells):
            buffer.append(8)
            appendCount(cells.count, to: &buffer)
            for cell in cells { append(cell, to: &buffer) }
        }
    }
}

/// Reads what ``RowSpool`` wrote.
private struct SpoolReader {
    let source: FileSource
    private var buffer: [UInt8] = []
    private var position = 0
    private var record: [UInt8] = []
    private var offset = 0

    init(source: FileSource) { self.source = source }

    mutating func nextRecord() throws -> [FieldValue]? {
        guard try fill(4) else { return nil }
        let length = count(in: buffer, at: &position)
        guard try fill(length) else { throw XMLError(file: source.name, message: "internal error: a spooled row is cut short") }
        record = Array(buffer[position..<position + length])
        position += length
        offset = 0
        let fields = count(in: record, at: &offset)
        return (0..<fields).map { _ in value() }
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

    private func count(in bytes: [UInt8], at index: inout Int) -> Int {
        let value = UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
        index += 4
        return value == 0xFFFF_FFFF ? -1 : Int(value)
    }

    private mutating func text() -> String? {
        let length = count(in: record, at: &offset)
        guard length >= 0 else { return nil }
        defer { offset += length }
        return String(decoding: record[offset..<offset + length], as: UTF8.self)
    }

    private mutating func cell(tag: UInt8) -> Cell {
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
        let tag = record[offset]
        offset += 1
        switch tag {
        case 7:
            let narratives = (0..<count(in: record, at: &offset)).map { _ in
                let language = text()
                return Narrative(text: text() ?? "", language: language)
            }
            return .narratives(narratives)
        case 8:
            return .converted(
                (0..<count(in: record, at: &offset)).map { _ in
                    let tag = record[offset]
                    offset += 1
                    return cell(tag: tag)
                })
        default:
            return .cell(cell(tag: tag))
        }
    }
}
