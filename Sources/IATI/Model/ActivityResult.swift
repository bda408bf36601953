public import LibXML

/// A result the activity reports on (`result`), with its indicators.
///
/// Named `ActivityResult` so as not to shadow Swift's `Result`.
public struct ActivityResult: Sendable, Hashable {
    /// ResultType code: 1 output, 2 outcome, 3 impact, 9 other.
    public var type: String?
    /// `aggregation-status` as written (`xsd:boolean`).
    public var aggregationStatus: String?
    public var title: [Narrative]
    public var description: [Narrative]
    public var documentLinks: [DocumentLink]
    /// `reference`: codes in external results frameworks.
    public var references: [ResultReference]
    public var indicators: [Indicator]

    /// Decodes a `result` element.
    public init(node: Node, context: DecodingContext) {
        type = node.value("type")
        aggregationStatus = node.value("aggregation-status")
        title = node.narratives(of: "title", context)
        description = node.narratives(of: "description", context)
        documentLinks = node.children(named: "document-link").map { DocumentLink(node: $0, context: context) }
        references = node.children(named: "reference").map(ResultReference.init(node:))
        indicators = node.children(named: "indicator").map { Indicator(node: $0, context: context) }
    }
}

/// A code in an external results or indicator framework (`result/reference`,
/// `indicator/reference`).
public struct ResultReference: Sendable, Hashable {
    /// ResultVocabulary (results) or IndicatorVocabulary (indicators) code.
    public var vocabulary: String?
    public var code: String?
    /// `vocabulary-uri` on results, `indicator-uri` on indicators.
    public var uri: String?

    /// Decodes a `reference` element of a result or an indicator.
    public init(node: Node) {
        vocabulary = node.value("vocabulary")
        code = node.value("code")
        uri = node.value("vocabulary-uri") ?? node.value("indicator-uri")
    }
}
