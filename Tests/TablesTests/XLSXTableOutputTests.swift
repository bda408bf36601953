import Foundation
import IATI
@testable import Tables
import TestSupport
import XCTest

final class XLSXTableOutputTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("iatix-xlsx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private let activityColumns = [
        Column("iati_identifier", .code, "", source: ""),
        Column("title", .text, "", source: ""),
        Column("sector_code", .code, "", source: ""),
        Column("start_date", .date, "", source: ""),
        Column("end_date", .date, "", source: ""),
        Column("humanitarian", .boolean, "", source: ""),
        Column("description", .text, "", source: ""),
    ]
    private let transactionColumns = [
        Column("iati_identifier", .code, "", source: ""),
        Column("transaction_type", .code, "", source: ""),
        Column("value", .decimal, "", source: ""),
        Column("year", .integer, "", source: ""),
    ]

    func testTablesWrittenInTurnReadBackTyped() throws {
        let path = "\(folder)/tables.xlsx"
        let output = XLSXTableOutput(path: path)
        try output.prepare(tables: ["activities", "transactions"])
        let transactions = try output.open(table: "transactions", columns: transactionColumns)
        let activities = try output.open(table: "activities", columns: activityColumns)
        let long = String(repeating: "x", count: 40_000)
        try activities.write([
            .text("VN-1-0001"), .text("Việc làm bền vững cho thanh niên"), .text("01510"),
            .date(IATIDate(text: "2024-01-05")), .date(IATIDate(text: "2024-13-45")), .boolean(true), .text(long),
        ])
        try transactions.write([.text("VN-1-0001"), .text("0051"), .decimal(Decimal(string: "1500000.25")!), .integer(2024)])
        try activities.write([.text("VN-1-0002"), .empty, .text("11220"), .empty, .empty, .boolean(false), .empty])
        try transactions.write([.text("VN-1-0002"), .text("3"), .decimal(Decimal(string: "-12")!), .empty])
        // More than 15 significant digits to the cent: held rounded by Excel, and counted;
        // a share's last places and a round large amount are not.
        for amount in ["12345678901234.56", "0.3333333333333333", "1000000000000000000", "12345678901234.5", "-1234567890123456"] {
            try transactions.write([.text("VN-1-0003"), .text("3"), .decimal(Decimal(string: amount)!), .empty])
        }
        XCTAssertEqual(try output.commit(), [path])
        XCTAssertEqual(output.truncatedCells, 1)
        XCTAssertEqual(output.roundedNumbers, 2)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["tables.xlsx"])

        let book = try readBack(path)
        XCTAssertEqual(book.sheets, ["activities", "transactions"])
        let sheet = try XCTUnwrap(book.tables["activities"])
        XCTAssertEqual(sheet.freeze, "A2")
        XCTAssertTrue(sheet.bold)
        XCTAssertEqual(sheet.rows[0].map(\.value), activityColumns.map(\.name))
        let first = sheet.rows[1]
        XCTAssertEqual(first[1].value, "Việc làm bền vững cho thanh niên")
        XCTAssertEqual(first[2].type, "str")
        XCTAssertEqual(first[2].value, "01510")
        XCTAssertEqual(first[3].type, "datetime")
        XCTAssertEqual(first[3].value, "2024-01-05T00:00:00")
        XCTAssertEqual(first[4].type, "str")
        XCTAssertEqual(first[4].value, "2024-13-45")
        XCTAssertEqual(first[5].type, "bool")
        XCTAssertEqual(first[6].value.utf16.count, 32_767)
        XCTAssertTrue(first[6].value.hasSuffix(XLSXTableOutput.truncationMarker))
        XCTAssertEqual(sheet.rows[2][1].type, "NoneType")
        XCTAssertEqual(sheet.rows[2][5].value, "False")

        let values = try XCTUnwrap(book.tables["transactions"]).rows
        XCTAssertEqual(values[0].map(\.value), transactionColumns.map(\.name))
        XCTAssertEqual(values[1].map(\.type), ["str", "str", "float", "int"])
        XCTAssertEqual(values[1][1].value, "0051")
        XCTAssertEqual(values[1][2].value, "1500000.25")
        XCTAssertEqual(values[2][2].type, "int")
        XCTAssertEqual(values[2][2].value, "-12")
        XCTAssertEqual(values[2][3].type, "NoneType")
    }

    func testLongTableContinuesOnSheetsWithTheHeader() throws {
        let path = "\(folder)/long.xlsx"
        let output = XLSXTableOutput(path: path, rowsPerSheet: 3)
        try output.prepare(tables: ["activities", "transactions"])
        let transactions = try output.open(table: "transactions", columns: transactionColumns)
        for index in 1...5 {
            try transactions.write([.text("VN-1-\(index)"), .text("3"), .decimal(Decimal(index)), .integer(2024)])
        }
        _ = try output.commit()

        let book = try readBack(path)
        XCTAssertEqual(book.sheets, ["activities", "transactions", "transactions (2)", "transactions (3)"])
        for (name, identifiers) in [("transactions", ["VN-1-1", "VN-1-2"]), ("transactions (2)", ["VN-1-3", "VN-1-4"]), ("transactions (3)", ["VN-1-5"])] {
            let sheet = try XCTUnwrap(book.tables[name])
            XCTAssertEqual(sheet.rows[0].map(\.value), transactionColumns.map(\.name), name)
            XCTAssertEqual(sheet.rows.dropFirst().map { $0[0].value }, identifiers, name)
            XCTAssertEqual(sheet.freeze, "A2", name)
        }
        XCTAssertEqual(book.tables["activities"]?.rows.count, 0)
    }

    func testSheetNamesKeepExcelsLimit() {
        let name = String(repeating: "t", count: 40)
        XCTAssertEqual(XLSXTableOutput.sheetName(name, part: 1), String(repeating: "t", count: 31))
        XCTAssertEqual(XLSXTableOutput.sheetName(name, part: 12), String(repeating: "t", count: 26) + " (12)")
        XCTAssertEqual(XLSXTableOutput.sheetName("transactions", part: 2), "transactions (2)")
    }

    func testDiscardLeavesNoFile() throws {
        let output = XLSXTableOutput(path: "\(folder)/dropped.xlsx")
        try output.prepare(tables: ["transactions"])
        let transactions = try output.open(table: "transactions", columns: transactionColumns)
        try transactions.write([.text("VN-1-1"), .text("3"), .decimal(1), .integer(2024)])
        output.discard()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [])
        XCTAssertThrowsError(try transactions.write([.text("VN-1-2"), .empty, .empty, .empty]))
    }

    func testMissingFolderIsReportedBeforeAnyTable() {
        let output = XLSXTableOutput(path: "\(folder)/missing/tables.xlsx")
        XCTAssertThrowsError(try output.prepare(tables: ["activities"])) { error in
            XCTAssertTrue("\(error)".contains("check that the folder exists"), "\(error)")
        }
    }

    func testNumbersPastFifteenDigitsToTheCentAreFound() {
        let losing = ["1234567890123456", "-1234567890123456", "12345678901234.56", "123456789012345.1", "1000000000000001"]
        let keeping = [
            "0.3333333333333333", "1000000000000000000", "12345678901234.5", "123456789012345", "1234567890123.45", "0.000000000000000001",
            "-0.01", "0", "", "12345678901234.50", "100000000000000.00",
        ]
        for text in losing { XCTAssertTrue(XLSXTableOutput.losesCents(text), text) }
        for text in keeping { XCTAssertFalse(XLSXTableOutput.losesCents(text), text) }
    }

    func testLiteralEscapesAreKeptAsText() {
        let cases = [
            ("no escape here", "no escape here"),
            ("a_x000D_b", "a_x005F_x000D_b"),
            ("_x00e9_ and _x00E9_", "_x005F_x00e9_ and _x005F_x00E9_"),
            ("_x0041_x0042_", "_x005F_x0041_x005F_x0042_"),
            ("_x12_ _x12345_ _xg000_ _x000D", "_x12_ _x12345_ _xg000_ _x000D"),
            ("Việc làm _x0020_ cho thanh niên", "Việc làm _x005F_x0020_ cho thanh niên"),
            ("", ""),
        ]
        for (text, escaped) in cases { XCTAssertEqual(XLSXTableOutput.escapingLiteralEscapes(text), escaped, text) }
    }

    // MARK: Reading back with openpyxl

    private struct Value {
        /// The Python type openpyxl read (`str`, `int`, `float`, `bool`, `datetime`, `NoneType`).
        var type: String
        /// Python's `str()` of the value (ISO 8601 for a datetime).
        var value: String
    }

    private struct Sheet {
        var freeze: String?
        var bold: Bool
        var rows: [[Value]]
    }

    /// The workbook as openpyxl reads it: sheet names in order and each sheet's cells.
    private func readBack(_ path: String) throws -> (sheets: [String], tables: [String: Sheet]) {
        guard let python = Command.which("python3"), try Command.run(python, ["-c", "import openpyxl"]).status == 0 else {
            throw XCTSkip("openpyxl is missing (python3 -m pip install openpyxl): the workbook cannot be read back")
        }
        let script = """
            import datetime, json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            def value(cell):
                text = cell.isoformat() if isinstance(cell, datetime.datetime) else str(cell)
                return [type(cell).__name__, text]
            print(json.dumps({"sheets": book.sheetnames, "tables": {sheet.title: {
                "freeze": sheet.freeze_panes,
                "bold": bool(sheet["A1"].font.b),
                "rows": [[value(cell) for cell in row] for row in sheet.iter_rows(values_only=True) if any(cell is not None for cell in row)],
            } for sheet in book.worksheets}}, ensure_ascii=False))
            """
        let result = try Command.run(python, ["-c", script, path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let sheets = try XCTUnwrap(json["sheets"] as? [String])
        var tables: [String: Sheet] = [:]
        for (name, object) in try XCTUnwrap(json["tables"] as? [String: [String: Any]]) {
            let rows = try XCTUnwrap(object["rows"] as? [[[String]]])
            tables[name] = Sheet(
                freeze: object["freeze"] as? String, bold: object["bold"] as? Bool ?? false,
                rows: rows.map { $0.map { Value(type: $0[0], value: $0[1]) } })
        }
        return (sheets, tables)
    }
}
