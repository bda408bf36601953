import CXLSXWriter
import IATI
import LibXML
import Platform

/// One Excel workbook (`.xlsx`, written by libxlsxwriter) holding every table, one worksheet
/// each, in the order ``prepare(tables:)`` names them. A sheet's header row is bold and frozen,
/// with an autofilter over the table, and its cells are typed as their values are:
///
/// - text and codes as text, never numbers, so `0051` keeps its zeros;
/// - decimals and integers as numbers (a decimal as the nearest `Double`: the CSV has it
///   exactly), shown with the column's ``Column/numberFormat`` when it has one;
/// - valid dates as Excel dates shown `yyyy-mm-dd`; invalid dates, and dates Excel cannot hold
///   (before 1900), as their text;
/// - booleans as booleans; no value as a blank cell.
///
/// Excel's limits are kept: a sheet name is cut to 31 characters; a sheet holds at most
/// 1,048,576 rows, so a longer table goes on in `TABLE (2)`, `TABLE (3)`, ... with the same
/// header (after the sheets named in advance: a workbook cannot insert a sheet); a cell holds
/// at most 32,767 characters, so a longer text is cut, ends with ``truncationMarker`` and is
/// counted in ``truncatedCells``.
///
/// The workbook is made in constant-memory mode: each sheet holds only its current row in
/// memory and the rows before it in a temporary file, so memory stays flat whatever the row
/// count. Rows go in order within a table; tables may be written in turn. ``commit()`` writes
/// the workbook under a temporary name beside `path` and renames it into place;
/// ``discard()`` leaves nothing behind.
public final class XLSXTableOutput: TableOutput {
    /// The path as given.
    public let path: String
    /// Rows per sheet, the header included: Excel's limit (1,048,576), smaller in tests.
    private let rowsPerSheet: Int
    /// The open workbook: `nil` before the first table and once committed or discarded.
    private var book: Book?
    private var closed = false
    /// Sheets made by ``prepare(tables:)`` and not opened yet, by table name.
    private var prepared: [String: UnsafeMutablePointer<lxw_worksheet>] = [:]
    /// The opened tables; an ``XLSXRowWriter`` is an index here.
    private var tables: [Table] = []
    /// The workbook's number formats, by format string (columns share them).
    private var numberFormats: [String: UnsafeMutablePointer<lxw_format>] = [:]
    /// The buffers of the sheets' temporary files of rows (see ``rowBufferSize``): the output's
    /// own, freed once the workbook has closed those files.
    private var rowBuffers: [UnsafeMutableRawPointer] = []
    /// Texts cut to Excel's 32,767 characters so far.
    public private(set) var truncatedCells = 0
    /// Numbers so far that an Excel number (a double, 15 significant digits) holds only
    /// rounded to the cent or coarser (see ``losesCents(_:)``).
    public private(set) var roundedNumbers = 0

    /// The buffer of each sheet's temporary file of rows, where libxlsxwriter keeps the rows
    /// written (constant-memory mode) until ``commit()`` copies them into the workbook: a
    /// workbook has a sheet per table.
    static let rowBufferSize = 1 << 18

    /// Excel's most characters in a cell (counted in UTF-16, as Excel does).
    static let cellCharacterLimit = 32_767
    /// What ends a text cut to fit a cell.
    public static let truncationMarker = " [… cut: an Excel cell holds at most 32,767 characters]"

    /// A workbook written to `path` (a file: a workbook cannot go to a device or a pipe).
    public convenience init(path: String) {
        self.init(path: path, rowsPerSheet: 1_048_576)
    }

    init(path: String, rowsPerSheet: Int) {
        self.path = path
        self.rowsPerSheet = rowsPerSheet
    }

    deinit { discard() }

    public func prepare(tables names: [String]) throws {
        let book = try openBook()
        for name in names where prepared[name] == nil {
            prepared[name] = try addSheet(Self.sheetName(name, part: 1), to: book)
        }
    }

    public func open(table: String, columns: [Column]) throws -> any RowWriter {
        let book = try openBook()
        guard columns.count <= 16_384 else {
            throw failure("cannot write the table \(table): it has \(columns.count) columns and an Excel sheet holds at most 16,384; write it as CSV")
        }
        let sheet = try prepared.removeValue(forKey: table) ?? addSheet(Self.sheetName(table, part: 1), to: book)
        let formats = try columns.map { column in try column.numberFormat.map { try numberFormat($0, in: book) } }
        tables.append(Table(name: table, columns: columns, sheet: sheet, formats: formats))
        try startSheet(of: tables[tables.count - 1], in: book)
        return XLSXRowWriter(output: self, table: tables.count - 1)
    }

