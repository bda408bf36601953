/// The official IATI Validator's identifier and category for each codelist mapping of the
/// standard (`codelists/mapping.xml`): a finding about a code keeps the id publishers know
/// (`9.5.1` for the activity status, `9.76.1` for a DAC sector).
///
/// Facts taken from the validator's rule list (`data-quality-rules.csv`, "Codelist Rules");
/// the messages are this project's own. Where the validator has no rule for a mapping (UNSDG
/// codes under sector vocabularies 7 and 8, earmarking and cash-and-voucher codes of
/// transaction aid types), the rule of the same codelist elsewhere lends its id.
enum CodelistRuleTable {
    struct Entry: Sendable {
        /// The mapping's path, as `mapping.xml` writes it.
        let path: String
        /// The mapping's condition, verbatim; `nil` when it always applies.
        let condition: String?
        let id: String
        let category: Category

        init(_ path: String, _ condition: String?, _ id: String, _ category: Category) {
            self.path = path
            self.condition = condition
            self.id = id
            self.category = category
        }
    }

    /// The rule of a mapping; `nil` when the table does not know it.
    static func rule(path: String, condition: String?) -> Entry? {
        index[Key(path: path, condition: condition)]
    }

    private struct Key: Hashable {
        let path: String
        let condition: String?
    }

    private static let index: [Key: Entry] = Dictionary(
        entries.map { (Key(path: $0.path, condition: $0.condition), $0) }, uniquingKeysWith: { first, _ in first })

    /// Checks the validator makes only for versions before 2.03 (country budget items of
    /// vocabulary 1 against the `BudgetIdentifier` codelist); `mapping.xml` of 2.03 has no
    /// such mapping.
    static let before203: [(path: String, codelist: String, condition: String, entry: Entry)] = [
        (
            "//iati-activity/country-budget-items/budget-item/@code", "BudgetIdentifier", "../@vocabulary = '1'",
            Entry("//iati-activity/country-budget-items/budget-item/@code", "../@vocabulary = '1'", "9.14.1", .classifications)
        )
    ]

