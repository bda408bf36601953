import Foundation
import IATI
import Rates

/// Converts amounts into the requested currencies with one rates table, and counts what it
/// could not convert. An amount with no usable rate gets empty cells, never 0.
final class CurrencyConverter {
    /// What a converter counted.
    struct Tally: Sendable, Hashable {
        /// Amounts left unconverted, by target currency and reason.
        var unconverted: [String: [String: Int]] = [:]
        /// Amounts converted with a rate of another month than their value date's (the
        /// nearest in time), by target currency.
        var otherMonth: [String: Int] = [:]
        /// Amounts missing or not a number (whose split rows have no `value_split`), whether
        /// or not any currency was asked for.
        var notANumber = 0

        /// Adds another tally's counts to this one's.
        mutating func add(_ other: Tally) {
            for (target, reasons) in other.unconverted {
                for (reason, count) in reasons { unconverted[target, default: [:]][reason, default: 0] += count }
            }
            for (target, count) in other.otherMonth { otherMonth[target, default: 0] += count }
            notANumber += other.notANumber
        }
    }

    /// The target currencies, in the order asked for.
    let targets: [String]
    private let rates: MonthlyRates?
    private(set) var tally = Tally()

    init(targets: [String], rates: MonthlyRates?) {
        self.targets = targets
        self.rates = rates
    }

    /// A converter with the same targets and rates and nothing counted yet, for another thread.
    func sibling() -> CurrencyConverter {
        CurrencyConverter(targets: targets, rates: rates)
    }

    /// Adds what another converter counted to this one's counts.
    func count(_ other: Tally) {
        tally.add(other)
    }

    /// One conversion: `nil` when no rate applies.
    struct Converted {
        var rate: Decimal
        var date: IATIDate?
        /// The `rate_c` (12 decimal places) and `rate_date_c` cells, made once for every row
        /// the amount is split into.
        let rateCells: [Cell]

        init(rate: Decimal, date: IATIDate?) {
            self.rate = rate
            self.date = date
            rateCells = [.decimal(rate.rounded(scale: 12)), .optional(date)]
        }
    }

    /// The conversion of `value` at `date` into each target: none, and counted, for a value
    /// missing or not a number.
    func conversions(of value: MonetaryValue?, date: IATIDate?) -> [Converted?] {
        guard value?.amount != nil else {
            tally.notANumber += 1
            for target in targets { tally.unconverted[target, default: [:]]["value missing or not a number", default: 0] += 1 }
            return targets.map { _ in nil }
        }
        return conversions(currency: value?.currency, date: date)
    }

    /// The conversion of `currency` at `date` into each target.
    private func conversions(currency: String?, date: IATIDate?) -> [Converted?] {
        targets.map { target in
            let result: Result<MonthlyRates.Use, MonthlyRates.Failure>
            if let rates {
                result = rates.conversion(of: currency, to: target, on: date)
            } else if currency == target {
                result = .success(.init(rate: 1, date: nil))
            } else {
                result = .failure(currency == nil ? .noCurrency : .unknownCurrency(currency ?? ""))
            }
            switch result {
            case .success(let use):
                if use.otherMonth { tally.otherMonth[target, default: 0] += 1 }
                return Converted(rate: use.rate, date: use.date)
            case .failure(let failure):
                tally.unconverted[target, default: [:]][failure.description, default: 0] += 1
                return nil
            }
        }
    }

    /// The converted cells of one amount: value, rate and rate date per target.
    func cells(_ amount: Decimal?, with conversions: [Converted?]) -> FieldValue {
        .converted(
            zip(targets.indices, conversions).flatMap { _, conversion -> [Cell] in
                guard let conversion, let amount else { return [.empty, .empty, .empty] }
                return [.decimal(Self.convert(amount, conversion))] + conversion.rateCells
            })
    }

    /// `amount ÷ rate`, rounded to the amount's decimal places (at least 2).
    static func convert(_ amount: Decimal, _ conversion: Converted) -> Decimal {
        conversion.rate == 1 ? amount : (amount / conversion.rate).rounded(scale: max(2, amount.decimalPlaces))
    }
}
