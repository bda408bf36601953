public import Foundation
public import LibXML

/// An exact decimal held as a 128-bit integer and a number of decimal places: `value × 10⁻ˢᶜᵃˡᵉ`.
///
/// What the flat tables' splits compute in, millions of times, instead of Foundation's
/// `Decimal` (whose arithmetic allocates): the same values, written as `Decimal` writes them
/// (``appendPlainText(to:)`` gives the bytes of `Decimal.plainText` for the same value).
public struct FixedDecimal: Sendable, Hashable {
    public var value: Int128
    /// Decimal places, 0…38.
    public var scale: Int

    public init(value: Int128, scale: Int) {
        self.value = value
        self.scale = scale
    }

    /// A whole number.
    public init(_ integer: Int) {
        self.init(value: Int128(integer), scale: 0)
    }

    /// `decimal` at `scale` places, `nil` when it has more places or does not fit.
    public init?(_ decimal: Decimal, scale: Int) {
        guard let parts = DecimalParts(decimal) ?? DecimalParts(text: decimal.plainText),
            let value = Self.integer(parts, scale: scale)
        else { return nil }
        self.init(value: value, scale: scale)
    }

    /// The same value as a `Decimal`, compact (no trailing fraction zeros in its significand,
    /// as Foundation's arithmetic leaves it).
    public var decimal: Decimal {
        var parts = DecimalParts(negative: value < 0, significand: value.magnitude, exponent: -scale)
        while parts.exponent < 0, parts.significand != 0, parts.significand % 10 == 0 {
            parts.significand /= 10
            parts.exponent += 1
        }
        return parts.decimal ?? Decimal(string: plainText, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
    }

    /// Plain decimal notation, as `Decimal.plainText` writes the same value.
    public var plainText: String {
        var bytes: [UInt8] = []
        appendPlainText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``plainText``'s UTF-8 bytes.
    public func appendPlainText(to out: inout [UInt8]) {
        DecimalParts(negative: value < 0, significand: value.magnitude, exponent: -scale).append(to: &out)
    }

    /// Appends ``plainText``'s UTF-8 bytes to `out`.
    public func appendPlainText(to out: OutputBuffer) {
        DecimalParts(negative: value < 0, significand: value.magnitude, exponent: -scale).append(to: out)
    }

    /// Appends the plain text of a whole number, as ``appendPlainText(to:)`` writes it.
    public static func appendPlainText(_ integer: Int, to out: OutputBuffer) {
        // One or two digits (the positions and indexes on every row of the flat tables) written
        // directly.
        if integer >= 0, integer < 100 {
            if integer >= 10 { out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: integer / 10)) }
            out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: integer % 10))
            return
        }
        out.append(reserving: 21) { text in
            DecimalParts.write(UInt64(integer.magnitude), scale: 0, negative: integer < 0, into: text)
        }
    }

    /// `self × other` rounded half away from zero to `scale` places (as `Decimal`'s
    /// `rounded(scale:)` rounds the exact product); `nil` when it does not fit.
    public func multiplied(by other: FixedDecimal, scale: Int) -> FixedDecimal? {
        // Two factors of 64 bits (every share, and every amount below 10¹⁹ at its places):
        // one full-width multiplication and one hardware division, where the quotient fits.
        let places = self.scale + other.scale
        let (first, second) = (value.magnitude, other.value.magnitude)
        if first <= UInt128(UInt64.max), second <= UInt128(UInt64.max), places >= scale, let power = Self.power(places - scale),
            power <= Int128(UInt64.max)
        {
            let divisor = UInt64(power)
            let product = UInt64(first).multipliedFullWidth(by: UInt64(second))
            // (A product past Int128's range overflows on the general road too: left to it.)
            if product.high < divisor, product.high <= UInt64(Int64.max) {
                let (quotient, remainder) = divisor.dividingFullWidth(product)
                let rounded = Int128(quotient) + (remainder >= divisor - remainder ? 1 : 0)
                return FixedDecimal(value: (value < 0) != (other.value < 0) ? -rounded : rounded, scale: scale)
            }
        }
        let (product, overflow) = value.multipliedReportingOverflow(by: other.value)
        guard !overflow else { return nil }
        guard places >= scale else {
            guard let up = Self.power(scale - places) else { return nil }
            let (scaled, overflow) = product.multipliedReportingOverflow(by: up)
            return overflow ? nil : FixedDecimal(value: scaled, scale: scale)
        }
        guard let divisor = Self.power(places - scale) else { return nil }
        return FixedDecimal(value: Self.divide(product, by: divisor), scale: scale)
    }

    /// `part ÷ whole` rounded half away from zero to `scale` places, as `Decimal` division
    /// followed by `rounded(scale:)` gives it, for `0 ≤ part ≤ whole`, both at one scale, with
    /// `whole` below 10¹⁸ and `scale` at most 19; `nil` otherwise. (`Decimal` divides to 38
    /// digits and rounds again; the two roundings could differ only after 21 zeros or nines in
    /// a row past the 17th place, and a quotient whose divisor is below 10¹⁸ has no such run.)
    public static func fraction(_ part: FixedDecimal, of whole: FixedDecimal, scale: Int) -> FixedDecimal? {
        guard part.scale == whole.scale, part.value >= 0, whole.value > 0, part.value <= whole.value,
            whole.value < 1_000_000_000_000_000_000, scale <= 19, let factor = power(scale)
        else { return nil }
        var (quotient, remainder) = (part.value * factor).quotientAndRemainder(dividingBy: whole.value)
        if remainder * 2 >= whole.value { quotient += 1 }
        return FixedDecimal(value: quotient, scale: scale)
    }

    /// `dividend ÷ divisor` (a positive power of ten) rounded half away from zero.
    static func divide(_ dividend: Int128, by divisor: Int128) -> Int128 {
        // One hardware division where the quotient fits in 64 bits (every split of an amount
        // below 10¹⁹): the 128-bit one is a call.
        let magnitude = dividend.magnitude
        if divisor > 0, divisor <= Int128(UInt64.max), UInt64(truncatingIfNeeded: magnitude >> 64) < UInt64(divisor) {
            let (quotient, remainder) = UInt64(divisor).dividingFullWidth(
                (high: UInt64(truncatingIfNeeded: magnitude >> 64), low: UInt64(truncatingIfNeeded: magnitude)))
            var rounded = Int128(quotient)
            if UInt128(remainder) * 2 >= UInt128(divisor) { rounded += 1 }
            return dividend < 0 ? -rounded : rounded
        }
        var (quotient, remainder) = dividend.quotientAndRemainder(dividingBy: divisor)
        if remainder.magnitude * 2 >= divisor.magnitude { quotient += dividend < 0 ? -1 : 1 }
        return quotient
    }

    /// `parts` as an integer at `scale` decimal places, `nil` when it does not fit.
    static func integer(_ parts: DecimalParts, scale: Int) -> Int128? {
        let shift = scale + parts.exponent
        guard shift >= 0, parts.significand <= UInt128(Int128.max), let factor = power(shift) else { return nil }
        let (value, overflow) = Int128(parts.significand).multipliedReportingOverflow(by: factor)
        guard !overflow else { return nil }
        return parts.negative ? -value : value
    }

    /// 10ⁿ for n in 0…38, `nil` beyond.
    static func power(_ exponent: Int) -> Int128? {
        exponent >= 0 && exponent < powers.count ? powers[exponent] : nil
    }

    /// 10⁰ … 10³⁸, computed once.
    private static let powers: [Int128] = (0...38).reduce(into: []) { powers, exponent in
        powers.append(exponent == 0 ? 1 : powers[exponent - 1] * 10)
    }
}
