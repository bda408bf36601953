/// A reporting period of an indicator (`period`), with its targets and actuals.
public struct IndicatorPeriod: Sendable, Hashable {
    /// The `period` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    public var start: IATIDate? { element.date(of: "period-start") }
    public var end: IATIDate? { element.date(of: "period-end") }
    public var targets: [IndicatorValue] { element.children(named: "target").map { IndicatorValue(element: $0, context: context) } }
    public var actuals: [IndicatorValue] { element.children(named: "actual").map { IndicatorValue(element: $0, context: context) } }
}

/// A target or an actual value of an indicator for a period (`target`, `actual`).
public struct IndicatorValue: Sendable, Hashable {
    /// The `target` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// `value`: a decimal for quantitative indicators; kept as text otherwise.
    public var value: DecimalValue? { element.decimal("value") }
    /// `location/@ref`: references to the activity's locations.
    public var locations: [String] { element.children(named: "location").compactMap { $0.value("ref") } }
    public var dimensions: [Dimension] { element.children(named: "dimension").map(Dimension.init(element:)) }
    public var comment: [Narrative] { element.narratives(of: "comment", context) }
    public var documentLinks: [DocumentLink] { element.children(named: "document-link").map { DocumentLink(element: $0, context: context) } }
}
