/// A region that benefits (`recipient-region`), with its share of the activity.
public struct RecipientRegion: Sendable, Hashable {
    /// The `recipient-region` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    public var code: String? { element.value("code") }
    /// RegionVocabulary; absent means `1` (OECD DAC).
    public var vocabulary: String? { element.value("vocabulary") }
    public var vocabularyURI: String? { element.value("vocabulary-uri") }
    public var percentage: DecimalValue? { element.decimal("percentage") }
    public var narratives: [Narrative] { element.narratives(context) }
}
