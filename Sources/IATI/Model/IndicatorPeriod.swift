public import LibXML

/// A reporting period of an indicator (`period`), with its targets and actuals.
public struct IndicatorPeriod: Sendable, Hashable {
    public var start: IATIDate?
    public var end: IATIDate?
    public var targets: [IndicatorValue]
    public var actuals: [IndicatorValue]

    /// Decodes a `period` element.
    public init(node: Node, context: DecodingContext) {
        start = node.date(of: "period-start")
        end = node.date(of: "period-end")
        targets = node.children(named: "target").map { IndicatorValue(node: $0, context: context) }
        actuals = node.children(named: "actual").map { IndicatorValue(node: $0, context: context) }
    }
}

/// A target or an actual value of an indicator for a period (`target`, `actual`).
public struct IndicatorValue: Sendable, Hashable {
    /// `value`: a decimal for quantitative indicators; kept as text otherwise.
    public var value: DecimalValue?
    /// `location/@ref`: references to the activity's locations.
    public var locations: [String]
    public var dimensions: [Dimension]
    public var comment: [Narrative]
    public var documentLinks: [DocumentLink]

    /// Decodes a `target` or `actual` element.
    public init(node: Node, context: DecodingContext) {
        value = node.decimal("value")
        locations = node.children(named: "location").compactMap { $0.value("ref") }
        dimensions = node.children(named: "dimension").map(Dimension.init(node:))
        comment = node.narratives(of: "comment", context)
        documentLinks = node.children(named: "document-link").map { DocumentLink(node: $0, context: context) }
    }
}
