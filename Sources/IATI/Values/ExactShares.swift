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
        if fractions.count > 1, let fixed = fixedFractions(fractions), let parts = allocate(total, fractions: fixed) {
            return parts.map(\.decimal)
        }
        guard fractions.count > 1 else { return fractions.map { $0 == 1 ? total : (total * $0).rounded(scale: Swift.max(2, total.decimalPlaces)) } }
        let scale = Swift.max(2, total.decimalPlaces)
        var parts = fractions.map { (total * $0).rounded(scale: scale) }
        var largest = 0
        for index in fractions.indices where fractions[index] > fractions[largest] { largest = index }
        let sum = parts.reduce(0, +)
        parts[largest] += total - sum
        return parts
    }

    /// The parts ``allocate(_:fractions:)`` gives, computed in 128-bit integers, for fractions
    /// of at most ``fractionScale`` decimal places; `nil` when the total or a product does not
    /// fit (amounts of more than about 22 significant digits): then use the `Decimal` one.
    public static func allocate(_ total: Decimal, fractions: [FixedDecimal]) -> [FixedDecimal]? {
        guard let parts = DecimalParts(total) ?? DecimalParts(text: total.plainText) else { return nil }
        let scale = Swift.max(0, -parts.exponent)
        let target = Swift.max(2, scale)
        guard let amount = FixedDecimal.integer(parts, scale: scale), let up = FixedDecimal.power(target - scale) else { return nil }
        let whole = FixedDecimal(value: amount, scale: scale)
        if fractions.count == 1 {
            // One part: the product, no remainder (as the `Decimal` road).
            return whole.multiplied(by: fractions[0], scale: target).map { [$0] }
        }
        var result: [FixedDecimal] = []
        result.reserveCapacity(fractions.count)
        var largest = 0
        var largestValue: Int128 = 0
        var sum: Int128 = 0
        for (index, fraction) in fractions.enumerated() {
            guard fraction.scale <= fractionScale, let normal = FixedDecimal.power(fractionScale - fraction.scale),
                let part = whole.multiplied(by: fraction, scale: target)
            else { return nil }
            let value = fraction.value * normal
            if index == 0 || value > largestValue { (largest, largestValue) = (index, value) }
            result.append(part)
            sum += part.value
        }
        result[largest].value += amount * up - sum
        return result
    }

    /// Decimal places a fraction may have for the 128-bit road.
    public static let fractionScale = 16

    /// `fractions` in fixed point, `nil` when one has more than ``fractionScale`` places.
    private static func fixedFractions(_ fractions: [Decimal]) -> [FixedDecimal]? {
        var fixed: [FixedDecimal] = []
        fixed.reserveCapacity(fractions.count)
        for fraction in fractions {
            guard let value = FixedDecimal(fraction, scale: fractionScale) else { return nil }
            fixed.append(value)
        }
        return fixed
    }
}
