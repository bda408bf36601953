/// An organisation taking part in the activity (`participating-org`).
public struct ParticipatingOrganisation: Sendable, Hashable {
    /// The `participating-org` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    public var ref: String? { element.value("ref") }
    /// OrganisationType code.
    public var type: String? { element.value("type") }
    /// OrganisationRole code: 1 funding, 2 accountable, 3 extending, 4 implementing.
    public var role: String? { element.value("role") }
    /// `activity-id`: the organisation's own identifier for this activity.
    public var activityID: String? { element.value("activity-id") }
    /// `crs-channel-code`.
    public var crsChannelCode: String? { element.value("crs-channel-code") }
    public var narratives: [Narrative] { element.narratives(context) }

    /// The name in English if given, else the first name.
    public var name: String? { narratives.text() }
}
