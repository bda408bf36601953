/// The IATI 2.03 activity standard (`iati-activities-schema.xsd` with `iati-common.xsd`)
/// as data.
///
/// Conventions, so that the catalogue reads like the standard:
/// - children are listed in the order the schema's sequence requires, with their cardinality;
/// - attributes carry the codelist `codelists/mapping.xml` assigns to them; where the mapping
///   depends on a vocabulary, the codelist of the default vocabulary is named (`Sector` for
///   `sector/@code`), and none where no vocabulary is the default (`tag/@code`,
///   `location/administrative/@code`);
/// - every element accepts foreign-namespace elements and attributes unless noted, which is
///   the ``ElementSpec`` default; elements with text content never accept child elements.
///
/// Specs of the same name are one shared instance where the schema gives them the same
/// structure, and separate instances where it does not (`transaction/sector` has no
/// `percentage`; `baseline` orders `comment` after `document-link` while `target` and
/// `actual` order it before).
public enum ActivityCatalogue {

    // MARK: - Document

    /// `iati-activities`, the root of an activity file.
    public static let root = ElementSpec(
        "iati-activities",
        attributes: [
            .required("version", codelist: "Version"),
            .optional("generated-datetime", .dateTime),
            .optional("linked-data-default", .anyURI),
        ],
        children: [.oneOrMore(activity, jsonKey: "activities")])

    /// `iati-activity`: one activity.
    public static let activity = ElementSpec(
        "iati-activity",
        attributes: [
            .optional("last-updated-datetime", .dateTime),
            .lang,
            .optional("default-currency", codelist: "Currency"),
            .optional("humanitarian", .boolean),
            .optional("hierarchy", .int),
            .optional("linked-data-uri", .anyURI),
            .optional("budget-not-provided", codelist: "BudgetNotProvided"),
        ],
        children: [
            // Identification
            .one(iatiIdentifier),
            .one(reportingOrg),
            .one(title),
            .oneOrMore(activityDescription),
            .oneOrMore(participatingOrg),
            .zeroOrMore(otherIdentifier),
            .one(activityStatus),
            .oneOrMore(activityDate),
            ChildSpec(contactInfo, min: 0, max: nil, jsonKey: "contactInfo"),
            .optional(activityScope),
            // Geography
            .zeroOrMore(recipientCountry),
            .zeroOrMore(recipientRegion),
            .zeroOrMore(location),
            // Classifications
            .zeroOrMore(sector),
            .zeroOrMore(tag),
            .optional(countryBudgetItems),
            .zeroOrMore(humanitarianScope),
            .zeroOrMore(policyMarker),
            .optional(collaborationType),
            .optional(defaultFlowType),
            .optional(defaultFinanceType),
            .zeroOrMore(defaultAidType),
            .optional(defaultTiedStatus),
            // Financial
            .zeroOrMore(budget),
            .zeroOrMore(plannedDisbursement),
            .optional(capitalSpend),
            .zeroOrMore(transaction),
            // Documents, relations, conditions
            .zeroOrMore(documentLink),
            .zeroOrMore(relatedActivity),
            .zeroOrMore(legacyData),
            .optional(conditions),
            // Results
            .zeroOrMore(result),
            // CRS and FSS reporting
            .optional(crsAdd),
            .optional(fss),
        ])

    // MARK: - Text

    /// `narrative`: a piece of human-readable text in one language.
    public static let narrative = ElementSpec(
        "narrative", content: .string, attributes: [.lang], extensionElements: false)

    /// `title`: one or more narratives (activity, result, indicator and document titles).
    public static let title = SpecShape.text("title")

    /// `description` made of narratives only, without a type (inside results, indicators,
    /// document links, locations, budget items and transactions).
    public static let description = SpecShape.text("description")

    /// `comment`: narratives on a result baseline, target or actual.
    public static let comment = SpecShape.text("comment")

