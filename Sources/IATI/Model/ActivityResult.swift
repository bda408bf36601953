/// A result the activity reports on (`result`), with its indicators.
///
/// Named `ActivityResult` so as not to shadow Swift's `Result`.
public struct ActivityResult: Sendable, Hashable {
    /// The `result` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// ResultType code: 1 output, 2 outcome, 3 impact, 9 other.
    public var type: String? { element.value("type") }
    /// `aggregation-status` as written (`xsd:boolean`).
    public var aggregationStatus: String? { element.value("aggregation-status") }
    public var title: [Narrative] { element.narratives(of: "title", context) }
    public var description: [Narrative] { element.narratives(of: "description", context) }
    public var documentLinks: [DocumentLink] { element.children(named: "document-link").map { DocumentLink(element: $0, context: context) } }
    /// `reference`: codes in external results frameworks.
    public var references: [ResultReference] { element.children(named: "reference").map(ResultReference.init(element:)) }
    public var indicators: [Indicator] { element.children(named: "indicator").map { Indicator(element: $0, context: context) } }
}

/// A code in an external results or indicator framework (`result/reference`,
/// `indicator/reference`).
public struct ResultReference: Sendable, Hashable {
    /// The `reference` element read.
    public let element: RecordElement

    /// ResultVocabulary (results) or IndicatorVocabulary (indicators) code.
    public var vocabulary: String? { element.value("vocabulary") }
    public var code: String? { element.value("code") }
    /// `vocabulary-uri` on results, `indicator-uri` on indicators.
    public var uri: String? { element.value("vocabulary-uri") ?? element.value("indicator-uri") }
}
