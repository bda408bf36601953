public import Foundation
public import IATI
public import Rates

/// Exchange rates to one target currency, by date, read from a CSV file.
///
/// The file has a header `date,currency,rate` (an optional fourth column `target` names the
/// target currency and must be the same on every row); `rate` is the number of target units
/// one unit of `currency` is worth on `date`. Lines starting with `#` and blank lines are
/// skipped. A value is converted with the latest rate on or before its value date.
///
/// A file in the IMF monthly layout that IATI tools share (`Date,Rate,Currency,Frequency,Source`,
/// read by `Rates.MonthlyRates`, as `iatix flatten --rates` does) converts to any target
/// currency given, with that layout's rule for picking the rate of a date.
public struct ExchangeRates: Sendable, Hashable {
    /// ISO 4217 code every amount is converted to.
    public var target: String
    /// Rates per currency, sorted by date.
    public private(set) var rates: [String: [DatedRate]]
    /// The file the rates came from, for messages.
    public var source: String
    /// Rates read from the IMF monthly layout, which then give every rate.
    private var monthly: MonthlyRates?

    /// A rate in force from a date.
    public struct DatedRate: Sendable, Hashable {
        public var date: IATIDate
        public var rate: Decimal
    }

    /// Creates rates from values.
    public init(target: String, rates: [String: [DatedRate]], source: String = "") {
        self.target = target
        self.rates = rates.mapValues { $0.sorted { $0.date < $1.date } }
        self.source = source
    }

    /// Why a value could not be converted.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case noCurrency
        case noDate
        case unknownCurrency(String)
        case noRateOnOrBefore(String, IATIDate)

        public var description: String {
            switch self {
            case .noCurrency: "the value has no currency"
            case .noDate: "the value has no valid value date"
            case .unknownCurrency(let currency): "no rate for \(currency)" + MonthlyRates.Failure.caseHint(currency)
            case .noRateOnOrBefore(let currency, let date): "no rate for \(currency) on or before \(date.isoString)"
            }
        }
    }

    /// The rate that converts `currency` on `date` (target units per unit of `currency`): 1 for
    /// the target, else the latest rate on or before the date.
    public func rate(for currency: String?, on date: IATIDate?) -> Result<Decimal, Failure> {
        if let currency, currency != target, monthly == nil { return datedRate(currency, on: date).map(\.rate) }
        return exactConversion(of: currency, on: date).map { 1 / $0.rate }
    }

    /// How `currency` converts on `date`: the rate as units of `currency` per unit of the
    /// target (the converted amount is amount ÷ rate) and the date of the rate used (`nil` for
    /// the target itself). The shared form of ``Rates/MonthlyRates``, whichever layout was read.
    /// The rate is kept to ``significantDigits``, so that the rate reported is the one that
    /// converts (a quotient of two rates rarely ends).
    public func conversion(of currency: String?, on date: IATIDate?) -> Result<MonthlyRates.Use, Failure> {
        exactConversion(of: currency, on: date).map { MonthlyRates.Use(rate: Self.significant($0.rate), date: $0.date) }
    }

    /// Significant digits of a reported rate.
    public static let significantDigits = 15

    /// `value` rounded to ``significantDigits`` significant digits.
    static func significant(_ value: Decimal) -> Decimal {
        guard value > 0 else { return value }
        let magnitude = Int(floor(log10(NSDecimalNumber(decimal: value).doubleValue)))
        return value.rounded(scale: significantDigits - 1 - magnitude)
    }

    private func exactConversion(of currency: String?, on date: IATIDate?) -> Result<MonthlyRates.Use, Failure> {
        guard let currency else { return .failure(.noCurrency) }
        if currency == target { return .success(MonthlyRates.Use(rate: 1, date: nil)) }
        guard let monthly else {
            return datedRate(currency, on: date).map { MonthlyRates.Use(rate: 1 / $0.rate, date: $0.date) }
        }
        switch monthly.conversion(of: currency, to: target, on: date) {
        case .success(let use): return .success(use)
        case .failure(.noCurrency): return .failure(.noCurrency)
        case .failure(.noDate): return .failure(.noDate)
        case .failure(.unknownCurrency(let code)): return .failure(.unknownCurrency(code))
        }
    }

    /// The latest rate of the `date,currency,rate` layout on or before `date`.
    private func datedRate(_ currency: String, on date: IATIDate?) -> Result<DatedRate, Failure> {
        guard let date, date.isValid else { return .failure(.noDate) }
        guard let list = rates[currency], !list.isEmpty else { return .failure(.unknownCurrency(currency)) }
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].date <= date { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return .failure(.noRateOnOrBefore(currency, date)) }
        return .success(list[low - 1])
    }
}