    /// `iati-activity/description`: typed description of the activity.
    public static let activityDescription = ElementSpec(
        "description",
        attributes: [.optional("type", codelist: "DescriptionType")],
        children: [.oneOrMore(narrative)])

    // MARK: - Identification

    /// `iati-identifier`: the activity's globally unique identifier.
    public static let iatiIdentifier = SpecShape.openValue("iati-identifier", .string)

    /// `other-identifier`: another identifier of the activity.
    public static let otherIdentifier = ElementSpec(
        "other-identifier",
        attributes: [
            .required("ref"),
            .required("type", codelist: "OtherIdentifierType"),
        ],
        children: [.optional(ownerOrg)])

    /// `other-identifier/owner-org`: the organisation that issued the identifier.
    public static let ownerOrg = ElementSpec(
        "owner-org",
        attributes: [.optional("ref")],
        children: [.zeroOrMore(narrative)])

    /// `activity-status`.
    public static let activityStatus = SpecShape.code("activity-status", codelist: "ActivityStatus")

    /// `activity-date`: a planned or actual start or end date.
    public static let activityDate = ElementSpec(
        "activity-date",
        attributes: [
            .required("type", codelist: "ActivityDateType"),
            .required("iso-date", .date),
        ],
        children: [.zeroOrMore(narrative)])

    /// `activity-scope`: the geographical scope of the activity.
    public static let activityScope = SpecShape.code("activity-scope", codelist: "ActivityScope")

    /// `contact-info`: a contact for the activity.
    public static let contactInfo = ElementSpec(
        "contact-info",
        attributes: [.optional("type", codelist: "ContactType")],
        children: [
            .optional(SpecShape.text("organisation")),
            .optional(SpecShape.text("department")),
            .optional(SpecShape.text("person-name")),
            .optional(SpecShape.text("job-title")),
            .zeroOrMore(SpecShape.openValue("telephone", .string)),
            .zeroOrMore(SpecShape.openValue("email", .string)),
            .zeroOrMore(SpecShape.openValue("website", .anyURI)),
            .zeroOrMore(SpecShape.text("mailing-address"), jsonKey: "mailingAddresses"),
        ])

    // MARK: - Organisations

    /// `reporting-org`: the organisation publishing the data (activities and organisations).
    public static let reportingOrg = ElementSpec(
        "reporting-org",
        attributes: [
            .required("ref"),
            .required("type", codelist: "OrganisationType"),
            .optional("secondary-reporter", .boolean),
        ],
        children: [.oneOrMore(narrative)])

    /// `participating-org`: an organisation involved in the activity, with its role.
    public static let participatingOrg = ElementSpec(
        "participating-org",
        attributes: [
            .optional("ref"),
            .optional("type", codelist: "OrganisationType"),
            .required("role", codelist: "OrganisationRole"),
            .optional("activity-id"),
            .optional("crs-channel-code", codelist: "CRSChannelCode"),
        ],
        children: [.zeroOrMore(narrative)])

    /// `provider-org` of a transaction or planned disbursement.
    public static let providerOrg = ElementSpec(
        "provider-org",
        attributes: [
            .optional("ref"),
            .optional("provider-activity-id"),
            .optional("type", codelist: "OrganisationType"),
        ],
        children: [.zeroOrMore(narrative)])

    /// `receiver-org` of a transaction or planned disbursement.
    public static let receiverOrg = ElementSpec(
        "receiver-org",
        attributes: [
            .optional("ref"),
            .optional("receiver-activity-id"),
            .optional("type", codelist: "OrganisationType"),
        ],
        children: [.zeroOrMore(narrative)])

    // MARK: - Geography

    /// `iati-activity/recipient-country`, with a percentage share.
    public static let recipientCountry = ElementSpec(
        "recipient-country",
        attributes: [
            .required("code", codelist: "Country"),
            .optional("percentage", .decimal),
        ],
        children: [.zeroOrMore(narrative)])

