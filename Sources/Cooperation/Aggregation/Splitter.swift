import Foundation
import IATI

/// Splits amounts by percentages so that the parts always add up to the whole exactly.
enum Splitter {
    /// The number of decimal places to keep in parts of `amount`: at least 2, more when the
    /// amount itself has more.
    static func scale(of amount: Decimal) -> Int {
        max(2, -Int(amount.exponent))
    }

    /// `amount × percent / 100`, rounded to ``scale(of:)`` places; exact for 0 and 100.
    static func part(of amount: Decimal, percent: Decimal) -> Decimal {
        if percent == 100 { return amount }
        if percent == 0 { return 0 }
        return (amount * percent / 100).rounded(scale: scale(of: amount))
    }

    /// Parts of `amount` for `percents`; when `complete` the last part takes what rounding
    /// left so the parts add up to `amount` exactly.
    static func parts(of amount: Decimal, percents: [Decimal], complete: Bool) -> [Decimal] {
        var parts = percents.map { part(of: amount, percent: $0) }
        if complete, let last = parts.indices.last {
            parts[last] = amount - parts.dropLast().reduce(0, +)
        }
        return parts
    }
}
