public import LibXML

/// A link to a document about the activity, a result or an indicator (`document-link`).
public struct DocumentLink: Sendable, Hashable {
    public var url: String?
    /// IANA media type (`application/pdf`).
    public var format: String?
    public var title: [Narrative]
    public var description: [Narrative]
    /// DocumentCategory codes.
    public var categories: [String]
    /// Language codes.
    public var languages: [String]
    public var documentDate: IATIDate?

    /// Decodes a `document-link` element.
    public init(node: Node, context: DecodingContext) {
        url = node.value("url")
        format = node.value("format")
        title = node.narratives(of: "title", context)
        description = node.narratives(of: "description", context)
        categories = node.children(named: "category").compactMap { $0.value("code") }
        languages = node.children(named: "language").compactMap { $0.value("code") }
        documentDate = node.date(of: "document-date")
    }
}
