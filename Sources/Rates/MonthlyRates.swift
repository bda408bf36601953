public import Foundation
public import IATI

/// Exchange rates in the layout IATI tools share (the IMF's monthly rates):
///
/// ```
/// Date,Rate,Currency,Frequency,Source
/// 2021-08-31,0.845022816,EUR,M,IMF
/// ```
///
/// `Rate` is the number of units of `Currency` one US dollar buys on `Date` (a month's end for
/// monthly rates); `Frequency` and `Source` are kept out of the arithmetic. Any currency converts
/// to any other through the dollar.
///
/// **Which rate applies to a date**: the rate of the same month as the date (monthly rates are
/// dated at month-end); when that month has none for the currency, the rate whose date is
/// nearest to the date, before or after (the earlier on a tie). Each conversion reports the
/// date of the rate it used.
public struct MonthlyRates: Sendable, Hashable {
    /// A rate in force at a date.
    public struct DatedRate: Sendable, Hashable {
        public var date: IATIDate
        /// Units of the currency per US dollar.
        public var unitsPerDollar: Decimal
        var dayNumber: Int
    }

    /// A conversion's result: the rate used and its date.
    public struct Use: Sendable, Hashable {
        /// Units of the source currency per unit of the target currency: amount ÷ rate.
        public var rate: Decimal
        /// The date of the rate used; `nil` when no rate was needed (same currency).
        public var date: IATIDate?
        /// Whether a rate used (of either currency, against the dollar) is of another month
        /// than the date converted: the nearest in time, that month having none.
        public var otherMonth: Bool

        public init(rate: Decimal, date: IATIDate?, otherMonth: Bool = false) {
            self.rate = rate
            self.date = date
            self.otherMonth = otherMonth
        }

        /// `amount` in the target currency.
        public func convert(_ amount: Decimal) -> Decimal { amount / rate }
    }

    /// Why an amount could not be converted.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case noCurrency
        case noDate
        case unknownCurrency(String)

        public var description: String {
            switch self {
            case .noCurrency: "the amount has no currency"
            case .noDate: "the amount has no valid value date"
            case .unknownCurrency(let code): "the rates file has no rate for \(code)" + Self.caseHint(code)
            }
        }

        /// What to say of a currency written in lower case (`usd`), which no rates file has:
        /// ISO 4217 codes, those of IATI's Currency codelist, are upper case.
        public static func caseHint(_ code: String) -> String {
            code.uppercased() == code ? "" : " (currency codes are upper case: \(code.uppercased()))"
        }
    }

    /// Rates per currency, sorted by date.
    public private(set) var rates: [String: [DatedRate]]
    /// The file the rates came from, for messages.
    public var source: String

    public init(rates: [String: [(date: IATIDate, unitsPerDollar: Decimal)]], source: String = "") {
        self.rates = rates.mapValues { list in
            list.compactMap { entry in
                entry.date.dayNumber.map { DatedRate(date: entry.date, unitsPerDollar: entry.unitsPerDollar, dayNumber: $0) }
            }.sorted { $0.dayNumber < $1.dayNumber }
        }
        self.source = source
    }

    /// The currencies the file has rates for, and USD.
    public var currencies: Set<String> { Set(rates.keys).union(["USD"]) }

    /// The rate for `currency` on `date` (see the type's rule); the dollar is 1, undated.
    public func dollarRate(_ currency: String, on date: IATIDate) -> Result<(rate: Decimal, date: IATIDate?), Failure> {
        if currency == "USD" { return .success((1, nil)) }
        guard let list = rates[currency], !list.isEmpty else { return .failure(.unknownCurrency(currency)) }
        guard let day = date.dayNumber, let year = date.year, let month = date.month else { return .failure(.noDate) }
        // First rate on or after the date.
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].dayNumber < day { low = middle + 1 } else { high = middle }
        }
        var candidates: [DatedRate] = []
        if low < list.count { candidates.append(list[low]) }
        if low > 0 { candidates.append(list[low - 1]) }
        if let sameMonth = candidates.first(where: { $0.date.year == year && $0.date.month == month }) {
            return .success((sameMonth.unitsPerDollar, sameMonth.date))
        }
        let nearest = candidates.min { left, right in
            let (l, r) = (abs(left.dayNumber - day), abs(right.dayNumber - day))
            return l != r ? l < r : left.dayNumber < right.dayNumber
        }!
        return .success((nearest.unitsPerDollar, nearest.date))
    }

    /// The conversion of `currency` to `target` on `date`: the rate of each against the dollar
    /// on that date; the date reported is the source currency's rate's (the target's when the
    /// source is the dollar), and ``Use/otherMonth`` says whether either rate is of another
    /// month than `date`.
    public func conversion(of currency: String?, to target: String, on date: IATIDate?) -> Result<Use, Failure> {
        guard let currency else { return .failure(.noCurrency) }
        if currency == target { return .success(Use(rate: 1, date: nil)) }
        guard let date, date.isValid else { return .failure(.noDate) }
        switch (dollarRate(currency, on: date), dollarRate(target, on: date)) {
        case (.failure(let failure), _), (_, .failure(let failure)): return .failure(failure)
        case (.success(let source), .success(let goal)):
            func ofOtherMonth(_ rateDate: IATIDate?) -> Bool {
                rateDate.map { $0.year != date.year || $0.month != date.month } ?? false
            }
            let otherMonth = ofOtherMonth(source.date) || ofOtherMonth(goal.date)
            return .success(Use(rate: source.rate / goal.rate, date: source.date ?? goal.date, otherMonth: otherMonth))
        }
    }
}