extension ExchangeRates {
    /// Reads a rates file.
    /// - Parameters:
    ///   - path: the CSV file.
    ///   - target: the target currency when the file has no `target` column; must agree with
    ///     the column when both are given.
    /// - Throws: ``ConfigurationError`` with every problem, each with file and line: a missing
    ///   header, a row without date, currency or rate, an invalid date, a rate that is not a
    ///   positive decimal, a currency that is not three capital letters, two different rates
    ///   for the same currency and date, several target currencies, no target at all.
    public static func load(path: String, target: String? = nil) throws(ConfigurationError) -> ExchangeRates {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(problems: [ConfigurationProblem(file: path, message: "cannot read the rates file as UTF-8 text")])
        }
        return try parse(csv: text, file: path, target: target)
    }

    /// Reads rates from CSV text; `file` names it in problems.
    /// - Throws: ``ConfigurationError``, as ``load(path:target:)``.
    public static func parse(csv: String, file: String, target: String? = nil) throws(ConfigurationError) -> ExchangeRates {
        if let first = csv.split(whereSeparator: \.isNewline).first(where: { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }),
            MonthlyRates.isLayout(headerLine: first.replacingOccurrences(of: "\u{FEFF}", with: ""))
        {
            return try parseMonthly(csv: csv, file: file, target: target)
        }
        var problems: [ConfigurationProblem] = []
        func problem(_ line: Int, _ message: String) {
            problems.append(ConfigurationProblem(file: file, line: line, message: message))
        }
        var columns: [String: Int]?
        var fileTarget: (code: String, line: Int)?
        var seen: [String: [String: (rate: Decimal, line: Int)]] = [:]
        var rates: [String: [DatedRate]] = [:]
        let lines = csv.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (offset, rawLine) in lines.enumerated() {
            let number = offset + 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = CSVLine.split(line).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let header = columns else {
                let names = fields.map { $0.lowercased() }
                var found: [String: Int] = [:]
                for (index, name) in names.enumerated() { found[name] = index }
                let missing = ["date", "currency", "rate"].filter { found[$0] == nil }
                if !missing.isEmpty {
                    problem(number, "the first line must be the header date,currency,rate (optionally ,target); missing \(missing.joined(separator: ", "))")
                    throw ConfigurationError(problems: problems)
                }
                let unknown = names.filter { !["date", "currency", "rate", "target"].contains($0) }
                if !unknown.isEmpty { problem(number, "unknown column \(unknown.joined(separator: ", ")); columns are date, currency, rate, target") }
                columns = found
                continue
            }
            func field(_ name: String) -> String? {
                guard let index = header[name], index < fields.count, !fields[index].isEmpty else { return nil }
                return fields[index]
            }
            guard let dateText = field("date") else { problem(number, "the row has no date"); continue }
            guard let currency = field("currency") else { problem(number, "the row has no currency"); continue }
            guard let rateText = field("rate") else { problem(number, "the row has no rate for \(currency)"); continue }
            let date = IATIDate(text: dateText)
            var valid = true
            if !date.isValid {
                problem(number, "\"\(dateText)\" is not a date YYYY-MM-DD")
                valid = false
            }
            if !isCurrencyCode(currency) {
                problem(number, "\"\(currency)\" is not an ISO 4217 currency code (three capital letters)")
                valid = false
            }
            let rate = DecimalValue(text: rateText).value
            if rate == nil || (rate ?? 0) <= 0 {
                problem(number, "rate \"\(rateText)\" for \(currency) must be a positive decimal number such as 0.000041")
                valid = false
            }
            if let rowTarget = field("target") {
                if let fileTarget, fileTarget.code != rowTarget {
                    problem(number, "target currency \(rowTarget) differs from \(fileTarget.code) on line \(fileTarget.line); one file converts to one currency")
                } else if fileTarget == nil {
                    fileTarget = (rowTarget, number)
                }
            }
            guard valid, let rate else { continue }
            let key = date.isoString
            if let previous = seen[currency]?[key] {
                if previous.rate != rate {
                    problem(number, "a different rate for \(currency) on \(key) is on line \(previous.line)")
                }
                continue
            }
            seen[currency, default: [:]][key] = (rate, number)
            rates[currency, default: []].append(DatedRate(date: date, rate: rate))
        }
        if columns == nil { problem(0, "the rates file is empty; it needs the header date,currency,rate and rows") }
        if let target, let fileTarget, target != fileTarget.code {
            problem(fileTarget.line, "the file converts to \(fileTarget.code) but \(target) was asked for")
        }
        let resolved = target ?? fileTarget?.code
        if resolved == nil { problem(0, "no target currency: add a target column or pass the target currency") }
        if let resolved, !isCurrencyCode(resolved) { problem(0, "target currency \"\(resolved)\" is not an ISO 4217 code") }
        guard problems.isEmpty, let resolved else { throw ConfigurationError(problems: problems) }
        return ExchangeRates(target: resolved, rates: rates, source: file)
    }

    /// Reads the IMF monthly layout; the target currency must be given.
    private static func parseMonthly(csv: String, file: String, target: String?) throws(ConfigurationError) -> ExchangeRates {
        let monthly: MonthlyRates
        do {
            monthly = try MonthlyRates.parse(csv: csv, file: file)
        } catch {
            throw ConfigurationError(problems: error.problems.map { ConfigurationProblem(file: file, line: $0.line, message: $0.message) })
        }
        guard let target, isCurrencyCode(target) else {
            throw ConfigurationError(problems: [
                ConfigurationProblem(file: file, message: "rates in the Date,Rate,Currency layout convert to any currency: name one with --currency (for example USD)")
            ])
        }
        guard monthly.currencies.contains(target) else {
            throw ConfigurationError(problems: [ConfigurationProblem(file: file, message: "the file has no rate for \(target)")])
        }
        var rates = ExchangeRates(target: target, rates: [:], source: file)
        rates.monthly = monthly
        return rates
    }

    private static func isCurrencyCode(_ text: String) -> Bool {
        text.count == 3 && text.allSatisfy { $0.isASCII && $0.isUppercase }
    }
}
