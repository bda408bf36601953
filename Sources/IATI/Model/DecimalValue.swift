public import Foundation

/// A number written as an `xsd:decimal` (percentages, indicator values, rates), keeping the
/// original text.
///
/// `value` is exact: the text is checked against the `xsd:decimal` lexical form (optional
/// sign, digits, optional fraction, no exponent) before it is converted, and is `nil` when the
/// text is not a decimal or has more significant digits than `Decimal` holds exactly (38).
public struct DecimalValue: Sendable, Hashable, CustomStringConvertible {
    /// The text as written, trimmed.
    public var text: String
    /// The exact value, `nil` when the text is not a valid decimal.
    public var value: Decimal?

    /// Parses `text`.
    public init(text: String) {
        self.text = text.trimmingXMLWhitespace()
        self.value = Self.exactDecimal(self.text)
    }

    /// Creates a value from a number; the text is its canonical form.
    public init(_ value: Decimal) {
        self.value = value
        self.text = value.description
    }

    /// Whether the text is a valid decimal.
    public var isValid: Bool { value != nil }

    public var description: String { text }

    /// Whether `text` is an `xsd:decimal` lexical: `[+-]?(\d+(\.\d*)?|\.\d+)`.
    public static func isDecimalLexical(_ text: some StringProtocol) -> Bool {
        var text = String(text)
        return text.withUTF8(Lexical.isDecimal)
    }

    /// The exact `Decimal` for an `xsd:decimal` lexical, `nil` for anything else.
    public static func exactDecimal(_ text: String) -> Decimal? {
        var text = text
        return text.withUTF8 { bytes in Lexical.isDecimal(bytes) ? exactDecimal(lexical: bytes) : nil }
    }

    /// ``exactDecimal(_:)`` of text already known to be an `xsd:decimal` lexical.
    private static func exactDecimal(lexical bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        var start = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative || bytes[0] == UInt8(ascii: "+") { start = 1 }
        // The significant digits run from the first digit that is not 0 to the last: in the
        // digits alone (the point left out), `first` and `last`; the point after `pointOffset` digits.
        var digitCount = 0
        var pointOffset: Int?
        var first: Int?
        var last = 0
        for byte in bytes[start...] {
            if byte == UInt8(ascii: ".") {
                pointOffset = digitCount
                continue
            }
            if byte != UInt8(ascii: "0") {
                if first == nil { first = digitCount }
                last = digitCount
            }
            digitCount += 1
        }
        guard let first else { return Decimal(0) }
        let significant = last - first + 1
        let exponent = (pointOffset ?? digitCount) - (last + 1)
        guard significant <= 38, exponent > -128, exponent + significant < 127 else { return nil }
        let mantissa: Decimal
        if significant <= 19 {
            // Exact in 64 bits: no text to parse.
            var value: UInt64 = 0
            var digit = 0
            for byte in bytes[start...] where byte != UInt8(ascii: ".") {
                if digit >= first && digit <= last { value = value * 10 + UInt64(byte - UInt8(ascii: "0")) }
                digit += 1
            }
            mantissa = Decimal(value)
        } else {
            let digits = bytes[start...].filter { $0 != UInt8(ascii: ".") }[first...last]
            guard let parsed = Decimal(string: String(decoding: digits, as: UTF8.self), locale: posix) else { return nil }
            mantissa = parsed
        }
        let magnitude = Decimal(sign: .plus, exponent: exponent, significand: mantissa)
        return negative ? -magnitude : magnitude
    }

    private static let posix = Locale(identifier: "en_US_POSIX")
}
