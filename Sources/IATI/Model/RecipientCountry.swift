public import LibXML

/// A country that benefits (`recipient-country`), with its share of the activity.
public struct RecipientCountry: Sendable, Hashable {
    /// ISO 3166-1 alpha-2 code.
    public var code: String?
    public var percentage: DecimalValue?
    public var narratives: [Narrative]

    /// Decodes a `recipient-country` element.
    public init(node: Node, context: DecodingContext) {
        code = node.value("code")
        percentage = node.decimal("percentage")
        narratives = node.narratives(context)
    }
}
