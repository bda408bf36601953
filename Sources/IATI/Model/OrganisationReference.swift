/// An organisation named by reference and narratives: `reporting-org`, `owner-org`,
/// `provider-org`, `receiver-org`.
public struct OrganisationReference: Sendable, Hashable {
    /// `ref`: the organisation identifier (e.g. `XM-DAC-41302`).
    public var ref: String?
    /// `type`: OrganisationType code.
    public var type: String?
    /// `provider-activity-id` or `receiver-activity-id` on transaction organisations.
    public var activityID: String?
    /// `secondary-reporter` on `reporting-org`, as written (`xsd:boolean`).
    public var secondaryReporter: String?
    public var narratives: [Narrative]

    /// Creates a reference.
    public init(ref: String? = nil, type: String? = nil, activityID: String? = nil, secondaryReporter: String? = nil, narratives: [Narrative] = []) {
        self.ref = ref
        self.type = type
        self.activityID = activityID
        self.secondaryReporter = secondaryReporter
        self.narratives = narratives
    }

    /// Decodes any of the organisation elements; the activity-id attribute is read from
    /// `provider-activity-id` or `receiver-activity-id`, whichever is present.
    public init(element: RecordElement, context: DecodingContext) {
        self.init(
            ref: element.value("ref"),
            type: element.value("type"),
            activityID: element.value("provider-activity-id") ?? element.value("receiver-activity-id"),
            secondaryReporter: element.value("secondary-reporter"),
            narratives: element.narratives(context))
    }

    /// The name in English if given, else the first name.
    public var name: String? { narratives.text() }
}
