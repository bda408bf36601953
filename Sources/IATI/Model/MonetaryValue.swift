public import Foundation

/// An amount of money (IATI's `value` element and elements shaped like it), exact.
///
/// The amount is parsed from the text only when the text is an `xsd:decimal` lexical, so it
/// is never rounded through a binary floating-point type; the text is kept as written.
public struct MonetaryValue: Sendable, Hashable {
    /// The element's text, trimmed.
    public var text: String
    /// The exact amount, `nil` when the text is not a valid decimal.
    public var amount: Decimal?
    /// The ISO 4217 code that applies: the value's own, else the default; `nil` when none.
    public var currency: String?
    /// Where ``currency`` came from.
    public var currencySource: CurrencySource
    /// `value-date`: the date whose exchange rate converts the amount.
    public var valueDate: IATIDate?
    /// Line of the element in the input, 0 when unknown.
    public var line: Int

    /// Creates a value.
    public init(
        text: String, currency: String?, currencySource: CurrencySource, valueDate: IATIDate?, line: Int = 0
    ) {
        self.text = text.trimmingXMLWhitespace()
        self.amount = DecimalValue.exactDecimal(self.text)
        self.currency = currency
        self.currencySource = currency == nil ? .missing : currencySource
        self.valueDate = valueDate
        self.line = line
    }

    /// Reads a `value` element (its text, `currency` and `value-date`); the currency falls
    /// back to the context's default.
    public init(element: RecordElement, context: DecodingContext) {
        let fallback = context.defaultCurrency
        let stated = element.value("currency")
        self.init(
            text: element.text,
            currency: stated ?? fallback?.code,
            currencySource: stated != nil ? .explicit : (fallback?.source ?? .missing),
            valueDate: element.value("value-date").map(IATIDate.init(text:)),
            line: element.line)
    }

    /// Whether ``currency`` is the value's own rather than a default.
    public var hasExplicitCurrency: Bool { currencySource == .explicit }

    /// Whether the amount is a valid decimal.
    public var isValid: Bool { amount != nil }
}