    /// `iati-activity/recipient-region`, with a percentage share.
    public static let recipientRegion = ElementSpec(
        "recipient-region",
        attributes: [
            .required("code", codelist: "Region"),
            .optional("vocabulary", codelist: "RegionVocabulary"),
            .optional("vocabulary-uri", .anyURI),
            .optional("percentage", .decimal),
        ],
        children: [.zeroOrMore(narrative)])

    /// `recipient-country` without a percentage (a transaction's; also the organisation
    /// standard's budget and document-link countries).
    public static let recipientCountryCode = ElementSpec(
        "recipient-country",
        attributes: [.required("code", codelist: "Country")],
        children: [.zeroOrMore(narrative)])

    /// `transaction/recipient-region`: no percentage.
    public static let transactionRecipientRegion = ElementSpec(
        "recipient-region",
        attributes: [
            .required("code", codelist: "Region"),
            .optional("vocabulary", codelist: "RegionVocabulary"),
            .optional("vocabulary-uri", .anyURI),
        ],
        children: [.zeroOrMore(narrative)])

    /// `iati-activity/location`: a sub-national location of the activity.
    public static let location = ElementSpec(
        "location",
        attributes: [.optional("ref")],
        children: [
            .optional(SpecShape.code("location-reach", codelist: "GeographicLocationReach")),
            .zeroOrMore(locationID),
            .optional(name),
            .optional(description),
            .optional(SpecShape.text("activity-description")),
            ChildSpec(administrative, min: 0, max: nil, jsonKey: "administrative"),
            .optional(point),
            .optional(SpecShape.code("exactness", codelist: "GeographicExactness")),
            .optional(SpecShape.code("location-class", codelist: "GeographicLocationClass")),
            .optional(SpecShape.code("feature-designation", codelist: "LocationType")),
        ])

    /// `name`: narratives naming a location (and, in the organisation standard, the
    /// organisation).
    public static let name = SpecShape.text("name")

    /// `location/location-id`: a gazetteer identifier.
    public static let locationID = ElementSpec(
        "location-id",
        attributes: [
            .required("code"),
            .required("vocabulary", codelist: "GeographicVocabulary"),
        ])

    /// `location/administrative`: an administrative area; its code list depends on the
    /// (required) vocabulary, so none is named.
    public static let administrative = ElementSpec(
        "administrative",
        attributes: [
            .required("code"),
            .required("vocabulary", codelist: "GeographicVocabulary"),
            .optional("level", .nonNegativeInteger),
        ])

    /// `location/point`: a GML point.
    public static let point = ElementSpec(
        "point",
        attributes: [.required("srsName")],
        children: [.one(SpecShape.value("pos", .string))])

    // MARK: - Classifications

    /// `iati-activity/sector`, with a percentage share.
    public static let sector = ElementSpec(
        "sector",
        attributes: [
            .optional("vocabulary", codelist: "SectorVocabulary"),
            .optional("vocabulary-uri", .anyURI),
            .required("code", codelist: "Sector"),
            .optional("percentage", .decimal),
        ],
        children: [.zeroOrMore(narrative)])

    /// `transaction/sector`: no percentage.
    public static let transactionSector = ElementSpec(
        "sector",
        attributes: [
            .optional("vocabulary", codelist: "SectorVocabulary"),
            .optional("vocabulary-uri", .anyURI),
            .required("code", codelist: "Sector"),
        ],
        children: [.zeroOrMore(narrative)])

    /// `tag`: a free classification; its code list depends on the (required) vocabulary.
    public static let tag = ElementSpec(
        "tag",
        attributes: [
            .required("code"),
            .required("vocabulary", codelist: "TagVocabulary"),
            .optional("vocabulary-uri", .anyURI),
        ],
        children: [.zeroOrMore(narrative)])

    /// `country-budget-items`: alignment with the recipient country's budget.
    public static let countryBudgetItems = ElementSpec(
        "country-budget-items",
        attributes: [.required("vocabulary", codelist: "BudgetIdentifierVocabulary")],
        children: [.oneOrMore(budgetItem)])

