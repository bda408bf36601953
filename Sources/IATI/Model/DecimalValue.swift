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
        var utf8 = Substring(text).utf8[...]
        if let first = utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            utf8 = utf8.dropFirst()
        }
        var integerDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        for byte in utf8 {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                if seenPoint { fractionDigits += 1 } else { integerDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                return false
            }
        }
        return integerDigits + fractionDigits > 0
    }

    /// The exact `Decimal` for an `xsd:decimal` lexical, `nil` for anything else.
    public static func exactDecimal(_ text: String) -> Decimal? {
        guard isDecimalLexical(text) else { return nil }
        var body = Substring(text)
        var negative = false
        if body.first == "+" || body.first == "-" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        // Significant digits: without leading zeros of the whole number, trailing zeros of the fraction.
        var digits = body.filter { $0 != "." }
        let pointOffset = body.firstIndex(of: ".").map { body.distance(from: body.startIndex, to: $0) } ?? body.count
        var exponent = pointOffset - digits.count
        while digits.first == "0" { digits.removeFirst() }
        while digits.last == "0" {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty { return Decimal(0) }
        guard digits.count <= 38, exponent > -128, exponent + digits.count < 127 else { return nil }
        guard let mantissa = Decimal(string: String(digits), locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        let magnitude = Decimal(sign: .plus, exponent: exponent, significand: mantissa)
        return negative ? -magnitude : magnitude
    }
}
