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
        var result: [FixedDecimal] = []
        result.reserveCapacity(fractions.count)
        guard let allocation = fixedRoad(total, count: fractions.count, fraction: { fractions[$0] }, each: { result.append($0) }) else {
            return nil
        }
        result[allocation.largest].value += allocation.remainder
        return result
    }

    /// What ``allocate(_:fractions:)`` decides, for fractions too many to hold (`fraction(i)`
    /// gives the `i`-th of `count`, the same each time it is asked): each part is then
    /// ``Allocation/part(_:fraction:)``, made as it is written. `nil` where
    /// ``allocate(_:fractions:)`` would be `nil`.
    public static func allocation(_ total: Decimal, count: Int, fraction: (Int) -> FixedDecimal) -> Allocation? {
        fixedRoad(total, count: count, fraction: fraction) { _ in }
    }

    /// How an amount is shared in fixed point: `whole × fraction` rounded to `scale` places for
    /// each part, and the rounding's remainder added to the part at `largest`.
    public struct Allocation: Sendable {
        let whole: FixedDecimal
        let scale: Int
        public let largest: Int
        let remainder: Int128

        /// The part at `index`, whose fraction is `fraction`.
        public func part(_ index: Int, fraction: FixedDecimal) -> FixedDecimal {
            // `fixedRoad` made this product once already: it fits.
            guard var part = whole.multiplied(by: fraction, scale: scale) else { preconditionFailure("a part that fitted no longer fits") }
            if index == largest { part.value += remainder }
            return part
        }
    }

    /// The fixed-point road over `count` fractions: gives `each` every part before the
    /// remainder, in order, and says where the remainder goes; `nil` when it does not hold.
    @inline(__always) private static func fixedRoad(
        _ total: Decimal, count: Int, fraction: (Int) -> FixedDecimal, each: (FixedDecimal) -> Void
    ) -> Allocation? {
        guard count > 0, let parts = DecimalParts(total) ?? DecimalParts(text: total.plainText) else { return nil }
        let scale = Swift.max(0, -parts.exponent)
        let target = Swift.max(2, scale)
        guard let amount = FixedDecimal.integer(parts, scale: scale), let up = FixedDecimal.power(target - scale) else { return nil }
        let whole = FixedDecimal(value: amount, scale: scale)
        if count == 1 {
            // One part: the product, no remainder (as the `Decimal` road).
            guard let part = whole.multiplied(by: fraction(0), scale: target) else { return nil }
            each(part)
            return Allocation(whole: whole, scale: target, largest: 0, remainder: 0)
        }
        var largest = 0
        var largestValue: Int128 = 0
        var sum: Int128 = 0
        for index in 0..<count {
            let fraction = fraction(index)
            guard fraction.scale <= fractionScale, let normal = FixedDecimal.power(fractionScale - fraction.scale),
                let part = whole.multiplied(by: fraction, scale: target)
            else { return nil }
            let value = fraction.value * normal
            if index == 0 || value > largestValue { (largest, largestValue) = (index, value) }
            each(part)
            sum += part.value
        }
        return Allocation(whole: whole, scale: target, largest: largest, remainder: amount * up - sum)
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
