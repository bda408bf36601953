/// An indicator of a result (`indicator`), with baselines and periods.
public struct Indicator: Sendable, Hashable {
    /// The `indicator` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// IndicatorMeasure code: 1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative.
    public var measure: String? { element.value("measure") }
    /// `ascending` as written (`xsd:boolean`; absent means true).
    public var ascending: String? { element.value("ascending") }
    /// `aggregation-status` as written (`xsd:boolean`).
    public var aggregationStatus: String? { element.value("aggregation-status") }
    public var title: [Narrative] { element.narratives(of: "title", context) }
    public var description: [Narrative] { element.narratives(of: "description", context) }
    public var documentLinks: [DocumentLink] { element.children(named: "document-link").map { DocumentLink(element: $0, context: context) } }
    public var references: [ResultReference] { element.children(named: "reference").map(ResultReference.init(element:)) }
    public var baselines: [Baseline] { element.children(named: "baseline").map { Baseline(element: $0, context: context) } }
    public var periods: [IndicatorPeriod] { element.children(named: "period").map { IndicatorPeriod(element: $0, context: context) } }

    /// Whether higher values are better; `true` unless `ascending` says false.
    public var isAscending: Bool { XSDBoolean.parse(ascending) ?? true }
}
