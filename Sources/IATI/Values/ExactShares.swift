public import Foundation

extension Decimal {
    /// The value rounded half away from zero to `scale` decimal places.
    public func rounded(scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }

    /// The number of decimal places the value is written with (0 for whole numbers).
    public var decimalPlaces: Int { Swift.max(0, -Int(exponent)) }
}

/// Shares of an amount that add up to it exactly.
public enum ExactShares {
    /// Parts of `total` for `fractions` (which should add up to 1): each `total × fraction`
    /// rounded to the total's decimal places (at least 2); the part with the largest fraction
    /// (the first of equals) takes what rounding left, so the parts add up to `total` exactly
    /// whenever the fractions add up to 1.
    public static func allocate(_ total: Decimal, fractions: [Decimal]) -> [Decimal] {
        guard fractions.count > 1 else { return fractions.map { $0 == 1 ? total : (total * $0).rounded(scale: Swift.max(2, total.decimalPlaces)) } }
        let scale = Swift.max(2, total.decimalPlaces)
        var parts = fractions.map { (total * $0).rounded(scale: scale) }
        var largest = 0
        for index in fractions.indices where fractions[index] > fractions[largest] { largest = index }
        let sum = parts.reduce(0, +)
        parts[largest] += total - sum
        return parts
    }
}
