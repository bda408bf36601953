/// The IATI 2.01 activity and organisation standards, as the changes 2.02 made undone
/// (the 2.01 XSDs compared with those of 2.02).
///
/// 2.02 added: `humanitarian-scope` and the `humanitarian` flags; `budget/@status` and the
/// organisation budgets' `status`; `crs-add/channel-code`; `document-link/document-date`;
/// `participating-org/@activity-id`; provider and receiver organisations on planned
/// disbursements and the `type` of transaction organisations; `vocabulary-uri` on sectors,
/// regions and policy markers; indicator references; `location` and `dimension` on targets
/// and actuals; the organisation's `recipient-region-budget` and `total-expenditure`. It also
/// made `policy-marker/@significance` optional.
enum Catalogue201 {
    private typealias A = Catalogue202
    private typealias B = ActivityCatalogue
    private typealias O = OrganisationCatalogue

    // MARK: - Activity

    static let budget = B.budget.removingAttributes("status")
    static let crsAdd = B.crsAdd.removingChildren("channel-code")
    static let documentLink = A.documentLink.removingChildren("document-date")
    static let participatingOrg = A.participatingOrg.removingAttributes("activity-id")
    static let plannedDisbursement = B.plannedDisbursement.removingChildren("provider-org", "receiver-org")
    static let policyMarker = B.policyMarker.removingAttributes("vocabulary-uri").requiringAttribute("significance")
    static let recipientRegion = B.recipientRegion.removingAttributes("vocabulary-uri")
    static let sector = B.sector.removingAttributes("vocabulary-uri")

    static let target = A.target.removingChildren("location", "dimension")
    static let actual = A.actual.removingChildren("location", "dimension")
    static let period = A.period.replacingChild("target", with: target).replacingChild("actual", with: actual)
    static let indicator = A.indicator.removingChildren("reference").replacingChild("period", with: period)
    static let result = A.result.replacingChild("indicator", with: indicator)

    static let providerOrg = B.providerOrg.removingAttributes("type")
    static let receiverOrg = B.receiverOrg.removingAttributes("type")
    static let transactionSector = B.transactionSector.removingAttributes("vocabulary-uri")
    static let transactionRecipientRegion = B.transactionRecipientRegion.removingAttributes("vocabulary-uri")
    static let transaction = A.transaction
        .removingAttributes("humanitarian")
        .replacingChild("provider-org", with: providerOrg)
        .replacingChild("receiver-org", with: receiverOrg)
        .replacingChild("sector", with: transactionSector)
        .replacingChild("recipient-region", with: transactionRecipientRegion)

    static let activity = A.activity
        .removingAttributes("humanitarian")
        .removingChildren("humanitarian-scope")
        .replacingChild("participating-org", with: participatingOrg)
        .replacingChild("recipient-region", with: recipientRegion)
        .replacingChild("sector", with: sector)
        .replacingChild("policy-marker", with: policyMarker)
        .replacingChild("budget", with: budget)
        .replacingChild("planned-disbursement", with: plannedDisbursement)
        .replacingChild("transaction", with: transaction)
        .replacingChild("document-link", with: documentLink)
        .replacingChild("result", with: result)
        .replacingChild("crs-add", with: crsAdd)

    /// `iati-activities` in 2.01.
    static let activityRoot = B.root.replacingChild("iati-activity", with: activity)

    // MARK: - Organisation

    static let totalBudget = O.totalBudget.removingAttributes("status")
    static let recipientOrgBudget = O.recipientOrgBudget.removingAttributes("status")
    static let recipientCountryBudget = O.recipientCountryBudget.removingAttributes("status")
    static let organisationDocumentLink = A.organisationDocumentLink.removingChildren("document-date")
    static let organisation = A.organisation
        .removingChildren("recipient-region-budget", "total-expenditure")
        .replacingChild("total-budget", with: totalBudget)
        .replacingChild("recipient-org-budget", with: recipientOrgBudget)
        .replacingChild("recipient-country-budget", with: recipientCountryBudget)
        .replacingChild("document-link", with: organisationDocumentLink)

    /// `iati-organisations` in 2.01.
    static let organisationRoot = O.root.replacingChild("iati-organisation", with: organisation)
}
