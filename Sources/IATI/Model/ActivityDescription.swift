public import LibXML

/// A description of the activity (`description`) of one type.
public struct ActivityDescription: Sendable, Hashable {
    /// DescriptionType code: 1 general, 2 objectives, 3 target groups, 4 other; absent means 1.
    public var type: String?
    public var narratives: [Narrative]

    /// Decodes a `description` element.
    public init(node: Node, context: DecodingContext) {
        type = node.value("type")
        narratives = node.narratives(context)
    }
}
