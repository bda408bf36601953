import Foundation
import FuzzSupport
import IATI
import LibXML
import Tables

/// Any bytes flattened as an IATI XML file, every table, to JSON Lines, amounts converted to USD
/// and EUR: the run ends without trapping, and the split rows of each transaction (per sector
/// vocabulary) and of each budget add up exactly to its value and to each converted value, with
/// a split row for every amount that has one.
@_cdecl("LLVMFuzzerTestOneInput")
func test(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzIO.bytes(data, size)
    let file = FuzzIO.scratch + ".xml"
    let folder = FuzzIO.scratch + "-tables"
    defer {
        try? FileManager.default.removeItem(atPath: file)
        try? FileManager.default.removeItem(atPath: folder)
    }
    guard FileManager.default.createFile(atPath: file, contents: Data(input)) else { return 0 }
    var options = FlattenOptions(inputs: [file], outputDirectory: folder)
    options.format = .jsonl
    options.currencies = ["USD", "EUR"]
    options.rates = rates
    // Both roads: the money tables on a thread of their own, and every table on one thread.
    options.threads = size % 2 == 0 ? 1 : 2
    // Refused inputs (not XML, not IATI, nothing read) are errors, not failures.
    guard (try? runFlatten(options)) != nil else { return 0 }
    let tables = FlatTables(folder: folder, input: input)
    // The split's own column of each amount column: the value, then each converted value.
    for (amount, part) in [("value", "value_split"), ("value_usd", "value_usd"), ("value_eur", "value_eur")] {
        tables.checkSplitsAddUp(
            amounts: "transactions", splits: "transaction_splits", index: "transaction_index", columns: (amount, part), byVocabulary: true)
        tables.checkSplitsAddUp(amounts: "budgets", splits: "budget_splits", index: "budget_index", columns: (amount, part), byVocabulary: false)
    }
    return 0
}

// (Top-level values of main.swift are set in order: the path comes first.)
private let ratesPath = FuzzIO.scratch + "-rates.csv"

/// A rates file (IMF monthly layout: units per USD) of a few currencies in two months, written
/// once and removed at exit: an amount in one of them converts with the rate nearest its value
/// date.
private let rates: String = {
    atexit { unlink(ratesPath) }
    let lines = ["Date,Rate,Currency,Frequency,Source"]
        + ["2015-01-31", "2023-06-30"].flatMap { date in
            [("EUR", "0.845022816"), ("GBP", "0.726269155"), ("VND", "23450.5"), ("CAD", "1.2617"), ("XDR", "0.702121")].map {
                "\(date),\($0.1),\($0.0),M,IMF"
            }
        }
    guard FileManager.default.createFile(atPath: ratesPath, contents: Data((lines.joined(separator: "\n") + "\n").utf8)) else {
        fatalError("cannot write the rates file \(ratesPath)")
    }
    return ratesPath
}()

/// The money tables of one run, read back from their JSON Lines.
struct FlatTables {
    let input: [UInt8]
    /// Each table's rows, objects read through ``JSONValue``'s member subscript.
    private var tables: [String: [JSONValue]] = [:]

    init(folder: String, input: [UInt8]) {
        self.input = input
        for table in ["transactions", "transaction_splits", "budgets", "budget_splits"] {
            tables[table] = Self.rows(of: "\(folder)/\(table).jsonl", input: input)
        }
    }

    /// Amounts with more significant digits than this are not checked: `Decimal`, which adds
    /// the parts here, holds 38 digits, and the parts carry the value's decimal places.
    static let mostDigits = 30

    /// Each amount of `amounts` with a number in `columns.amount`: the numbers in `columns.part`
    /// of its rows in `splits` (per sector vocabulary when `byVocabulary`) add up to it
    /// exactly, and it has such rows.
    func checkSplitsAddUp(amounts: String, splits: String, index: String, columns: (amount: String, part: String), byVocabulary: Bool) {
        var values: [String: Decimal] = [:]
        for row in tables[amounts] ?? [] where row["replaced"] != .bool(true) {
            guard let value = Self.decimal(row[columns.amount]) else { continue }
            values[Self.key(row, index: index)] = value
        }
        var sums: [String: [String: Decimal]] = [:]
        for row in tables[splits] ?? [] {
            guard let part = Self.decimal(row[columns.part]) else { continue }
            let vocabulary = byVocabulary ? Self.text(row["sector_vocabulary"]) : ""
            sums[Self.key(row, index: index), default: [:]][vocabulary, default: 0] += part
        }
        for (key, value) in values {
            guard let byVocabulary = sums[key] else {
                FuzzIO.fail("\(amounts) \(key) has \(columns.amount) \(value) but no \(splits) row with \(columns.part)", input: input)
            }
            // Past `mostDigits`, the sum here may round where the parts do not.
            guard Self.significantDigits(value) <= Self.mostDigits else { continue }
            for (vocabulary, sum) in byVocabulary where sum != value {
                FuzzIO.fail("\(columns.part) of \(splits) of \(amounts) \(key) (vocabulary \(vocabulary)) add up to \(sum), not \(value)", input: input)
            }
        }
        for key in sums.keys where values[key] == nil {
            FuzzIO.fail("\(splits) rows with \(columns.part) for \(amounts) \(key), which has no \(columns.amount)", input: input)
        }
    }

    /// The rows of the table at `path`, each a JSON object; none when it is absent. Read with
    /// the package's own reader: LeakSanitizer finds Foundation's `Data(contentsOf:)` leaking a
    /// buffer here.
    private static func rows(of path: String, input: [UInt8]) -> [JSONValue] {
        guard let source = try? FileSource(path: path) else { return [] }
        let reader = JSONReader(name: path, source: source)
        var rows: [JSONValue] = []
        while (try? reader.isAtEnd()) == false {
            guard let row = try? reader.value(), case .object = row else {
                FuzzIO.fail("a row of \(path) is not a JSON object", input: input)
            }
            rows.append(row)
        }
        return rows
    }

    private static func key(_ row: JSONValue, index: String) -> String {
        "\(text(row["activity_index"])) \(text(row[index]))"
    }

    private static func decimal(_ value: JSONValue?) -> Decimal? {
        guard case .number(let text) = value else { return nil }
        return DecimalValue.exactDecimal(text)
    }

    private static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text), .number(let text): text
        default: ""
        }
    }

    private static func significantDigits(_ value: Decimal) -> Int {
        value.plainText.filter(\.isNumber).drop { $0 == "0" }.count
    }
}

FuzzIO.run(test)
