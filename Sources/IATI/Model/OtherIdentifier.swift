/// Another identifier of the activity (`other-identifier`).
public struct OtherIdentifier: Sendable, Hashable {
    /// The `other-identifier` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    public var ref: String? { element.value("ref") }
    /// OtherIdentifierType code.
    public var type: String? { element.value("type") }
    /// `owner-org`: who issued the identifier.
    public var owner: OrganisationReference? { element.child("owner-org").map { OrganisationReference(element: $0, context: context) } }
}