    /// `country-budget-items/budget-item`.
    public static let budgetItem = ElementSpec(
        "budget-item",
        attributes: [
            .required("code"),
            .optional("percentage", .decimal),
        ],
        children: [.optional(description)])

    /// `humanitarian-scope`: an emergency or appeal the activity responds to.
    public static let humanitarianScope = ElementSpec(
        "humanitarian-scope",
        attributes: [
            .required("type", codelist: "HumanitarianScopeType"),
            .required("vocabulary", codelist: "HumanitarianScopeVocabulary"),
            .optional("vocabulary-uri", .anyURI),
            .required("code"),
        ],
        children: [.zeroOrMore(narrative)])

    /// `policy-marker`.
    public static let policyMarker = ElementSpec(
        "policy-marker",
        attributes: [
            .optional("vocabulary", codelist: "PolicyMarkerVocabulary"),
            .optional("vocabulary-uri", .anyURI),
            .required("code", codelist: "PolicyMarker"),
            .optional("significance", codelist: "PolicySignificance"),
        ],
        children: [.zeroOrMore(narrative)])

    /// `collaboration-type`.
    public static let collaborationType = SpecShape.code("collaboration-type", codelist: "CollaborationType")
    /// `default-flow-type`.
    public static let defaultFlowType = SpecShape.code("default-flow-type", codelist: "FlowType")
    /// `default-finance-type`.
    public static let defaultFinanceType = SpecShape.code("default-finance-type", codelist: "FinanceType")
    /// `default-tied-status`.
    public static let defaultTiedStatus = SpecShape.code("default-tied-status", codelist: "TiedStatus")
    /// `default-aid-type`.
    public static let defaultAidType = aidType(named: "default-aid-type")

    /// The shape of `default-aid-type` and `transaction/aid-type`.
    static func aidType(named name: String) -> ElementSpec {
        ElementSpec(
            name,
            attributes: [
                .required("code", codelist: "AidType"),
                .optional("vocabulary", codelist: "AidTypeVocabulary"),
            ])
    }

    // MARK: - Financial

    /// `value`: an amount in a currency at a value date (budgets, transactions, planned
    /// disbursements, and the organisation standard's budgets and expenditure).
    public static let value = ElementSpec(
        "value",
        content: .decimal,
        attributes: [
            .optional("currency", codelist: "Currency"),
            .required("value-date", .date),
        ],
        extensionElements: false)

    /// `period-start`: the first day of a budget, disbursement or result period.
    public static let periodStart = SpecShape.date("period-start")
    /// `period-end`: the last day of a budget, disbursement or result period.
    public static let periodEnd = SpecShape.date("period-end")

    /// `budget`.
    public static let budget = ElementSpec(
        "budget",
        attributes: [
            .optional("type", codelist: "BudgetType"),
            .optional("status", codelist: "BudgetStatus"),
        ],
        children: [.one(periodStart), .one(periodEnd), .one(value)])

    /// `planned-disbursement`: the end of its period is optional.
    public static let plannedDisbursement = ElementSpec(
        "planned-disbursement",
        attributes: [.optional("type", codelist: "BudgetType")],
        children: [
            .one(periodStart),
            .optional(periodEnd),
            .one(value),
            .optional(providerOrg),
            .optional(receiverOrg),
        ])

    /// `capital-spend`.
    public static let capitalSpend = ElementSpec(
        "capital-spend", attributes: [.required("percentage", .decimal)])

    /// `transaction`.
    public static let transaction = ElementSpec(
        "transaction",
        attributes: [
            .optional("ref"),
            .optional("humanitarian", .boolean),
        ],
        children: [
            .one(SpecShape.code("transaction-type", codelist: "TransactionType")),
            .one(SpecShape.date("transaction-date")),
            .one(value),
            .optional(description),
            .optional(providerOrg),
            .optional(receiverOrg),
            .optional(SpecShape.code("disbursement-channel", codelist: "DisbursementChannel")),
            .zeroOrMore(transactionSector),
            .optional(recipientCountryCode),
            .optional(transactionRecipientRegion),
            .optional(SpecShape.code("flow-type", codelist: "FlowType")),
            .optional(SpecShape.code("finance-type", codelist: "FinanceType")),
            .zeroOrMore(aidType(named: "aid-type")),
            .optional(SpecShape.code("tied-status", codelist: "TiedStatus")),
        ])

