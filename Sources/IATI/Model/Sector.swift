public import LibXML

/// A sector the activity or a transaction addresses (`sector`).
public struct Sector: Sendable, Hashable {
    /// SectorVocabulary code as written; absent means `1` (OECD DAC 5-digit).
    public var vocabulary: String?
    public var vocabularyURI: String?
    public var code: String?
    /// Share of the activity, in percent (activity-level sectors only).
    public var percentage: DecimalValue?
    public var narratives: [Narrative]

    /// Decodes a `sector` element.
    public init(node: Node, context: DecodingContext) {
        vocabulary = node.value("vocabulary")
        vocabularyURI = node.value("vocabulary-uri")
        code = node.value("code")
        percentage = node.decimal("percentage")
        narratives = node.narratives(context)
    }

    /// The vocabulary that applies: the stated one, else `1` (OECD DAC 5-digit).
    public var effectiveVocabulary: String { vocabulary ?? "1" }
}
