import Foundation
public import Testing

/// One row of the official validator's rule table (`validator/data-quality-rules.csv`).
public struct QualityRule: Sendable, Hashable {
    /// `ID`, trimmed: a dotted number such as `1.14.8` (one row holds a template instead).
    public var id: String
    /// `Class`: the category findings carry (`identifiers`, `financial`, …).
    public var category: String
    /// `Severity`, lowercased (`error`, `warning`, `critical`; empty on a few rows).
    public var severity: String
    /// `Ruleset(s)`: which versions the rule is for (`iati`, `2.0x`, `iati:2.03`, `iati:< 2.03`).
    public var rulesets: String
    /// `Where Defined` (`Ruleset`, `Codelist Rules`, `Validator Code`, `Rules Code`, or empty).
    public var whereDefined: String

    /// Whether the id is a dotted number (not the table's template row).
    public var hasDottedID: Bool { Self.isDotted(id) }

    /// Whether `id` is a dotted number such as `1.14.8`.
    public static func isDotted(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}

/// The official validator's rule table, read from the reference folder.
public enum QualityRules {
    /// Where the table is.
    public static var path: String { Reference.path("validator/data-quality-rules.csv") }

    /// Whether the table is there (tests that need it are skipped with ``missing``).
    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: path) }

    /// The skip reason when it is not.
    public static let missing: Comment =
        "validator/data-quality-rules.csv not found ($IATI_REFERENCE or ../shared/iati): skipped"

    /// Every row, in file order.
    /// - Throws: when the file cannot be read or lacks a column.
    public static func load() throws -> [QualityRule] {
        let records = csvRecords(try String(contentsOfFile: path, encoding: .utf8))
        guard let header = records.first else { throw TableError.missingColumn("ID") }
        func column(_ name: String) throws -> Int {
            guard let index = header.firstIndex(of: name) else { throw TableError.missingColumn(name) }
            return index
        }
        let columns = try ["ID", "Class", "Severity", "Ruleset(s)", "Where Defined"].map(column)
        return records.dropFirst().filter { $0.count > columns.max()! }.map { record in
            let field = { (index: Int) in record[columns[index]].trimmingCharacters(in: .whitespaces) }
            return QualityRule(
                id: field(0), category: field(1), severity: field(2).lowercased(), rulesets: field(3), whereDefined: field(4))
        }
    }

    /// A column the table should have and has not.
    public enum TableError: Error {
        case missingColumn(String)
    }

    /// The records of a CSV text (RFC 4180 quoting).
    public static func csvRecords(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",":
                record.append(field)
                field = ""
            case "\n", "\r\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
            default: field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
