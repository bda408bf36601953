public import LibXML

/// A tag (`tag`): a code from a TagVocabulary (e.g. `2` for SDG goals, `3` for SDG targets,
/// `99` for the reporting organisation's own).
public struct Tag: Sendable, Hashable {
    public var vocabulary: String?
    public var vocabularyURI: String?
    public var code: String?
    public var narratives: [Narrative]

    /// Decodes a `tag` element.
    public init(node: Node, context: DecodingContext) {
        vocabulary = node.value("vocabulary")
        vocabularyURI = node.value("vocabulary-uri")
        code = node.value("code")
        narratives = node.narratives(context)
    }
}
