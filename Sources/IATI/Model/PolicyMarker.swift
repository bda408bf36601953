/// A policy marker (`policy-marker`) with its significance.
public struct PolicyMarker: Sendable, Hashable {
    /// The `policy-marker` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// PolicyMarkerVocabulary; absent means `1` (OECD DAC CRS).
    public var vocabulary: String? { element.value("vocabulary") }
    public var vocabularyURI: String? { element.value("vocabulary-uri") }
    public var code: String? { element.value("code") }
    /// PolicySignificance code.
    public var significance: String? { element.value("significance") }
    public var narratives: [Narrative] { element.narratives(context) }
}
