/// A link to a document about the activity, a result or an indicator (`document-link`).
public struct DocumentLink: Sendable, Hashable {
    /// The `document-link` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    public var url: String? { element.value("url") }
    /// IANA media type (`application/pdf`).
    public var format: String? { element.value("format") }
    public var title: [Narrative] { element.narratives(of: "title", context) }
    public var description: [Narrative] { element.narratives(of: "description", context) }
    /// DocumentCategory codes.
    public var categories: [String] { element.children(named: "category").compactMap { $0.value("code") } }
    /// Language codes.
    public var languages: [String] { element.children(named: "language").compactMap { $0.value("code") } }
    public var documentDate: IATIDate? { element.date(of: "document-date") }
}
