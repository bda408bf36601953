import IATI
import LibXML

/// Makes one table's rows cell by cell, with pieces: runs of cells that many rows share (the
/// identifier, dates and currency of an amount split into hundreds of rows), laid out once.
///
/// A text table (CSV, JSON Lines) gets its rows laid out straight into its output buffer as
/// they are made, no cells kept (so no other row of the table may be written while one is
/// being made); any other writer (a workbook, a database, the spool) gets each row's cells.
final class RowBuilder {
    /// Cells laid out once for every row that has them at the same column.
    final class Piece {
        let cells: [Cell]
        let width: Int
        // Read and written on every row, on the builder's one thread: no run-time exclusivity
        // checks (no access overlaps another).
        /// The cells laid out for ``column`` (text tables), in memory the piece owns.
        @exclusivity(unchecked) fileprivate var bytes: UnsafeMutableRawPointer?
        @exclusivity(unchecked) fileprivate var count = 0
        @exclusivity(unchecked) fileprivate var column = -1

        init(_ cells: [Cell]) {
            self.cells = cells
            width = cells.count
        }

        deinit { bytes?.deallocate() }

        /// Keeps `laidOut` as the piece's bytes at `column`.
        fileprivate func keep(_ laidOut: UnsafeRawBufferPointer, column: Int) {
            bytes?.deallocate()
            bytes = nil
            count = laidOut.count
            if let source = laidOut.baseAddress, count > 0 {
                let kept = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 1)
                kept.copyMemory(from: source, byteCount: count)
                bytes = kept
            }
            self.column = column
        }
    }

    private let text: TextRowWriter?
    /// ``text`` again, reached without reference counting on every row (``text`` keeps it).
    private let textRef: Unmanaged<TextRowWriter>?
    /// The text table's output buffer (else unused).
    private let out: OutputBuffer
    /// Where a piece is laid out before it keeps its bytes.
    private let scratch = OutputBuffer()
    private let layout: TextLayout
    private let emit: ([Cell]) throws -> Void
    // Read and written for every cell, on the builder's one thread: no run-time exclusivity
    // checks (each method reads or writes them in one go, and calls out only between them).

    /// The cells of the row being made (other writers).
    @exclusivity(unchecked) private var cells: [Cell] = []
    @exclusivity(unchecked) private var column = 0
    /// Rows made.
    @exclusivity(unchecked) private(set) var rows = 0

    /// Rows for `writer`: laid out as bytes when it is a text table's, else given as cells.
    convenience init(writer: any RowWriter) {
        self.init(text: writer as? TextRowWriter) { try writer.write($0) }
    }

    /// Rows given as cells to `emit`.
    convenience init(emit: @escaping ([Cell]) throws -> Void) {
        self.init(text: nil, emit: emit)
    }

    private init(text: TextRowWriter?, emit: @escaping ([Cell]) throws -> Void) {
        self.text = text
        textRef = text.map(Unmanaged.passUnretained)
        self.out = text?.output ?? OutputBuffer(capacity: 16)
        self.layout = text?.layout ?? .csv
        self.emit = emit
    }

    func append(_ cell: Cell) {
        if text != nil {
            if column == 0 { layout.startRow(out) }
            layout.append(cell, column: column, to: out)
        } else {
            cells.append(cell)
        }
        column += 1
    }

    func append(_ number: FixedDecimal) {
        if text != nil {
            if column == 0 { layout.startRow(out) }
            layout.append(number, column: column, to: out)
        } else {
            cells.append(.decimal(number.decimal))
        }
        column += 1
    }

    /// Appends UTF-8 `text` as a text cell (no string made for a text table).
    func appendText(_ bytes: UnsafeRawBufferPointer) {
        if text != nil {
            if column == 0 { layout.startRow(out) }
            layout.appendText(bytes, column: column, to: out)
        } else {
            cells.append(.text(String(decoding: bytes, as: UTF8.self)))
        }
        column += 1
    }

    /// Appends an integer cell.
    func append(_ integer: Int) {
        if text != nil {
            if column == 0 { layout.startRow(out) }
            layout.append(integer, column: column, to: out)
        } else {
            cells.append(.integer(integer))
        }
        column += 1
    }

    @inline(__always) func append(_ piece: Piece) {
        if text != nil {
            if column == 0 { layout.startRow(out) }
            if piece.column != column { layOut(piece) }
            out.append(UnsafeRawBufferPointer(start: piece.bytes, count: piece.count))
        } else {
            cells.append(contentsOf: piece.cells)
        }
        column += piece.width
    }

    /// Appends a piece that the caller keeps alive: the split tables' rows take their pieces
    /// this way, with no reference counting on each of millions of rows.
    @inline(__always) func append(_ piece: Unmanaged<Piece>) {
        piece._withUnsafeGuaranteedRef { append($0) }
    }

    /// Lays `piece` out at the current column, for this and every later row that has it there.
    @inline(never) private func layOut(_ piece: Piece) {
        scratch.removeAll()
        let cells = piece.cells
        for offset in cells.indices { layout.append(cells[offset], column: column + offset, to: scratch) }
        piece.keep(scratch.bytes, column: column)
    }

    /// Ends the row being made (writes it) and starts the next.
    func endRow() throws {
        rows += 1
        defer { column = 0 }
        guard let textRef else {
            try emit(cells)
            cells.removeAll(keepingCapacity: true)
            return
        }
        if column == 0 { layout.startRow(out) }
        layout.endRow(out)
        try textRef._withUnsafeGuaranteedRef { try $0.rowEnded() }
    }
}
