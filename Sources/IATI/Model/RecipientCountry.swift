/// A country that benefits (`recipient-country`), with its share of the activity.
public struct RecipientCountry: Sendable, Hashable {
    /// The `recipient-country` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// ISO 3166-1 alpha-2 code.
    public var code: String? { element.value("code") }
    public var percentage: DecimalValue? { element.decimal("percentage") }
    public var narratives: [Narrative] { element.narratives(context) }
}
