public import LibXML

/// An organisation taking part in the activity (`participating-org`).
public struct ParticipatingOrganisation: Sendable, Hashable {
    public var ref: String?
    /// OrganisationType code.
    public var type: String?
    /// OrganisationRole code: 1 funding, 2 accountable, 3 extending, 4 implementing.
    public var role: String?
    /// `activity-id`: the organisation's own identifier for this activity.
    public var activityID: String?
    /// `crs-channel-code`.
    public var crsChannelCode: String?
    public var narratives: [Narrative]

    /// Decodes a `participating-org` element.
    public init(node: Node, context: DecodingContext) {
        ref = node.value("ref")
        type = node.value("type")
        role = node.value("role")
        activityID = node.value("activity-id")
        crsChannelCode = node.value("crs-channel-code")
        narratives = node.narratives(context)
    }

    /// The name in English if given, else the first name.
    public var name: String? { narratives.text() }
}
