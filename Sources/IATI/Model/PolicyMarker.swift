public import LibXML

/// A policy marker (`policy-marker`) with its significance.
public struct PolicyMarker: Sendable, Hashable {
    /// PolicyMarkerVocabulary; absent means `1` (OECD DAC CRS).
    public var vocabulary: String?
    public var vocabularyURI: String?
    public var code: String?
    /// PolicySignificance code.
    public var significance: String?
    public var narratives: [Narrative]

    /// Decodes a `policy-marker` element.
    public init(node: Node, context: DecodingContext) {
        vocabulary = node.value("vocabulary")
        vocabularyURI = node.value("vocabulary-uri")
        code = node.value("code")
        significance = node.value("significance")
        narratives = node.narratives(context)
    }
}
