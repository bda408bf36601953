/// The value an indicator starts from (`baseline`).
public struct Baseline: Sendable, Hashable {
    /// The `baseline` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// `year` as written.
    public var year: String? { element.value("year") }
    public var isoDate: IATIDate? { element.value("iso-date").map(IATIDate.init(text:)) }
    /// `value`: a decimal for quantitative indicators; kept as text otherwise.
    public var value: DecimalValue? { element.decimal("value") }
    /// `location/@ref`: references to the activity's locations.
    public var locations: [String] { element.children(named: "location").compactMap { $0.value("ref") } }
    public var dimensions: [Dimension] { element.children(named: "dimension").map(Dimension.init(element:)) }
    public var comment: [Narrative] { element.narratives(of: "comment", context) }
    public var documentLinks: [DocumentLink] { element.children(named: "document-link").map { DocumentLink(element: $0, context: context) } }
}

/// A disaggregation of an indicator value (`dimension`): e.g. `sex` = `female`.
public struct Dimension: Sendable, Hashable {
    /// The `dimension` element read.
    public let element: RecordElement

    public var name: String? { element.value("name") }
    public var value: String? { element.value("value") }
}