    public func commit() throws -> [String] {
        let book = try openBook()
        for table in tables { setAutofilter(on: table) }
        close()
        // workbook_close writes the file and frees the workbook, whether it succeeds or not.
        let status = workbook_close(book.workbook)
        if status == LXW_NO_ERROR {
            freeRowBuffers()
        } else {
            // A failed close may leave some sheets' files open, which the C library still
            // flushes at exit: their buffers are left to them (a few hundred KiB a sheet).
            rowBuffers = []
        }
        do {
            guard status == LXW_NO_ERROR else {
                throw failure("cannot write the workbook: \(Self.reason(status)); check that the folder is writable and has room, or write the tables as CSV")
            }
            do {
                let file = try FileDescriptor.open(book.temporary, .existing)
                defer { file.close() }
                try file.synchronize()
                try FilePaths.rename(book.temporary, to: book.final)
            } catch {
                throw failure("cannot put the finished workbook in place: \(error.reason); check that the folder is writable and has room")
            }
        } catch {
            FilePaths.remove(book.temporary)
            throw error
        }
        return [path]
    }

    public func discard() {
        guard let book else { return }
        close()
        iatix_workbook_discard(book.workbook)
        freeRowBuffers()
        FilePaths.remove(book.temporary)
    }

    private func freeRowBuffers() {
        for buffer in rowBuffers { buffer.deallocate() }
        rowBuffers = []
    }

    /// Writes one row of the table at `index` in ``tables``, on a new sheet when the current
    /// one is full.
    fileprivate func write(_ row: [Cell], table index: Int) throws {
        guard let book else { throw failure("cannot write: the workbook was already closed") }
        if tables[index].rows == rowsPerSheet {
            setAutofilter(on: tables[index])
            tables[index].sheetCount += 1
            let name = Self.sheetName(tables[index].name, part: tables[index].sheetCount)
            tables[index].sheet = try addSheet(name, to: book)
            tables[index].rows = 1
            try startSheet(of: tables[index], in: book)
        }
        let table = tables[index]
        let rowNumber = lxw_row_t(table.rows)
        for (column, cell) in row.enumerated() {
            let format = table.formats.indices.contains(column) ? table.formats[column] : nil
            let status = put(cell, sheet: table.sheet, row: rowNumber, column: lxw_col_t(column), book: book, format: format)
            guard status == LXW_NO_ERROR else {
                let name = table.columns.indices.contains(column) ? table.columns[column].name : "\(column + 1)"
                throw failure("cannot write row \(table.rows + 1), column \(name) of the sheet for \(table.name): \(Self.reason(status))")
            }
        }
        tables[index].rows += 1
    }

    /// Writes one cell (nothing for ``Cell/empty``); `format` shows numbers.
    private func put(
        _ cell: Cell, sheet: UnsafeMutablePointer<lxw_worksheet>, row: lxw_row_t, column: lxw_col_t, book: Book,
        format: UnsafeMutablePointer<lxw_format>?
    ) -> lxw_error {
        switch cell {
        case .empty:
            return LXW_NO_ERROR
        case .text(let text):
            return putText(text, sheet: sheet, row: row, column: column, format: nil)
        case .integer(let value):
            return worksheet_write_number(sheet, row, column, Double(value), format)
        case .decimal(let value):
            // Decimal's NaN has no text and no cell.
            let text = value.plainText
            guard let number = Double(text) else { return LXW_NO_ERROR }
            if Self.losesCents(text) { roundedNumbers += 1 }
            return worksheet_write_number(sheet, row, column, number, format)
        case .boolean(let value):
            return worksheet_write_boolean(sheet, row, column, value ? 1 : 0, nil)
        case .date(let date):
            guard let year = date.year, let month = date.month, let day = date.day, (1900...9999).contains(year) else {
                return putText(date.isoString, sheet: sheet, row: row, column: column, format: nil)
            }
            var value = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
            return worksheet_write_datetime(sheet, row, column, &value, book.date)
        }
    }

