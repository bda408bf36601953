public import LibXML

/// A region that benefits (`recipient-region`), with its share of the activity.
public struct RecipientRegion: Sendable, Hashable {
    public var code: String?
    /// RegionVocabulary; absent means `1` (OECD DAC).
    public var vocabulary: String?
    public var vocabularyURI: String?
    public var percentage: DecimalValue?
    public var narratives: [Narrative]

    /// Decodes a `recipient-region` element.
    public init(node: Node, context: DecodingContext) {
        code = node.value("code")
        vocabulary = node.value("vocabulary")
        vocabularyURI = node.value("vocabulary-uri")
        percentage = node.decimal("percentage")
        narratives = node.narratives(context)
    }
}
