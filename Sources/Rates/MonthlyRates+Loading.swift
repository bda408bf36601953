import Foundation
import IATI

/// A rates file that cannot be used: every problem, each with its line.
public struct RatesError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Problem: Sendable, Hashable {
        /// 1-based line, 0 for the whole file.
        public var line: Int
        public var message: String
    }

    public var file: String
    public var problems: [Problem]

    public var description: String {
        problems.map { "\(file)\($0.line > 0 ? ":\($0.line)" : ""): \($0.message)" }.joined(separator: "\n")
    }
}

extension MonthlyRates {
    /// The header of the layout, as IATI tools write it.
    public static let header = ["date", "rate", "currency", "frequency", "source"]

    /// Whether a CSV header line is this layout's: the five columns
    /// `Date,Rate,Currency,Frequency,Source` in any order and case. (The outputs' own layout,
    /// `date,currency,rate[,target]`, whose rate runs the other way, has neither frequency nor source.)
    public static func isLayout(headerLine: String) -> Bool {
        let names = CSVLine.split(headerLine).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return Set(names) == Set(header) && names.count == header.count
    }

    /// Reads a rates file.
    /// - Throws: ``RatesError`` with every problem: no header, a row without date, rate or
    ///   currency, an invalid date, a rate that is not a positive decimal, a currency that is
    ///   not three capital letters, two different rates for one currency and date.
    public static func load(path: String) throws(RatesError) -> MonthlyRates {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw RatesError(file: path, problems: [.init(line: 0, message: "cannot read the rates file as UTF-8 text; check the path")])
        }
        return try parse(csv: text, file: path)
    }

    /// Reads rates from CSV text; `file` names it in problems.
    public static func parse(csv: String, file: String) throws(RatesError) -> MonthlyRates {
        var problems: [RatesError.Problem] = []
        func problem(_ line: Int, _ message: String) { problems.append(.init(line: line, message: message)) }
        var columns: [String: Int]?
        var seen: [String: (rate: Decimal, line: Int)] = [:]
        var rates: [String: [(date: IATIDate, unitsPerDollar: Decimal)]] = [:]
        for (offset, rawLine) in csv.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = offset + 1
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if number == 1, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = CSVLine.split(line).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let header = columns else {
                guard isLayout(headerLine: line) else {
                    problem(number, "the first line must be the header Date,Rate,Currency,Frequency,Source (the IMF monthly layout; rate = units of the currency per US dollar)")
                    throw RatesError(file: file, problems: problems)
                }
                columns = Dictionary(fields.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
                continue
            }
            func field(_ name: String) -> String? {
                guard let index = header[name], index < fields.count, !fields[index].isEmpty else { return nil }
                return fields[index]
            }
            guard let dateText = field("date"), let currency = field("currency"), let rateText = field("rate") else {
                problem(number, "the row needs a date, a rate and a currency")
                continue
            }
            let date = IATIDate(text: dateText)
            let rate = DecimalValue.exactDecimal(rateText)
            guard date.isValid else { problem(number, "\"\(dateText)\" is not a date YYYY-MM-DD"); continue }
            guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                problem(number, "\"\(currency)\" is not an ISO 4217 currency code (three capital letters)")
                continue
            }
            guard let rate, rate > 0 else {
                problem(number, "rate \"\(rateText)\" for \(currency) must be a positive decimal (units of \(currency) per US dollar)")
                continue
            }
            let key = "\(currency) \(date.isoString)"
            if let previous = seen[key] {
                if previous.rate != rate { problem(number, "a different rate for \(currency) on \(date.isoString) is on line \(previous.line)") }
                continue
            }
            seen[key] = (rate, number)
            rates[currency, default: []].append((date, rate))
        }
        if columns == nil { problem(0, "the rates file is empty; it needs the header Date,Rate,Currency,Frequency,Source and rows") }
        guard problems.isEmpty else { throw RatesError(file: file, problems: problems) }
        return MonthlyRates(rates: rates, source: file)
    }
}

/// Splits one CSV line on commas, honouring double quotes.
public enum CSVLine {
    public static func split(_ line: some StringProtocol) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        for character in line {
            if quoted {
                if character == "\"" { quoted = false } else { current.append(character) }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
