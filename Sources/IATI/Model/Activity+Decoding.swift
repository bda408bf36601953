public import LibXML

extension Activity {
    /// Decodes an `iati-activity` element.
    ///
    /// - Parameters:
    ///   - node: the expanded `iati-activity` element.
    ///   - fileLanguage: `xml:lang` of the file's root element, used for narratives when the
    ///     activity states no language.
    ///   - fileCurrency: a currency for values when the activity states no `default-currency`.
    /// - Returns: the activity; never fails, invalid values are kept as text.
    public static func decode(node: Node, fileLanguage: String? = nil, fileCurrency: String? = nil) -> Activity {
        let context = DecodingContext(
            fileLanguage: fileLanguage, fileCurrency: fileCurrency,
            activityLanguage: node.xmlLang, activityCurrency: node.value("default-currency"))
        return Activity(node: node, context: context)
    }

    /// Decodes an `iati-activity` element with a context already built; the activity's own
    /// `xml:lang` and `default-currency` take precedence over the context's.
    public init(node: Node, context: DecodingContext) {
        var context = context
        if let language = node.xmlLang { context.activityLanguage = language }
        if let currency = node.value("default-currency") { context.activityCurrency = currency }
        let ctx = context
        func all<T>(_ name: String, _ make: (Node) -> T) -> [T] { node.children(named: name).map(make) }

        identifier = node.child("iati-identifier")?.trimmedText
        language = ctx.defaultLanguage
        defaultCurrency = node.value("default-currency")
        hierarchy = node.value("hierarchy")
        humanitarian = node.value("humanitarian")
        lastUpdated = node.value("last-updated-datetime").map(IATIDate.init(text:))
        linkedDataURI = node.value("linked-data-uri")
        budgetNotProvided = node.value("budget-not-provided")
        reportingOrg = node.child("reporting-org").map { OrganisationReference(node: $0, context: ctx) }
        title = node.narratives(of: "title", ctx)
        descriptions = all("description") { ActivityDescription(node: $0, context: ctx) }
        participatingOrgs = all("participating-org") { ParticipatingOrganisation(node: $0, context: ctx) }
        otherIdentifiers = all("other-identifier") { OtherIdentifier(node: $0, context: ctx) }
        status = node.code(of: "activity-status")
        dates = all("activity-date") { ActivityDate(node: $0, context: ctx) }
        contactInfo = all("contact-info") { ContactInfo(node: $0, context: ctx) }
        scope = node.code(of: "activity-scope")
        recipientCountries = all("recipient-country") { RecipientCountry(node: $0, context: ctx) }
        recipientRegions = all("recipient-region") { RecipientRegion(node: $0, context: ctx) }
        locations = all("location") { Location(node: $0, context: ctx) }
        sectors = all("sector") { Sector(node: $0, context: ctx) }
        tags = all("tag") { Tag(node: $0, context: ctx) }
        countryBudgetItems = node.child("country-budget-items").map { CountryBudgetItems(node: $0, context: ctx) }
        humanitarianScopes = all("humanitarian-scope") { HumanitarianScope(node: $0, context: ctx) }
        policyMarkers = all("policy-marker") { PolicyMarker(node: $0, context: ctx) }
        collaborationType = node.code(of: "collaboration-type")
        defaultFlowType = node.code(of: "default-flow-type")
        defaultFinanceType = node.code(of: "default-finance-type")
        defaultAidTypes = all("default-aid-type", AidType.init(node:))
        defaultTiedStatus = node.code(of: "default-tied-status")
        budgets = all("budget") { Budget(node: $0, context: ctx) }
        plannedDisbursements = all("planned-disbursement") { PlannedDisbursement(node: $0, context: ctx) }
        capitalSpend = node.child("capital-spend")?.decimal("percentage")
        transactions = all("transaction") { Transaction(node: $0, context: ctx) }
        documentLinks = all("document-link") { DocumentLink(node: $0, context: ctx) }
        relatedActivities = all("related-activity", RelatedActivity.init(node:))
        legacyData = all("legacy-data", LegacyData.init(node:))
        conditions = node.child("conditions").map { Conditions(node: $0, context: ctx) }
        results = all("result") { ActivityResult(node: $0, context: ctx) }
        crsAdd = node.child("crs-add").map { CRSAdd(node: $0, context: ctx) }
        fss = node.child("fss").map { ForwardSpendingSurvey(node: $0, context: ctx) }
        line = node.line
    }
}
