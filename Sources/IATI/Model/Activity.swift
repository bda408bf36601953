/// One IATI activity (`iati-activity`) as typed values: a read view for consumers such as
/// the cooperation outputs.
///
/// Decoded from a ``LibXML/Node`` by ``decode(node:fileLanguage:fileCurrency:)``. Nothing is
/// dropped for being invalid: codes are kept as written, dates, decimals and amounts keep their
/// text next to the parsed value. Lossless conversion works from the `Node` tree, not from this.
public struct Activity: Sendable, Hashable {
    /// `iati-identifier`, trimmed; `nil` when missing or blank.
    public var identifier: String?
    /// The language that applies to the activity's narratives: its own `xml:lang`, else the file's.
    public var language: String?
    /// `default-currency`.
    public var defaultCurrency: String?
    /// `hierarchy` as written; absent means 1.
    public var hierarchy: String?
    /// `humanitarian` as written (`xsd:boolean`).
    public var humanitarian: String?
    /// `last-updated-datetime` (its date part; the text is kept whole).
    public var lastUpdated: IATIDate?
    /// `linked-data-uri`.
    public var linkedDataURI: String?
    /// `budget-not-provided`: BudgetNotProvided code.
    public var budgetNotProvided: String?
    public var reportingOrg: OrganisationReference?
    public var title: [Narrative]
    public var descriptions: [ActivityDescription]
    public var participatingOrgs: [ParticipatingOrganisation]
    public var otherIdentifiers: [OtherIdentifier]
    /// ActivityStatus code.
    public var status: String?
    public var dates: [ActivityDate]
    public var contactInfo: [ContactInfo]
    /// ActivityScope code.
    public var scope: String?
    public var recipientCountries: [RecipientCountry]
    public var recipientRegions: [RecipientRegion]
    public var locations: [Location]
    public var sectors: [Sector]
    public var tags: [Tag]
    public var countryBudgetItems: CountryBudgetItems?
    public var humanitarianScopes: [HumanitarianScope]
    public var policyMarkers: [PolicyMarker]
    /// CollaborationType code.
    public var collaborationType: String?
    /// FlowType code that applies to transactions that state none.
    public var defaultFlowType: String?
    public var defaultFinanceType: String?
    /// Default aid types, one per vocabulary.
    public var defaultAidTypes: [AidType]
    public var defaultTiedStatus: String?
    public var budgets: [Budget]
    public var plannedDisbursements: [PlannedDisbursement]
    /// `capital-spend/@percentage`.
    public var capitalSpend: DecimalValue?
    public var transactions: [Transaction]
    public var documentLinks: [DocumentLink]
    public var relatedActivities: [RelatedActivity]
    public var legacyData: [LegacyData]
    public var conditions: Conditions?
    public var results: [ActivityResult]
    public var crsAdd: CRSAdd?
    public var fss: ForwardSpendingSurvey?
    /// Line of the `iati-activity` start tag in the input, 0 when unknown.
    public var line: Int
}
