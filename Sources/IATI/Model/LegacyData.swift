public import LibXML

/// A value from the publisher's own system (`legacy-data`).
public struct LegacyData: Sendable, Hashable {
    public var name: String?
    public var value: String?
    /// The IATI element the value corresponds to.
    public var iatiEquivalent: String?

    /// Decodes a `legacy-data` element.
    public init(node: Node) {
        name = node.value("name")
        value = node.value("value")
        iatiEquivalent = node.value("iati-equivalent")
    }
}
