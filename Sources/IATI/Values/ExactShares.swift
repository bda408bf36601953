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
        if let parts = FixedPointShares(total: total, fractions: fractions)?.parts() { return parts }
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

/// ``ExactShares/allocate(_:fractions:)`` in 128-bit integers, for the common case: fractions
/// with at most 16 decimal places and amounts of at most 22 significant digits. The same
/// rounding (half away from zero) and the same remainder rule; `nil` outside that range.
private struct FixedPointShares {
    static let fractionScale = 16
    /// The total's significand at `scale` decimal places.
    var total: Int128
    var scale: Int
    var fractions: [Int128]

    init?(total: Decimal, fractions: [Decimal]) {
        guard fractions.count > 1, let parts = DecimalParts(total), let amount = Self.fixed(parts, scale: max(0, -parts.exponent)) else { return nil }
        self.total = amount
        self.scale = max(0, -parts.exponent)
        var fixed: [Int128] = []
        fixed.reserveCapacity(fractions.count)
        for fraction in fractions {
            guard let parts = DecimalParts(fraction), -parts.exponent <= Self.fractionScale,
                let value = Self.fixed(parts, scale: Self.fractionScale)
            else { return nil }
            fixed.append(value)
        }
        self.fractions = fixed
    }

    /// `parts` as an integer at `scale` decimal places, `nil` when it does not fit.
    private static func fixed(_ parts: DecimalParts, scale: Int) -> Int128? {
        let shift = scale + parts.exponent
        guard shift >= 0, shift <= 38, parts.significand <= UInt128(Int128.max) else { return nil }
        let (value, overflow) = Int128(parts.significand).multipliedReportingOverflow(by: power(shift))
        guard !overflow else { return nil }
        return parts.negative ? -value : value
    }

    /// 10⁰ … 10³⁸, computed once: every split looks them up.
    private static let powers: [Int128] = (0...38).reduce(into: []) { powers, exponent in
        powers.append(exponent == 0 ? 1 : powers[exponent - 1] * 10)
    }

    private static func power(_ exponent: Int) -> Int128 { powers[exponent] }

    /// The parts, or `nil` when a product overflows.
    func parts() -> [Decimal]? {
        let target = max(2, scale)
        let divisor = Self.power(scale + Self.fractionScale - target)
        let whole = total * Self.power(target - scale)
        var parts: [Int128] = []
        parts.reserveCapacity(fractions.count)
        var largest = 0
        for (index, fraction) in fractions.enumerated() {
            let (product, overflow) = total.multipliedReportingOverflow(by: fraction)
            guard !overflow else { return nil }
            var (quotient, remainder) = product.quotientAndRemainder(dividingBy: divisor)
            if remainder.magnitude * 2 >= divisor.magnitude { quotient += product < 0 ? -1 : 1 }
            parts.append(quotient)
            if fraction > fractions[largest] { largest = index }
        }
        parts[largest] += whole - parts.reduce(0, +)
        var decimals: [Decimal] = []
        decimals.reserveCapacity(parts.count)
        for part in parts {
            guard let decimal = DecimalParts(negative: part < 0, significand: part.magnitude, exponent: -target).decimal else { return nil }
            decimals.append(decimal)
        }
        return decimals
    }
}
