public import LibXML

/// An indicator of a result (`indicator`), with baselines and periods.
public struct Indicator: Sendable, Hashable {
    /// IndicatorMeasure code: 1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative.
    public var measure: String?
    /// `ascending` as written (`xsd:boolean`; absent means true).
    public var ascending: String?
    /// `aggregation-status` as written (`xsd:boolean`).
    public var aggregationStatus: String?
    public var title: [Narrative]
    public var description: [Narrative]
    public var documentLinks: [DocumentLink]
    public var references: [ResultReference]
    public var baselines: [Baseline]
    public var periods: [IndicatorPeriod]

    /// Decodes an `indicator` element.
    public init(node: Node, context: DecodingContext) {
        measure = node.value("measure")
        ascending = node.value("ascending")
        aggregationStatus = node.value("aggregation-status")
        title = node.narratives(of: "title", context)
        description = node.narratives(of: "description", context)
        documentLinks = node.children(named: "document-link").map { DocumentLink(node: $0, context: context) }
        references = node.children(named: "reference").map(ResultReference.init(node:))
        baselines = node.children(named: "baseline").map { Baseline(node: $0, context: context) }
        periods = node.children(named: "period").map { IndicatorPeriod(node: $0, context: context) }
    }

    /// Whether higher values are better; `true` unless `ascending` says false.
    public var isAscending: Bool { XSDBoolean.parse(ascending) ?? true }
}