    // MARK: - Documents, relations, conditions

    /// `document-link`: a web document about the activity, result, indicator or result
    /// value (the schema's result-level type extends the activity one without change).
    public static let documentLink = ElementSpec(
        "document-link",
        attributes: documentLinkAttributes,
        children: documentLinkChildren)

    /// The attributes every `document-link` has.
    static let documentLinkAttributes: [AttributeSpec] = [
        .required("url", .anyURI),
        .required("format", codelist: "FileFormat"),
    ]

    /// The children every `document-link` starts with (the organisation standard adds
    /// recipient countries).
    static let documentLinkChildren: [ChildSpec] = [
        .one(title),
        .optional(description),
        .oneOrMore(documentCategory),
        .zeroOrMore(documentLanguage),
        .optional(SpecShape.date("document-date")),
    ]

    /// `document-link/category`.
    public static let documentCategory = SpecShape.code("category", codelist: "DocumentCategory")
    /// `document-link/language`.
    public static let documentLanguage = SpecShape.code("language", codelist: "Language")

    /// `related-activity`: no foreign attributes.
    public static let relatedActivity = ElementSpec(
        "related-activity",
        attributes: [
            .required("ref"),
            .required("type", codelist: "RelatedActivityType"),
        ],
        extensionAttributes: false)

    /// `legacy-data`: a field of the publisher's own system; no foreign attributes.
    public static let legacyData = ElementSpec(
        "legacy-data",
        attributes: [
            .required("name"),
            .required("value"),
            .optional("iati-equivalent", .nmtoken),
        ],
        extensionAttributes: false)

    /// `conditions`: whether the activity has conditions attached, and which.
    public static let conditions = ElementSpec(
        "conditions",
        attributes: [.required("attached", .boolean)],
        children: [.zeroOrMore(condition)])

    /// `conditions/condition`: no foreign attributes.
    public static let condition = ElementSpec(
        "condition",
        attributes: [.required("type", codelist: "ConditionType")],
        children: [.oneOrMore(narrative)],
        extensionAttributes: false)

    // MARK: - Results

    /// `result`.
    public static let result = ElementSpec(
        "result",
        attributes: [
            .required("type", codelist: "ResultType"),
            .optional("aggregation-status", .boolean),
        ],
        children: [
            .one(title),
            .optional(description),
            .zeroOrMore(documentLink),
            .zeroOrMore(resultReference),
            .oneOrMore(indicator),
        ])

    /// `result/reference`: a result code in an external vocabulary.
    public static let resultReference = ElementSpec(
        "reference",
        attributes: [
            .required("code"),
            .required("vocabulary", codelist: "ResultVocabulary"),
            .optional("vocabulary-uri", .anyURI),
        ])

    /// `result/indicator`.
    public static let indicator = ElementSpec(
        "indicator",
        attributes: [
            .required("measure", codelist: "IndicatorMeasure"),
            .optional("ascending", .boolean),
            .optional("aggregation-status", .boolean),
        ],
        children: [
            .one(title),
            .optional(description),
            .zeroOrMore(documentLink),
            .zeroOrMore(indicatorReference),
            .zeroOrMore(baseline),
            .zeroOrMore(period),
        ])

    /// `indicator/reference`: an indicator code in an external vocabulary; it has
    /// `indicator-uri` where the result's has `vocabulary-uri`.
    public static let indicatorReference = ElementSpec(
        "reference",
        attributes: [
            .required("vocabulary", codelist: "IndicatorVocabulary"),
            .required("code"),
            .optional("indicator-uri", .anyURI),
        ])

