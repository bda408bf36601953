public import LibXML

/// A contact for the activity (`contact-info`).
public struct ContactInfo: Sendable, Hashable {
    /// ContactType code.
    public var type: String?
    public var organisation: [Narrative]
    public var department: [Narrative]
    public var personName: [Narrative]
    public var jobTitle: [Narrative]
    public var telephones: [String]
    public var emails: [String]
    public var websites: [String]
    /// Each `mailing-address`, as its narratives.
    public var mailingAddresses: [[Narrative]]

    /// Decodes a `contact-info` element.
    public init(node: Node, context: DecodingContext) {
        type = node.value("type")
        organisation = node.narratives(of: "organisation", context)
        department = node.narratives(of: "department", context)
        personName = node.narratives(of: "person-name", context)
        jobTitle = node.narratives(of: "job-title", context)
        telephones = node.children(named: "telephone").compactMap(\.trimmedText)
        emails = node.children(named: "email").compactMap(\.trimmedText)
        websites = node.children(named: "website").compactMap(\.trimmedText)
        mailingAddresses = node.children(named: "mailing-address").map { $0.narratives(context) }
    }
}
