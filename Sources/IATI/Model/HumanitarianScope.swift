public import LibXML

/// An emergency or appeal the activity responds to (`humanitarian-scope`).
public struct HumanitarianScope: Sendable, Hashable {
    /// HumanitarianScopeType code: 1 emergency, 2 appeal.
    public var type: String?
    public var vocabulary: String?
    public var vocabularyURI: String?
    public var code: String?
    public var narratives: [Narrative]

    /// Decodes a `humanitarian-scope` element.
    public init(node: Node, context: DecodingContext) {
        type = node.value("type")
        vocabulary = node.value("vocabulary")
        vocabularyURI = node.value("vocabulary-uri")
        code = node.value("code")
        narratives = node.narratives(context)
    }
}