    static let entries: [Entry] = [
        Entry("//iati-activities/@version", nil, "9.1.1", .iati),
        Entry("//iati-activity/@budget-not-provided", nil, "9.2.1", .financial),
        Entry("//iati-activity/@default-currency", nil, "9.3.1", .financial),
        Entry("//iati-activity/activity-date/@type", nil, "9.4.1", .information),
        Entry("//iati-activity/activity-status/@code", nil, "9.5.1", .information),
        Entry("//iati-activity/activity-scope/@code", nil, "9.6.1", .information),
        Entry("//iati-activity/budget/@status", nil, "9.7.1", .financial),
        Entry("//iati-activity/budget/@type", nil, "9.8.1", .financial),
        Entry("//iati-activity/budget/value/@currency", nil, "9.9.1", .financial),
        Entry("//iati-activity/collaboration-type/@code", nil, "9.10.1", .classifications),
        Entry("//iati-activity/conditions/condition/@type", nil, "9.11.1", .performance),
        Entry("//iati-activity/contact-info/@type", nil, "9.12.1", .information),
        Entry("//iati-activity/country-budget-items/@vocabulary", nil, "9.13.1", .classifications),
        Entry("//iati-activity/crs-add/channel-code/text()", nil, "9.16.1", .classifications),
        Entry("//iati-activity/crs-add/other-flags/@code", nil, "9.17.1", .classifications),
        Entry("//iati-activity/crs-add/loan-status/@currency", nil, "9.18.1", .classifications),
        Entry("//iati-activity/crs-add/loan-terms/repayment-plan/@code", nil, "9.19.1", .classifications),
        Entry("//iati-activity/crs-add/loan-terms/repayment-type/@code", nil, "9.20.1", .classifications),
        Entry("//iati-activity/default-aid-type/@code", "@vocabulary = '1' or not(@vocabulary)", "9.21.1", .classifications),
        Entry("//iati-activity/default-aid-type/@code", "@vocabulary = '2'", "9.127.1", .iati),
        Entry("//iati-activity/default-aid-type/@code", "@vocabulary = '4'", "9.128.1", .iati),
        Entry("//iati-activity/default-aid-type/@vocabulary", nil, "9.22.1", .classifications),
        Entry("//iati-activity/default-finance-type/@code", nil, "9.23.1", .classifications),
        Entry("//iati-activity/default-flow-type/@code", nil, "9.24.1", .classifications),
        Entry("//iati-activity/default-tied-status/@code", nil, "9.25.1", .classifications),
        Entry("//iati-activity/description/@type", nil, "9.26.1", .information),
        Entry("//iati-activity/document-link/@format", nil, "9.27.1", .documents),
        Entry("//iati-activity/document-link/category/@code", nil, "9.28.1", .documents),
        Entry("//iati-activity/document-link/language/@code", nil, "9.29.1", .documents),
        Entry("//iati-activity/fss/forecast/@currency", nil, "9.30.1", .financial),
        Entry("//iati-activity/humanitarian-scope/@type", nil, "9.31.1", .classifications),
        Entry("//iati-activity/humanitarian-scope/@vocabulary", nil, "9.32.1", .classifications),
        Entry("//iati-activity/location/administrative/@vocabulary", nil, "9.33.1", .geo),
        Entry("//iati-activity/location/administrative/@code", "@vocabulary = 'A4'", "9.117.1", .geo),
        Entry("//iati-activity/location/feature-designation/@code", nil, "9.34.1", .geo),
        Entry("//iati-activity/location/location-class/@code", nil, "9.35.1", .geo),
        Entry("//iati-activity/location/location-id/@vocabulary", nil, "9.36.1", .geo),
        Entry("//iati-activity/location/location-reach/@code", nil, "9.37.1", .geo),
        Entry("//iati-activity/location/exactness/@code", nil, "9.38.1", .geo),
        Entry("//iati-activity/other-identifier/@type", nil, "9.39.1", .identifiers),
        Entry("//iati-activity/participating-org/@crs-channel-code", nil, "9.40.1", .participating),
        Entry("//iati-activity/participating-org/@role", nil, "9.41.1", .participating),
        Entry("//iati-activity/participating-org/@type", nil, "9.42.1", .participating),
        Entry("//iati-activity/planned-disbursement/@type", nil, "9.43.1", .financial),
        Entry("//iati-activity/planned-disbursement/provider-org/@type", nil, "9.44.1", .financial),
        Entry("//iati-activity/planned-disbursement/receiver-org/@type", nil, "9.45.1", .financial),
        Entry("//iati-activity/planned-disbursement/value/@currency", nil, "9.46.1", .financial),
        Entry("//iati-activity/policy-marker/@code", "@vocabulary = '1' or not(@vocabulary)", "9.47.1", .classifications),
        Entry("//iati-activity/policy-marker/@significance", nil, "9.48.1", .classifications),
        Entry("//iati-activity/policy-marker/@vocabulary", nil, "9.49.1", .classifications),
        Entry("//iati-activity/recipient-country/@code", nil, "9.50.1", .geo),
        Entry("//iati-activity/recipient-region/@code", "@vocabulary = '1' or not(@vocabulary)", "9.51.1", .geo),
        Entry("//iati-activity/recipient-region/@vocabulary", nil, "9.52.1", .geo),
        Entry("//iati-activity/related-activity/@type", nil, "9.53.1", .relations),
        Entry("//iati-activity/reporting-org/@type", nil, "9.54.1", .identifiers),
        Entry("//iati-activity/result/@type", nil, "9.55.1", .performance),
        Entry("//iati-activity/result/document-link/@format", nil, "9.57.1", .performance),
        Entry("//iati-activity/result/document-link/category/@code", nil, "9.58.1", .performance),
        Entry("//iati-activity/result/document-link/language/@code", nil, "9.59.1", .performance),
        Entry("//iati-activity/result/indicator/@measure", nil, "9.60.1", .performance),
        Entry("//iati-activity/result/indicator/baseline/document-link/@format", nil, "9.61.1", .performance),
        Entry("//iati-activity/result/indicator/baseline/document-link/category/@code", nil, "9.62.1", .performance),
        Entry("//iati-activity/result/indicator/baseline/document-link/language/@code", nil, "9.63.1", .performance),
        Entry("//iati-activity/result/indicator/document-link/@format", nil, "9.65.1", .performance),
        Entry("//iati-activity/result/indicator/document-link/category/@code", nil, "9.66.1", .performance),
        Entry("//iati-activity/result/indicator/document-link/language/@code", nil, "9.67.1", .performance),
        Entry("//iati-activity/result/indicator/period/actual/document-link/@format", nil, "9.68.1", .performance),
        Entry("//iati-activity/result/indicator/period/actual/document-link/category/@code", nil, "9.69.1", .performance),
        Entry("//iati-activity/result/indicator/period/actual/document-link/language/@code", nil, "9.70.1", .performance),
        Entry("//iati-activity/result/indicator/period/target/document-link/@format", nil, "9.71.1", .performance),
        Entry("//iati-activity/result/indicator/period/target/document-link/category/@code", nil, "9.72.1", .performance),
        Entry("//iati-activity/result/indicator/period/target/document-link/language/@code", nil, "9.73.1", .performance),
        Entry("//iati-activity/result/indicator/reference/@vocabulary", nil, "9.74.1", .performance),
        Entry("//iati-activity/result/reference/@vocabulary", nil, "9.75.1", .performance),
        Entry("//iati-activity/sector/@code", "@vocabulary = '1' or not(@vocabulary)", "9.76.1", .classifications),
        Entry("//iati-activity/sector/@code", "@vocabulary = '2'", "9.77.1", .classifications),
        Entry("//iati-activity/sector/@code", "@vocabulary = '7'", "9.125.1", .iati),
        Entry("//iati-activity/sector/@code", "@vocabulary = '8'", "9.126.1", .iati),
        Entry("//iati-activity/sector/@vocabulary", nil, "9.78.1", .classifications),
        Entry("//iati-activity/tag/@code", "@vocabulary = '2'", "9.125.1", .iati),
        Entry("//iati-activity/tag/@code", "@vocabulary = '3'", "9.126.1", .iati),
        Entry("//iati-activity/tag/@vocabulary", nil, "9.79.1", .classifications),
        Entry("//iati-activity/transaction/aid-type/@code", "@vocabulary = '1' or not(@vocabulary)", "9.80.1", .financial),
        Entry("//iati-activity/transaction/aid-type/@code", "@vocabulary = '2'", "9.127.1", .iati),
        Entry("//iati-activity/transaction/aid-type/@code", "@vocabulary = '4'", "9.128.1", .iati),
        Entry("//iati-activity/transaction/aid-type/@vocabulary", nil, "9.81.1", .financial),
        Entry("//iati-activity/transaction/disbursement-channel/@code", nil, "9.82.1", .financial),
        Entry("//iati-activity/transaction/finance-type/@code", nil, "9.83.1", .financial),
        Entry("//iati-activity/transaction/flow-type/@code", nil, "9.84.1", .financial),
        Entry("//iati-activity/transaction/recipient-country/@code", nil, "9.85.1", .financial),
        Entry("//iati-activity/transaction/recipient-region/@code", "@vocabulary = '1' or not(@vocabulary)", "9.86.1", .financial),
        Entry("//iati-activity/transaction/recipient-region/@vocabulary", nil, "9.87.1", .financial),
        Entry("//iati-activity/transaction/provider-org/@type", nil, "9.88.1", .financial),
        Entry("//iati-activity/transaction/receiver-org/@type", nil, "9.89.1", .financial),
        Entry("//iati-activity/transaction/sector/@code", "@vocabulary = '1' or not(@vocabulary)", "9.90.1", .financial),
        Entry("//iati-activity/transaction/sector/@code", "@vocabulary = '2'", "9.124.1", .financial),
        Entry("//iati-activity/transaction/sector/@code", "@vocabulary = '7'", "9.125.1", .iati),
        Entry("//iati-activity/transaction/sector/@code", "@vocabulary = '8'", "9.126.1", .iati),
        Entry("//iati-activity/transaction/sector/@vocabulary", nil, "9.91.1", .financial),
        Entry("//iati-activity/transaction/tied-status/@code", nil, "9.92.1", .financial),
        Entry("//iati-activity/transaction/transaction-type/@code", nil, "9.93.1", .financial),
        Entry("//iati-activity/transaction/value/@currency", nil, "9.94.1", .financial),
        Entry("//@xml:lang", nil, "9.95.1", .iati),
        Entry("//iati-organisation/@default-currency", nil, "9.96.1", .organisation),
        Entry("//iati-organisations/@version", nil, "9.97.1", .iati),
        Entry("//iati-organisation/document-link/@format", nil, "9.98.1", .documents),
        Entry("//iati-organisation/document-link/category/@code", nil, "9.99.1", .documents),
        Entry("//iati-organisation/document-link/language/@code", nil, "9.100.1", .documents),
        Entry("//iati-organisation/document-link/recipient-country/@code", nil, "9.101.1", .documents),
        Entry("//iati-organisation/recipient-country-budget/@status", nil, "9.102.1", .financial),
        Entry("//iati-organisation/recipient-country-budget/recipient-country/@code", nil, "9.103.1", .financial),
        Entry("//iati-organisation/recipient-country-budget/budget-line/value/@currency", nil, "9.122.1", .financial),
        Entry("//iati-organisation/recipient-country-budget/value/@currency", nil, "9.104.1", .financial),
        Entry("//iati-organisation/recipient-org-budget/@status", nil, "9.105.1", .financial),
        Entry("//iati-organisation/recipient-org-budget/value/@currency", nil, "9.106.1", .financial),
        Entry("//iati-organisation/recipient-org-budget/budget-line/value/@currency", nil, "9.123.1", .financial),
        Entry("//iati-organisation/recipient-region-budget/@status", nil, "9.107.1", .financial),
        Entry("//iati-organisation/recipient-region-budget/recipient-region/@code", "@vocabulary = '1' or not(@vocabulary)", "9.108.1", .financial),
        Entry("//iati-organisation/recipient-region-budget/recipient-region/@vocabulary", nil, "9.109.1", .geo),
        Entry("//iati-organisation/recipient-region-budget/budget-line/value/@currency", nil, "9.110.1", .geo),
        Entry("//iati-organisation/recipient-region-budget/value/@currency", nil, "9.111.1", .geo),
        Entry("//iati-organisation/reporting-org/@type", nil, "9.112.1", .information),
        Entry("//iati-organisation/total-budget/@status", nil, "9.113.1", .financial),
        Entry("//iati-organisation/total-budget/value/@currency", nil, "9.114.1", .financial),
    ]
}