    /// Whether a plain decimal text needs more than Excel's 15 significant digits down to the
    /// cent: `1234567890123456` and `12345678901234.56` do; a share such as
    /// `0.3333333333333333` (nothing lost above the cent) and `1000000000000000000` do not.
    static func losesCents(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            // The digits of the whole part and of the first two places after the point, from
            // the first that is not zero to the last.
            var first: Int?
            var last = 0
            var position = 0
            var places: Int?
            for byte in bytes {
                if let counted = places {
                    guard counted < 2 else { break }
                    places = counted + 1
                } else if byte == UInt8(ascii: ".") {
                    places = 0
                    continue
                }
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { continue }
                if byte != UInt8(ascii: "0") {
                    if first == nil { first = position }
                    last = position
                }
                position += 1
            }
            guard let first else { return false }
            return last - first + 1 > 15
        }
    }

    /// Writes a text as a string cell, cut to Excel's limit when longer.
    private func putText(_ text: String, sheet: UnsafeMutablePointer<lxw_worksheet>, row: lxw_row_t, column: lxw_col_t, format: UnsafeMutablePointer<lxw_format>?) -> lxw_error {
        let text = Self.escapingLiteralEscapes(text)
        // UTF-8 never has fewer units than UTF-16: the first count is free, the second rarely needed.
        guard text.utf8.count > Self.cellCharacterLimit, text.utf16.count > Self.cellCharacterLimit else {
            return worksheet_write_string(sheet, row, column, text, format)
        }
        truncatedCells += 1
        return worksheet_write_string(sheet, row, column, Self.truncated(text), format)
    }

    /// `text` with each `_xHHHH_` written as text kept as text: in a workbook's strings
    /// `_xHHHH_` stands for the character U+HHHH (libxlsxwriter writes a carriage return so), so
    /// a literal one has its underscore escaped, `_x005F_` (ECMA-376, ST_Xstring).
    static func escapingLiteralEscapes(_ text: String) -> String {
        var contiguous = text
        // Most texts have none: they are given back as they are, nothing copied.
        let escaped = contiguous.withUTF8 { bytes -> String? in
            guard var next = literalEscape(in: bytes, from: 0) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 12)
            var start = 0
            while true {
                out += bytes[start..<next]
                out += "_x005F".utf8
                start = next
                guard let found = literalEscape(in: bytes, from: next + 1) else { break }
                next = found
            }
            out += bytes[start...]
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// Where the next `_xHHHH_` in `bytes` at or after `start` begins.
    private static func literalEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        func isHex(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
        }
        var index = start
        while index + 6 < bytes.count {
            if bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"), bytes[index + 6] == UInt8(ascii: "_"),
                isHex(bytes[index + 2]), isHex(bytes[index + 3]), isHex(bytes[index + 4]), isHex(bytes[index + 5])
            {
                return index
            }
            index += 1
        }
        return nil
    }

    /// `text` cut to fit a cell with ``truncationMarker`` at its end.
    static func truncated(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        var units = truncationMarker.utf16.count
        for scalar in text.unicodeScalars {
            units += scalar.utf16.count
            if units > cellCharacterLimit { break }
            kept.append(scalar)
        }
        return String(kept) + truncationMarker
    }

    /// A column's least width in characters: text wide enough to read, identifiers and
    /// dates whole, short codes narrow.
    private static func minimumWidth(_ column: Column) -> Int {
        switch column.type {
        case .text: 30
        case .date: 10
        case .code where column.name.hasSuffix("identifier") || column.name.hasSuffix("_ref") || column.name.hasSuffix("_id"): 22
        case .decimal: 12
        case .code, .integer, .boolean: 6
        }
    }

    /// The header row (bold, frozen), and column widths that fit the header and the type.
    private func startSheet(of table: Table, in book: Book) throws {
        for (index, column) in table.columns.enumerated() {
            let position = lxw_col_t(index)
            let width = Double(min(max(column.name.count, Self.minimumWidth(column)), 40) + 2)
            let widened = worksheet_set_column(table.sheet, position, position, width, nil)
            let written = putText(column.name, sheet: table.sheet, row: 0, column: position, format: book.bold)
            for status in [widened, written] where status != LXW_NO_ERROR {
                throw failure("cannot write the header of the sheet for \(table.name): \(Self.reason(status))")
            }
        }
        worksheet_freeze_panes(table.sheet, 1, 0)
        // Printed (or turned into PDF): landscape, the header on every page.
        worksheet_set_landscape(table.sheet)
        _ = worksheet_repeat_rows(table.sheet, 0, 0)
    }

    /// An autofilter over the header and rows of the table's current sheet.
    private func setAutofilter(on table: Table) {
        guard !table.columns.isEmpty else { return }
        _ = worksheet_autofilter(table.sheet, 0, 0, lxw_row_t(table.rows - 1), lxw_col_t(table.columns.count - 1))
    }

    /// The workbook, made on first use with its formats, and written as a temporary file
    /// beside `path` (created at once, so that an unwritable folder is reported before the
    /// tables are made).
    private func openBook() throws -> Book {
        if let book { return book }
        guard !closed else { throw failure("cannot write: the workbook was already closed") }
        guard case .replaced(let final, let temporary) = try OutputTarget(path: path) else {
            throw failure("cannot write a workbook there: a workbook must be a file, not standard output, a device or a pipe; give a file name (e.g. tables.xlsx)")
        }
        do {
            try FileDescriptor.open(temporary, .replacing).close()
        } catch {
            throw failure("cannot write: \(error.reason); check that the folder exists and is writable")
        }
        var options = lxw_workbook_options(constant_memory: UInt8(LXW_TRUE.rawValue), tmpdir: nil, use_zip64: UInt8(LXW_FALSE.rawValue))
        let workbook = workbook_new_opt(temporary, &options)
        guard let workbook, let bold = workbook_add_format(workbook), let date = workbook_add_format(workbook) else {
            if let workbook { iatix_workbook_discard(workbook) }
            FilePaths.remove(temporary)
            throw failure("cannot start the workbook: out of memory")
        }
        format_set_bold(bold)
        format_set_num_format(date, "yyyy-mm-dd")
        let book = Book(workbook: workbook, bold: bold, date: date, final: final, temporary: temporary)
        self.book = book
        return book
    }

    /// The workbook's format showing numbers as `text` (made once per workbook).
    private func numberFormat(_ text: String, in book: Book) throws -> UnsafeMutablePointer<lxw_format> {
        if let format = numberFormats[text] { return format }
        guard let format = workbook_add_format(book.workbook) else { throw failure("cannot start the workbook: out of memory") }
        format_set_num_format(format, text)
        numberFormats[text] = format
        return format
    }

    private func addSheet(_ name: String, to book: Book) throws -> UnsafeMutablePointer<lxw_worksheet> {
        let status = workbook_validate_sheet_name(book.workbook, name)
        guard status == LXW_NO_ERROR, let sheet = workbook_add_worksheet(book.workbook, name) else {
            throw failure("cannot add the sheet \(name): \(Self.reason(status)); tables need distinct names that Excel accepts")
        }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.rowBufferSize, alignment: 16)
        if iatix_worksheet_buffer_rows(sheet, buffer, Self.rowBufferSize) == 0 {
            rowBuffers.append(buffer)
        } else {
            // The sheet is written in the C library's 4 KiB pieces: slower, not wrong.
            buffer.deallocate()
        }
        return sheet
    }

    /// Forgets the workbook and what points into it (its owner then closes or frees it).
    private func close() {
        book = nil
        closed = true
        prepared = [:]
        tables = []
        numberFormats = [:]
    }

    /// `table`, or `table (part)` for a continuation sheet, within Excel's 31 characters.
    static func sheetName(_ table: String, part: Int) -> String {
        let suffix = part > 1 ? " (\(part))" : ""
        return String(table.prefix(31 - suffix.count)) + suffix
    }

    /// libxlsxwriter's description of `status`, to sit inside a sentence.
    private static func reason(_ status: lxw_error) -> String {
        var text = String(cString: lxw_strerror(status))
        if text.hasSuffix(".") { text.removeLast() }
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    private func failure(_ message: String) -> XMLError {
        XMLError(level: .fatal, file: path, message: message)
    }
}

