public import IATI
import Foundation
import Tables

extension CooperationOutputs {
    /// The outputs as CSV tables (RFC 4180, UTF-8, header row, CRLF line ends), by file name
    /// (``writeOutputs(_:options:)`` starts each file with a UTF-8 byte order mark): the
    /// tables of ``tables(language:)``, headers in `language`, values machine-readable
    /// (decimals with `.`, dates `YYYY-MM-DD`, codes as codes) in every language.
    public func csvTables(language: ReportLanguage = .en) -> [(name: String, text: String)] {
        tables(language: language).map { table in
            var csv = CSVTable(table.columns.map(\.name))
            for row in table.rows { csv.add(row.map(\.text)) }
            return ("\(table.file).csv", csv.text)
        }
    }
}

extension NodeOutputs {
    /// All nodes below, depth first.
    public var allDescendants: [NodeOutputs] {
        children.flatMap { [$0] + $0.allDescendants }
    }
}

/// One CSV table being built.
struct CSVTable {
    /// U+FEFF, written first in every CSV file: Excel on Windows then reads UTF-8, not the
    /// local code page. ``CooperationOutputs/csvTables()`` gives the tables without it.
    static let byteOrderMark = "\u{FEFF}"

    private(set) var text: String

    init(_ header: [String]) {
        text = ""
        add(header)
    }

    mutating func add(_ fields: [String]) {
        text += fields.map(Self.quote).joined(separator: ",") + "\r\n"
    }

    /// Quotes a field when it holds a comma, a quote or a line break; a leading `=`, `+`,
    /// `-` or `@` of text (not a number) is prefixed with `'` so spreadsheets do not run it.
    static func quote(_ field: String) -> String {
        var field = field
        if let first = field.first, "=+-@".contains(first), DecimalValueText.isNumber(field) == false {
            field = "'" + field
        }
        if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }
}

/// Whether a field is a plain number.
enum DecimalValueText {
    static func isNumber(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        return !body.isEmpty && body.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && body.filter { $0 == "." }.count <= 1
    }
}
