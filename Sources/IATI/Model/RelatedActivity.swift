public import LibXML

/// Another activity this one relates to (`related-activity`).
public struct RelatedActivity: Sendable, Hashable {
    /// The other activity's identifier.
    public var ref: String?
    /// RelatedActivityType code: 1 parent, 2 child, 3 sibling, 4 co-funded, 5 third party.
    public var type: String?

    /// Decodes a `related-activity` element.
    public init(node: Node) {
        ref = node.value("ref")
        type = node.value("type")
    }
}