/// The C workbook and what the output needs of it. The workbook owns its sheets and formats;
/// the output owns the workbook until ``XLSXTableOutput/commit()`` closes it or
/// ``XLSXTableOutput/discard()`` frees it.
private struct Book {
    let workbook: UnsafeMutablePointer<lxw_workbook>
    let bold: UnsafeMutablePointer<lxw_format>
    let date: UnsafeMutablePointer<lxw_format>
    /// Where the workbook goes, and the temporary name it is written under.
    let final: String
    let temporary: String
}

/// An opened table and the sheet its rows go to.
private struct Table {
    let name: String
    let columns: [Column]
    var sheet: UnsafeMutablePointer<lxw_worksheet>
    /// Each column's number format, `nil` for the general one.
    let formats: [UnsafeMutablePointer<lxw_format>?]
    /// Sheets used so far (more than one past Excel's row limit).
    var sheetCount = 1
    /// Rows on the current sheet, the header included: the next row's index.
    var rows = 1
}

/// One table's rows, written into the workbook's sheets by the output.
final class XLSXRowWriter: RowWriter {
    private let output: XLSXTableOutput
    private let table: Int

    fileprivate init(output: XLSXTableOutput, table: Int) {
        self.output = output
        self.table = table
    }

    func write(_ row: [Cell]) throws {
        try output.write(row, table: table)
    }
}
