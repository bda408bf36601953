public import Foundation
public import LibXML

extension Decimal {
    /// Plain decimal notation: `-1234.56`, `0.000041`, `12000000`; never an exponent, no
    /// trailing fraction zeros beyond what the value holds, `0` for zero, empty for NaN.
    public var plainText: String {
        var bytes: [UInt8] = []
        appendPlainText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``plainText``'s UTF-8 bytes, without making a string: the flat tables write
    /// millions of amounts.
    public func appendPlainText(to out: inout [UInt8]) {
        guard let parts = DecimalParts(self) else {
            if !isNaN {
                var value = self
                var text = NSDecimalString(&value, Locale(identifier: "en_US_POSIX"))
                if text == "-0" { text = "0" }
                out.append(contentsOf: text.utf8)
            }
            return
        }
        parts.append(to: &out)
    }

    /// Appends ``plainText``'s UTF-8 bytes to `out`.
    public func appendPlainText(to out: OutputBuffer) {
        guard let parts = DecimalParts(self) else {
            var bytes: [UInt8] = []
            appendPlainText(to: &bytes)
            out.append(bytes)
            return
        }
        parts.append(to: out)
    }
}

/// A `Decimal`'s sign, 128-bit significand and exponent, read from its storage (20 bytes:
/// exponent, a byte of length and flags, two reserved, eight 16-bit words of significand), as
/// swift-corelibs and swift-foundation lay it out. The layout is checked once against
/// Foundation's own formatting; where it does not hold, callers fall back to Foundation.
struct DecimalParts {
    var negative: Bool
    var significand: UInt128
    var exponent: Int

