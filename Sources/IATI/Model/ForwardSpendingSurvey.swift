/// Forward spending survey data (`fss`): forecasts for coming years.
public struct ForwardSpendingSurvey: Sendable, Hashable {
    /// The `fss` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    public var extractionDate: IATIDate? { element.value("extraction-date").map(IATIDate.init(text:)) }
    /// `priority` as written (`xsd:boolean`).
    public var priority: String? { element.value("priority") }
    public var phaseoutYear: String? { element.value("phaseout-year") }
    public var forecasts: [Forecast] { element.children(named: "forecast").map { Forecast(element: $0, context: context) } }

    /// A forecast for one year (`forecast`).
    public struct Forecast: Sendable, Hashable {
        /// The `forecast` element read.
        public let element: RecordElement
        /// The languages and currency that apply where the element states none.
        public let context: DecodingContext

        public var year: String? { element.value("year") }
        public var value: MonetaryValue { MonetaryValue(element: element, context: context) }
    }
}
