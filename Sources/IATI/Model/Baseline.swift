public import LibXML

/// The value an indicator starts from (`baseline`).
public struct Baseline: Sendable, Hashable {
    /// `year` as written.
    public var year: String?
    public var isoDate: IATIDate?
    /// `value`: a decimal for quantitative indicators; kept as text otherwise.
    public var value: DecimalValue?
    /// `location/@ref`: references to the activity's locations.
    public var locations: [String]
    public var dimensions: [Dimension]
    public var comment: [Narrative]
    public var documentLinks: [DocumentLink]

    /// Decodes a `baseline` element.
    public init(node: Node, context: DecodingContext) {
        year = node.value("year")
        isoDate = node.value("iso-date").map(IATIDate.init(text:))
        value = node.decimal("value")
        locations = node.children(named: "location").compactMap { $0.value("ref") }
        dimensions = node.children(named: "dimension").map(Dimension.init(node:))
        comment = node.narratives(of: "comment", context)
        documentLinks = node.children(named: "document-link").map { DocumentLink(node: $0, context: context) }
    }
}

/// A disaggregation of an indicator value (`dimension`): e.g. `sex` = `female`.
public struct Dimension: Sendable, Hashable {
    public var name: String?
    public var value: String?

    /// Decodes a `dimension` element.
    public init(node: Node) {
        name = node.value("name")
        value = node.value("value")
    }
}
