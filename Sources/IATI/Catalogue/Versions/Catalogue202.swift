/// The IATI 2.02 activity and organisation standards, as the changes 2.03 made undone
/// (`iati-activities-schema.xsd` and `iati-organisations-schema.xsd` of 2.02 compared with
/// those of 2.03).
///
/// 2.03 added: `tag`; `budget-not-provided`; repeatable `default-aid-type` and
/// `transaction/aid-type`, each with a `vocabulary`; `document-link/description`;
/// `participating-org/@crs-channel-code`; document links and references on results; document
/// links on indicators, baselines, targets and actuals; repeatable baselines, targets and
/// actuals; `indicator/@aggregation-status`; baseline `location`, `dimension` and `@iso-date`.
/// It also made the `value` of baselines, targets and actuals optional.
enum Catalogue202 {
    private typealias A = ActivityCatalogue
    private typealias O = OrganisationCatalogue

    // MARK: - Activity

    static let defaultAidType = A.defaultAidType.removingAttributes("vocabulary")
    static let transactionAidType = ActivityCatalogue.aidType(named: "aid-type").removingAttributes("vocabulary")
    static let documentLink = A.documentLink.removingChildren("description")
    static let participatingOrg = A.participatingOrg.removingAttributes("crs-channel-code")

    static let baseline = A.baseline
        .removingAttributes("iso-date")
        .requiringAttribute("value")
        .removingChildren("location", "dimension", "document-link")
    static let target = A.target.removingChildren("document-link").requiringAttribute("value")
    static let actual = A.actual.removingChildren("document-link").requiringAttribute("value")
    static let period = A.period
        .revisingChild("target") { $0.holding(target).atMostOnce }
        .revisingChild("actual") { $0.holding(actual).atMostOnce }
    static let indicator = A.indicator
        .removingAttributes("aggregation-status")
        .removingChildren("document-link")
        .revisingChild("baseline") { $0.holding(baseline).atMostOnce }
        .replacingChild("period", with: period)
    static let result = A.result
        .removingChildren("document-link", "reference")
        .replacingChild("indicator", with: indicator)
    static let transaction = A.transaction
        .revisingChild("aid-type") { $0.holding(transactionAidType).atMostOnce }

    static let activity = A.activity
        .removingAttributes("budget-not-provided")
        .removingChildren("tag")
        .replacingChild("participating-org", with: participatingOrg)
        .revisingChild("default-aid-type") { $0.holding(defaultAidType).atMostOnce }
        .replacingChild("transaction", with: transaction)
        .replacingChild("document-link", with: documentLink)
        .replacingChild("result", with: result)

    /// `iati-activities` in 2.02.
    static let activityRoot = A.root.replacingChild("iati-activity", with: activity)

    // MARK: - Organisation

    /// In 2.02 the organisation's document link has no description, and foreign elements
    /// come after its recipient countries (2.03 puts them before).
    static let organisationDocumentLink = O.documentLink.removingChildren("description")
    static let organisation = O.organisation.replacingChild("document-link", with: organisationDocumentLink)

    /// `iati-organisations` in 2.02.
    static let organisationRoot = O.root.replacingChild("iati-organisation", with: organisation)
}
