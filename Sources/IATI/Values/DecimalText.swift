public import Foundation

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

    /// Appends the plain notation, trailing fraction zeros dropped.
    func append(to out: inout [UInt8]) {
        var significand = significand
        var exponent = exponent
        if significand == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        while exponent < 0, significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        // Digits in 64-bit pieces of 18: 128-bit division is slow, and most amounts fit in one.
        var digits: [UInt8] = []
        digits.reserveCapacity(40)
        var pieces: [UInt64] = []
        while significand > UInt128(UInt64.max) {
            let (quotient, remainder) = significand.quotientAndRemainder(dividingBy: 1_000_000_000_000_000_000)
            pieces.append(UInt64(remainder))
            significand = quotient
        }
        var low = UInt64(significand)
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(low % 10))
            low /= 10
        } while low > 0
        digits.reverse()
        for piece in pieces.reversed() {
            var text = [UInt8](repeating: UInt8(ascii: "0"), count: 18)
            var value = piece
            for index in stride(from: 17, through: 0, by: -1) {
                text[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
            digits.append(contentsOf: text)
        }
        if negative { out.append(UInt8(ascii: "-")) }
        if exponent >= 0 {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: exponent))
            return
        }
        let fraction = -exponent
        if digits.count > fraction {
            out.append(contentsOf: digits[..<(digits.count - fraction)])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[(digits.count - fraction)...])
        } else {
            out.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: ".")])
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: fraction - digits.count))
            out.append(contentsOf: digits)
        }
    }
}