    /// Whether the storage layout is the one expected, checked on a few values once.
    static let layoutHolds: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        for text in ["-1234.5600", "0.000041", "12000000000000000000000", "1", "0", "-99999999999999999999999999999999999999", "7e-20"] {
            guard var value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return false }
            guard let parts = DecimalParts(unchecked: value) else { return false }
            var bytes: [UInt8] = []
            parts.append(to: &bytes)
            if String(decoding: bytes, as: UTF8.self) != NSDecimalString(&value, Locale(identifier: "en_US_POSIX")) { return false }
            if store(parts) != value { return false }
        }
        return true
    }()

    init?(_ value: Decimal) {
        guard Self.layoutHolds else { return nil }
        self.init(unchecked: value)
    }

    init(negative: Bool, significand: UInt128, exponent: Int) {
        self.negative = negative
        self.significand = significand
        self.exponent = exponent
    }

    /// The `Decimal` these parts make, written into its storage (not compacted: Foundation
    /// compacts when it needs to); `nil` where the layout does not hold or the exponent is out
    /// of range.
    var decimal: Decimal? {
        guard Self.layoutHolds, exponent >= -128, exponent <= 127 else { return nil }
        return Self.store(self)
    }

    private static func store(_ parts: DecimalParts) -> Decimal {
        var value = Decimal()
        withUnsafeMutableBytes(of: &value) { raw in
            for index in 0..<20 { raw[index] = 0 }
            var rest = parts.significand
            var length = 0
            while rest > 0 {
                raw[4 + 2 * length] = UInt8(truncatingIfNeeded: rest)
                raw[5 + 2 * length] = UInt8(truncatingIfNeeded: rest >> 8)
                rest >>= 16
                length += 1
            }
            raw[0] = UInt8(bitPattern: Int8(parts.exponent))
            raw[1] = UInt8(length << 4) | (parts.negative && length > 0 ? 0x08 : 0)
        }
        return value
    }

    private init?(unchecked value: Decimal) {
        guard !value.isNaN else { return nil }
        var copy = value
        let parsed = withUnsafeBytes(of: &copy) { raw -> (Bool, UInt128, Int) in
            let exponent = Int(Int8(bitPattern: raw[0]))
            let length = Int(raw[1] >> 4)
            var significand: UInt128 = 0
            for word in stride(from: min(length, 8) - 1, through: 0, by: -1) {
                significand = significand << 16 | UInt128(UInt16(raw[4 + 2 * word]) | UInt16(raw[5 + 2 * word]) << 8)
            }
            return (raw[1] & 0x08 != 0, significand, exponent)
        }
        (negative, significand, exponent) = parsed
    }

    /// The parts of plain notation as ``append(to:)`` writes it (`-1234.56`), `nil` for
    /// anything else or more digits than 128 bits hold.
    init?(text: String) {
        var bytes = Substring(text).utf8[...]
        negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        significand = 0
        exponent = 0
        var digits = 0
        var fraction = false
        for byte in bytes {
            if byte == UInt8(ascii: "."), !fraction {
                fraction = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow) = significand.multipliedReportingOverflow(by: 10)
            let (next, carry) = times10.addingReportingOverflow(UInt128(byte - UInt8(ascii: "0")))
            guard !overflow, !carry else { return nil }
            significand = next
            digits += 1
            if fraction { exponent -= 1 }
        }
        guard digits > 0 else { return nil }
    }

    /// Appends the plain notation, trailing fraction zeros dropped. No allocation: the flat
    /// tables write millions of numbers.
    func append(to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxTextLength) { text in
            guard let base = text.baseAddress else { return }
            out.append(contentsOf: UnsafeBufferPointer(start: base, count: write(into: base)))
        }
    }

    /// Appends the plain notation to `out`: a significand of 64 bits at up to 19 places (every
    /// share and amount of the flat tables' millions of rows) straight from the 64-bit writer.
    func append(to out: OutputBuffer) {
        if significand <= UInt128(UInt64.max), exponent <= 0, exponent >= -19 {
            let (magnitude, scale, negative) = (UInt64(significand), -exponent, negative)
            out.append(reserving: 42) { Self.write(magnitude, scale: scale, negative: negative, into: $0) }
        } else {
            out.append(reserving: maxTextLength) { write(into: $0) }
        }
    }

    /// The most bytes ``write(into:)`` writes: a sign, 39 digits, a point, a zero before it
    /// and the zeros the exponent adds.
    var maxTextLength: Int { 42 + abs(exponent) }

    /// Writes the plain notation at `text` (room for ``maxTextLength`` bytes), trailing
    /// fraction zeros dropped; returns the bytes written.
    func write(into text: UnsafeMutablePointer<UInt8>) -> Int {
        var significand = significand
        var exponent = exponent
        if significand == 0 {
            text[0] = UInt8(ascii: "0")
            return 1
        }
        if significand <= UInt128(UInt64.max) {
            if exponent <= 0, exponent >= -19 { return Self.write(UInt64(significand), scale: -exponent, negative: negative, into: text) }
            var small = UInt64(significand)
            while exponent < 0, small % 10 == 0 {
                small /= 10
                exponent += 1
            }
            return Self.write(small, exponent: exponent, negative: negative, into: text)
        }
        while exponent < 0, significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        // The digits, written from the end of 40 bytes, in 64-bit pieces of 18 digits
        // (128-bit division is slow, and most values fit in one piece).
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digits in
            var start = digits.count
            while significand > UInt128(UInt64.max) {
                let (quotient, remainder) = significand.quotientAndRemainder(dividingBy: 1_000_000_000_000_000_000)
                start -= 18
                Self.writeDigits(UInt64(remainder), count: 18, at: digits.baseAddress! + start)
                significand = quotient
            }
            let low = UInt64(significand)
            let count = Self.digitCount(low)
            start -= count
            let source = digits.baseAddress! + start
            Self.writeDigits(low, count: count, at: source)
            return Self.place(digits.count - start, exponent: exponent, negative: negative, into: text) { at, from, count in
                at.update(from: source + from, count: count)
            }
        }
    }

    /// ``write(into:)`` for a significand of 64 bits (almost every amount and share): the
    /// digits written in place, two at a time.
    static func write(_ significand: UInt64, exponent: Int, negative: Bool, into text: UnsafeMutablePointer<UInt8>) -> Int {
        let count = digitCount(significand)
        return place(count, exponent: exponent, negative: negative, into: text) { at, from, digits in
            writeDigits(significand / powerOf10(count - from - digits), count: digits, at: at)
        }
    }

    /// Writes the plain notation of a number of `count` digits (its trailing fraction zeros
    /// dropped) times 10^`exponent` at `text`; returns the bytes written. `digits(at, from, n)`
    /// writes `n` of the number's digits, from the `from`-th (0: the first), at `at`.
    private static func place(
        _ count: Int, exponent: Int, negative: Bool, into text: UnsafeMutablePointer<UInt8>,
        digits: (UnsafeMutablePointer<UInt8>, Int, Int) -> Void
    ) -> Int {
        var at = text
        if negative {
            at.pointee = UInt8(ascii: "-")
            at += 1
        }
        if exponent >= 0 {
            digits(at, 0, count)
            (at + count).initialize(repeating: UInt8(ascii: "0"), count: exponent)
            return at + count + exponent - text
        }
        let fraction = -exponent
        if count > fraction {
            digits(at, 0, count - fraction)
            at += count - fraction
            at.pointee = UInt8(ascii: ".")
            digits(at + 1, count - fraction, fraction)
            return at + 1 + fraction - text
        }
        at[0] = UInt8(ascii: "0")
        at[1] = UInt8(ascii: ".")
        (at + 2).initialize(repeating: UInt8(ascii: "0"), count: fraction - count)
        digits(at + 2 + fraction - count, 0, count)
        return at + 2 + fraction - text
    }

    /// Writes `magnitude` × 10^-`scale` (`scale` 0…19) as ``write(into:)`` writes the same
    /// value, trailing fraction zeros dropped, at `text` (room for 42 bytes); returns the bytes
    /// written. One division splits the whole part from the fraction: the flat tables write a
    /// share and an amount on each of millions of rows.
    static func write(_ magnitude: UInt64, scale: Int, negative: Bool, into text: UnsafeMutablePointer<UInt8>) -> Int {
        if magnitude == 0 {
            text[0] = UInt8(ascii: "0")
            return 1
        }
        var at = text
        if negative {
            at.pointee = UInt8(ascii: "-")
            at += 1
        }
        if scale == 0 {
            // A whole number (an integer cell, an index on every row): no division.
            let count = digitCount(magnitude)
            writeDigits(magnitude, count: count, at: at)
            return at + count - text
        }
        let unit = powerOf10(scale)
        let whole = magnitude / unit
        var fraction = magnitude - whole * unit
        let count = digitCount(whole)
        writeDigits(whole, count: count, at: at)
        at += count
        guard fraction != 0 else { return at - text }
        var places = scale
        while fraction % 10 == 0 {
            fraction /= 10
            places -= 1
        }
        at.pointee = UInt8(ascii: ".")
        writeDigits(fraction, count: places, at: at + 1)
        return at + 1 + places - text
    }

    /// 10ⁿ for n in 0…19.
    private static func powerOf10(_ exponent: Int) -> UInt64 {
        powersOf10[exponent]
    }

    private static let powersOf10: [UInt64] = (0...19).reduce(into: []) { powers, exponent in
        powers.append(exponent == 0 ? 1 : powers[exponent - 1] * 10)
    }

    /// The decimal digits of `value` (1 for 0): from its bit length, corrected by one compare.
    private static func digitCount(_ value: UInt64) -> Int {
        guard value > 0 else { return 1 }
        // log10(2) ≈ 1233/4096: `estimate` is ⌊log10(value)⌋ or one more.
        let estimate = ((64 - value.leadingZeroBitCount) * 1233) >> 12
        return estimate + (value >= powersOf10[estimate] ? 1 : 0)
    }

    /// Writes the last `count` decimal digits of `value` at `at`, leading zeros included.
    private static func writeDigits(_ value: UInt64, count: Int, at: UnsafeMutablePointer<UInt8>) {
        let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
        let table = pairs.utf8Start
        var value = value
        var end = count
        while end >= 2 {
            let pair = Int(value % 100) * 2
            value /= 100
            end -= 2
            at[end] = table[pair]
            at[end + 1] = table[pair + 1]
        }
        if end == 1 { at[0] = UInt8(ascii: "0") + UInt8(value % 10) }
    }
}
