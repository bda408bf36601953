/// A contact for the activity (`contact-info`).
public struct ContactInfo: Sendable, Hashable {
    /// The `contact-info` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// ContactType code.
    public var type: String? { element.value("type") }
    public var organisation: [Narrative] { element.narratives(of: "organisation", context) }
    public var department: [Narrative] { element.narratives(of: "department", context) }
    public var personName: [Narrative] { element.narratives(of: "person-name", context) }
    public var jobTitle: [Narrative] { element.narratives(of: "job-title", context) }
    public var telephones: [String] { element.children(named: "telephone").compactMap(\.trimmedText) }
    public var emails: [String] { element.children(named: "email").compactMap(\.trimmedText) }
    public var websites: [String] { element.children(named: "website").compactMap(\.trimmedText) }
    /// Each `mailing-address`, as its narratives.
    public var mailingAddresses: [[Narrative]] { element.children(named: "mailing-address").map { $0.narratives(context) } }
}
