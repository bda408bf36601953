/// A sector the activity or a transaction addresses (`sector`).
public struct Sector: Sendable, Hashable {
    /// The `sector` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// SectorVocabulary code as written; absent means `1` (OECD DAC 5-digit).
    public var vocabulary: String? { element.value("vocabulary") }
    public var vocabularyURI: String? { element.value("vocabulary-uri") }
    public var code: String? { element.value("code") }
    /// Share of the activity, in percent (activity-level sectors only).
    public var percentage: DecimalValue? { element.decimal("percentage") }
    public var narratives: [Narrative] { element.narratives(context) }

    /// The vocabulary that applies: the stated one, else `1` (OECD DAC 5-digit).
    public var effectiveVocabulary: String { vocabulary ?? "1" }
}
