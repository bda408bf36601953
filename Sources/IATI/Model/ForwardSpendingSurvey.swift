public import LibXML

/// Forward spending survey data (`fss`): forecasts for coming years.
public struct ForwardSpendingSurvey: Sendable, Hashable {
    public var extractionDate: IATIDate?
    /// `priority` as written (`xsd:boolean`).
    public var priority: String?
    public var phaseoutYear: String?
    public var forecasts: [Forecast]

    /// Decodes an `fss` element.
    public init(node: Node, context: DecodingContext) {
        extractionDate = node.value("extraction-date").map(IATIDate.init(text:))
        priority = node.value("priority")
        phaseoutYear = node.value("phaseout-year")
        forecasts = node.children(named: "forecast").map { Forecast(node: $0, context: context) }
    }

    /// A forecast for one year (`forecast`).
    public struct Forecast: Sendable, Hashable {
        public var year: String?
        public var value: MonetaryValue

        /// Decodes a `forecast` element; it is shaped like a `value`.
        public init(node: Node, context: DecodingContext) {
            year = node.value("year")
            value = MonetaryValue(node: node, context: context)
        }
    }
}
