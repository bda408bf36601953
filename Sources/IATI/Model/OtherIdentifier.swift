public import LibXML

/// Another identifier of the activity (`other-identifier`).
public struct OtherIdentifier: Sendable, Hashable {
    public var ref: String?
    /// OtherIdentifierType code.
    public var type: String?
    /// `owner-org`: who issued the identifier.
    public var owner: OrganisationReference?

    /// Decodes an `other-identifier` element.
    public init(node: Node, context: DecodingContext) {
        ref = node.value("ref")
        type = node.value("type")
        owner = node.child("owner-org").map { OrganisationReference(node: $0, context: context) }
    }
}