    /// `location` inside a baseline, target or actual: a reference to an activity location.
    public static let resultLocation = ElementSpec("location", attributes: [.optional("ref")])

    /// `dimension`: a disaggregation of a result value.
    public static let dimension = ElementSpec(
        "dimension",
        attributes: [.optional("name"), .optional("value")])

    /// `indicator/baseline`: `comment` comes after the document links here.
    public static let baseline = ElementSpec(
        "baseline",
        attributes: [
            .optional("iso-date", .date),
            .required("year", .positiveInteger),
            .optional("value"),
        ],
        children: [
            .zeroOrMore(resultLocation),
            .zeroOrMore(dimension),
            .zeroOrMore(documentLink),
            .optional(comment),
        ])

    /// `indicator/period`.
    public static let period = ElementSpec(
        "period",
        children: [
            .one(periodStart),
            .one(periodEnd),
            .zeroOrMore(target),
            .zeroOrMore(actual),
        ])

    /// `period/target`: no foreign attributes; `comment` comes before the document links.
    public static let target = resultValue(named: "target")
    /// `period/actual`: the same structure as `target`.
    public static let actual = resultValue(named: "actual")

    /// The shape of `target` and `actual`.
    static func resultValue(named name: String) -> ElementSpec {
        ElementSpec(
            name,
            attributes: [.optional("value")],
            children: [
                .zeroOrMore(resultLocation),
                .zeroOrMore(dimension),
                .optional(comment),
                .zeroOrMore(documentLink),
            ],
            extensionAttributes: false)
    }

    // MARK: - CRS and FSS reporting

    /// `crs-add`: additional data for the OECD Creditor Reporting System.
    public static let crsAdd = ElementSpec(
        "crs-add",
        children: [
            .zeroOrMore(otherFlags),
            .optional(loanTerms),
            .optional(loanStatus),
            .optional(SpecShape.value("channel-code", .string, codelist: "CRSChannelCode")),
        ])

    /// `crs-add/other-flags`.
    public static let otherFlags = ElementSpec(
        "other-flags",
        attributes: [
            .required("code", codelist: "CRSAddOtherFlags"),
            .required("significance", .boolean),
        ])

    /// `crs-add/loan-terms`.
    public static let loanTerms = ElementSpec(
        "loan-terms",
        attributes: [
            .optional("rate-1", .decimal),
            .optional("rate-2", .decimal),
        ],
        children: [
            .optional(SpecShape.code("repayment-type", codelist: "LoanRepaymentType")),
            .optional(SpecShape.code("repayment-plan", codelist: "LoanRepaymentPeriod")),
            .optional(SpecShape.date("commitment-date")),
            .optional(SpecShape.date("repayment-first-date")),
            .optional(SpecShape.date("repayment-final-date")),
        ])

    /// `crs-add/loan-status`: amounts outstanding in a year (the schema types `year` as a
    /// decimal).
    public static let loanStatus = ElementSpec(
        "loan-status",
        attributes: [
            .required("year", .decimal),
            .optional("currency", codelist: "Currency"),
            .required("value-date", .date),
        ],
        children: [
            .optional(SpecShape.value("interest-received", .decimal)),
            .optional(SpecShape.value("principal-outstanding", .decimal)),
            .optional(SpecShape.value("principal-arrears", .decimal)),
            .optional(SpecShape.value("interest-arrears", .decimal)),
        ])

    /// `fss`: the OECD Forward Spending Survey.
    public static let fss = ElementSpec(
        "fss",
        attributes: [
            .required("extraction-date", .date),
            .optional("priority", .boolean),
            .optional("phaseout-year", .decimal),
        ],
        children: [.zeroOrMore(forecast)])

    /// `fss/forecast`: an amount for a year; unlike `value`, its value date is optional.
    public static let forecast = ElementSpec(
        "forecast",
        content: .decimal,
        attributes: [
            .required("year", .decimal),
            .optional("currency", codelist: "Currency"),
            .optional("value-date", .date),
        ],
        extensionElements: false)
}
