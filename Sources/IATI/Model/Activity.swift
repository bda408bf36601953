public import LibXML

/// One IATI activity (`iati-activity`) as typed values: a view over its record for consumers
/// such as the flat tables and the cooperation outputs.
///
/// Each field is read from the record (``RecordTree``) when asked for, and the types inside
/// (``Transaction``, ``Budget``, ``ActivityResult``, …) are views over their own elements:
/// the record is the one description of the activity. Made from the compact road's record
/// (``init(record:fileLanguage:fileCurrency:)``) or from a node (``decode(node:fileLanguage:fileCurrency:)``).
/// Nothing is dropped for being invalid: codes are kept as written, dates, decimals and amounts
/// keep their text next to the parsed value. Read a field once where it is used many times:
/// each read decodes it anew.
public struct Activity: Sendable, Hashable {
    /// The `iati-activity` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the activity's elements state none.
    public let context: DecodingContext

    /// Reads an `iati-activity` record.
    ///
    /// - Parameters:
    ///   - record: the record, its own element an `iati-activity`.
    ///   - fileLanguage: `xml:lang` of the file's root element, used for narratives when the
    ///     activity states no language.
    ///   - fileCurrency: a currency for values when the activity states no `default-currency`.
    public init(record: RecordTree, fileLanguage: String? = nil, fileCurrency: String? = nil) {
        self.init(element: record.root, context: DecodingContext(fileLanguage: fileLanguage, fileCurrency: fileCurrency))
    }

    /// Reads an `iati-activity` element with a context already built; the activity's own
    /// `xml:lang` and `default-currency` take precedence over the context's.
    public init(element: RecordElement, context: DecodingContext) {
        var context = context
        if let language = element.xmlLang { context.activityLanguage = language }
        if let currency = element.value("default-currency") { context.activityCurrency = currency }
        self.element = element
        self.context = context
    }

    /// Reads an `iati-activity` element held as a node (copied into a record first).
    public static func decode(node: Node, fileLanguage: String? = nil, fileCurrency: String? = nil) -> Activity {
        Activity(record: RecordTree(node: node), fileLanguage: fileLanguage, fileCurrency: fileCurrency)
    }

    /// `iati-identifier`, trimmed; `nil` when missing or blank.
    public var identifier: String? { element.child("iati-identifier")?.trimmedText }
    /// The language that applies to the activity's narratives: its own `xml:lang`, else the file's.
    public var language: String? { context.defaultLanguage }
    /// `default-currency`.
    public var defaultCurrency: String? { element.value("default-currency") }
    /// `hierarchy` as written; absent means 1.
    public var hierarchy: String? { element.value("hierarchy") }
    /// `humanitarian` as written (`xsd:boolean`).
    public var humanitarian: String? { element.value("humanitarian") }
    /// `last-updated-datetime` (its date part; the text is kept whole).
    public var lastUpdated: IATIDate? { element.value("last-updated-datetime").map(IATIDate.init(text:)) }
    /// `linked-data-uri`.
    public var linkedDataURI: String? { element.value("linked-data-uri") }
    /// `budget-not-provided`: BudgetNotProvided code.
    public var budgetNotProvided: String? { element.value("budget-not-provided") }
    public var reportingOrg: OrganisationReference? { element.child("reporting-org").map { OrganisationReference(element: $0, context: context) } }
    public var title: [Narrative] { element.narratives(of: "title", context) }
    public var descriptions: [ActivityDescription] { element.children(named: "description").map { ActivityDescription(element: $0, context: context) } }
    public var participatingOrgs: [ParticipatingOrganisation] { element.children(named: "participating-org").map { ParticipatingOrganisation(element: $0, context: context) } }
    public var otherIdentifiers: [OtherIdentifier] { element.children(named: "other-identifier").map { OtherIdentifier(element: $0, context: context) } }
    /// ActivityStatus code.
    public var status: String? { element.code(of: "activity-status") }
    public var dates: [ActivityDate] { element.children(named: "activity-date").map { ActivityDate(element: $0, context: context) } }
    public var contactInfo: [ContactInfo] { element.children(named: "contact-info").map { ContactInfo(element: $0, context: context) } }
    /// ActivityScope code.
    public var scope: String? { element.code(of: "activity-scope") }
    public var recipientCountries: [RecipientCountry] { element.children(named: "recipient-country").map { RecipientCountry(element: $0, context: context) } }
    public var recipientRegions: [RecipientRegion] { element.children(named: "recipient-region").map { RecipientRegion(element: $0, context: context) } }
    public var locations: [Location] { element.children(named: "location").map { Location(element: $0, context: context) } }
    public var sectors: [Sector] { element.children(named: "sector").map { Sector(element: $0, context: context) } }
    public var tags: [Tag] { element.children(named: "tag").map { Tag(element: $0, context: context) } }
    public var countryBudgetItems: CountryBudgetItems? { element.child("country-budget-items").map { CountryBudgetItems(element: $0, context: context) } }
    public var humanitarianScopes: [HumanitarianScope] { element.children(named: "humanitarian-scope").map { HumanitarianScope(element: $0, context: context) } }
    public var policyMarkers: [PolicyMarker] { element.children(named: "policy-marker").map { PolicyMarker(element: $0, context: context) } }
    /// CollaborationType code.
    public var collaborationType: String? { element.code(of: "collaboration-type") }
    /// FlowType code that applies to transactions that state none.
    public var defaultFlowType: String? { element.code(of: "default-flow-type") }
    public var defaultFinanceType: String? { element.code(of: "default-finance-type") }
    /// Default aid types, one per vocabulary.
    public var defaultAidTypes: [AidType] { element.children(named: "default-aid-type").map(AidType.init(element:)) }
    public var defaultTiedStatus: String? { element.code(of: "default-tied-status") }
    public var budgets: [Budget] { element.children(named: "budget").map { Budget(element: $0, context: context) } }
    public var plannedDisbursements: [PlannedDisbursement] { element.children(named: "planned-disbursement").map { PlannedDisbursement(element: $0, context: context) } }
    /// `capital-spend/@percentage`.
    public var capitalSpend: DecimalValue? { element.child("capital-spend")?.decimal("percentage") }
    public var transactions: [Transaction] { element.children(named: "transaction").map { Transaction(element: $0, context: context) } }
    public var documentLinks: [DocumentLink] { element.children(named: "document-link").map { DocumentLink(element: $0, context: context) } }
    public var relatedActivities: [RelatedActivity] { element.children(named: "related-activity").map(RelatedActivity.init(element:)) }
    public var legacyData: [LegacyData] { element.children(named: "legacy-data").map(LegacyData.init(element:)) }
    public var conditions: Conditions? { element.child("conditions").map { Conditions(element: $0, context: context) } }
    public var results: [ActivityResult] { element.children(named: "result").map { ActivityResult(element: $0, context: context) } }
    public var crsAdd: CRSAdd? { element.child("crs-add").map { CRSAdd(element: $0, context: context) } }
    public var fss: ForwardSpendingSurvey? { element.child("fss").map { ForwardSpendingSurvey(element: $0, context: context) } }
    /// Line of the `iati-activity` start tag in the input, 0 when unknown.
    public var line: Int { element.line }
}
