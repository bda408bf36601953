/// The IATI 2.03 organisation standard (`iati-organisations-schema.xsd` with
/// `iati-common.xsd`) as data.
///
/// Elements whose structure is the same as in the activity standard are the
/// ``ActivityCatalogue`` instances (`narrative`, `reporting-org`, `value`, `period-start`, …).
public enum OrganisationCatalogue {

    // MARK: - Document

    /// `iati-organisations`, the root of an organisation file.
    public static let root = ElementSpec(
        "iati-organisations",
        attributes: [
            .required("version", codelist: "Version"),
            .optional("generated-datetime", .dateTime),
        ],
        children: [.oneOrMore(organisation, jsonKey: "organisations")])

    /// `iati-organisation`: one organisation.
    public static let organisation = ElementSpec(
        "iati-organisation",
        attributes: [
            .optional("last-updated-datetime", .dateTime),
            .lang,
            .optional("default-currency", codelist: "Currency"),
        ],
        children: [
            .one(organisationIdentifier),
            .one(ActivityCatalogue.name),
            .one(ActivityCatalogue.reportingOrg),
            .zeroOrMore(totalBudget),
            .zeroOrMore(recipientOrgBudget),
            .zeroOrMore(recipientRegionBudget),
            .zeroOrMore(recipientCountryBudget),
            .zeroOrMore(totalExpenditure),
            .zeroOrMore(documentLink),
        ])

    // MARK: - Identification

    /// `organisation-identifier`. The schema declares it without a type (so `xsd:anyType`:
    /// any attributes, any content); the standard means an identifier string, and the
    /// catalogue describes it as text that also tolerates foreign attributes and elements.
    public static let organisationIdentifier = ElementSpec("organisation-identifier", content: .string)

    // MARK: - Budgets

    /// `budget-line`: a line of a budget, with its own value.
    public static let budgetLine = spendingLine(named: "budget-line")

    /// The shape of `budget-line` and `expense-line`.
    static func spendingLine(named name: String) -> ElementSpec {
        ElementSpec(
            name,
            attributes: [.optional("ref")],
            children: [.one(ActivityCatalogue.value), .oneOrMore(ActivityCatalogue.narrative)])
    }

    /// `total-budget`: the organisation's whole budget for a period.
    public static let totalBudget = budget(named: "total-budget")

    /// `recipient-org-budget`: the budget for one recipient organisation.
    public static let recipientOrgBudget = budget(named: "recipient-org-budget", recipient: recipientOrg)

    /// `recipient-region-budget`: the budget for one recipient region.
    public static let recipientRegionBudget = budget(named: "recipient-region-budget", recipient: recipientRegion)

    /// `recipient-country-budget`: the budget for one recipient country.
    public static let recipientCountryBudget = budget(
        named: "recipient-country-budget", recipient: ActivityCatalogue.recipientCountryCode)

    /// The shape of the four budgets: an optional recipient, the period, the value, the lines.
    static func budget(named name: String, recipient: ElementSpec? = nil) -> ElementSpec {
        ElementSpec(
            name,
            attributes: [.optional("status", codelist: "BudgetStatus")],
            children: (recipient.map { [ChildSpec.one($0)] } ?? []) + [
                .one(ActivityCatalogue.periodStart),
                .one(ActivityCatalogue.periodEnd),
                .one(ActivityCatalogue.value),
                .zeroOrMore(budgetLine),
            ])
    }

    /// `recipient-org-budget/recipient-org`: at least one narrative; no foreign attributes.
    public static let recipientOrg = ElementSpec(
        "recipient-org",
        attributes: [.optional("ref")],
        children: [.oneOrMore(ActivityCatalogue.narrative)],
        extensionAttributes: false)

    /// `recipient-region-budget/recipient-region`: unlike the activity's, its `code` is
    /// optional and it has no percentage.
    public static let recipientRegion = ElementSpec(
        "recipient-region",
        attributes: [
            .optional("vocabulary", codelist: "RegionVocabulary"),
            .optional("vocabulary-uri", .anyURI),
            .optional("code", codelist: "Region"),
        ],
        children: [.zeroOrMore(ActivityCatalogue.narrative)])

    // MARK: - Expenditure

    /// `total-expenditure`: what the organisation spent in a period.
    public static let totalExpenditure = ElementSpec(
        "total-expenditure",
        children: [
            .one(ActivityCatalogue.periodStart),
            .one(ActivityCatalogue.periodEnd),
            .one(ActivityCatalogue.value),
            .zeroOrMore(spendingLine(named: "expense-line")),
        ])

    // MARK: - Documents

    /// `iati-organisation/document-link`: the activity's document link plus the countries
    /// the document is about.
    public static let documentLink = ElementSpec(
        "document-link",
        attributes: ActivityCatalogue.documentLinkAttributes,
        children: ActivityCatalogue.documentLinkChildren + [.zeroOrMore(ActivityCatalogue.recipientCountryCode)])
}
