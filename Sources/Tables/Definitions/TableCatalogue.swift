/// Every flat table `iatix flatten` writes and `iatix load` creates, in the order written:
/// the one description of their columns that the writers, `docs/tables.md` and the JSON
/// description (`schemas/tables.json`) are made from.
///
/// Every table has `iati_identifier` and `activity_index` (the activity's position in the run,
/// unique even where identifiers repeat or are missing); a row of a repeated element has the
/// element's 1-based position among its siblings (`transaction_index`, …), which with
/// `activity_index` is its key.
public enum TableCatalogue {
    public static let all: [TableDefinition] = [
        activities, participatingOrgs, sectors, countries, regions, locations,
        transactions, transactionSplits, budgets, budgetSplits, plannedDisbursements,
        results, indicators, periods, documents, narratives,
    ]

    /// The table named `name`.
    public static func table(_ name: String) -> TableDefinition? { all.first { $0.name == name } }

    private typealias Field = TableDefinition.Field

    private static func column(_ name: String, _ type: ColumnType, _ meaning: String, _ source: String) -> Field {
        .column(Column(name, type, meaning, source: source))
    }

    private static let identifier = column("iati_identifier", .code, "the activity's identifier", "iati-identifier")

    private static let activityIndex = column(
        "activity_index", .integer, "position of the activity among all those read in the run (from 1): with the file, the key when identifiers repeat or are missing", "derived")

    private static func index(_ name: String, _ element: String) -> Field {
        column("\(name)_index", .integer, "position of the \(element) among the activity's (from 1)", element)
    }

    private static let activities = TableDefinition(
        name: "activities", meaning: "one row per activity", key: ["activity_index"], parent: nil,
        fields: [
            identifier, activityIndex,
            .narrative(name: "title", meaning: "title", source: "title/narrative"),
            column("hierarchy", .integer, "level in the publisher's hierarchy (1 when absent)", "@hierarchy"),
            column("last_updated_datetime", .text, "when the publisher last changed the activity", "@last-updated-datetime"),
            column("default_language", .code, "language of narratives that state none", "@xml:lang, else iati-activities/@xml:lang"),
            column("default_currency", .code, "currency of amounts that state none", "@default-currency, else iati-activities/@default-currency"),
            column("humanitarian", .boolean, "humanitarian activity", "@humanitarian"),
            column("reporting_org_ref", .code, "reporting organisation's identifier", "reporting-org/@ref"),
            column("reporting_org_type", .code, "OrganisationType code", "reporting-org/@type"),
            .narrative(name: "reporting_org_name", meaning: "reporting organisation's name", source: "reporting-org/narrative"),
            .narrative(name: "description", meaning: "general description (type 1, else the first)", source: "description/narrative"),
            column("activity_status", .code, "ActivityStatus code", "activity-status/@code"),
            column("activity_scope", .code, "ActivityScope code", "activity-scope/@code"),
            column("planned_start", .date, "planned start date", "activity-date[@type=1]/@iso-date"),
            column("actual_start", .date, "actual start date", "activity-date[@type=2]/@iso-date"),
            column("planned_end", .date, "planned end date", "activity-date[@type=3]/@iso-date"),
            column("actual_end", .date, "actual end date", "activity-date[@type=4]/@iso-date"),
            column("collaboration_type", .code, "CollaborationType code", "collaboration-type/@code"),
            column("default_flow_type", .code, "FlowType code", "default-flow-type/@code"),
            column("default_finance_type", .code, "FinanceType code", "default-finance-type/@code"),
            column("default_aid_type", .code, "AidType code (vocabulary 1, else the first)", "default-aid-type/@code"),
            column("default_tied_status", .code, "TiedStatus code", "default-tied-status/@code"),
            column("recipient_countries", .code, "recipient country codes, separated by ';'", "recipient-country/@code"),
            column("recipient_regions", .code, "recipient region codes, separated by ';'", "recipient-region/@code"),
            column("transactions", .integer, "number of transactions", "transaction"),
            column("budgets", .integer, "number of budgets", "budget"),
            column("file", .text, "the input file (and archive member) the activity was read from", "input"),
            column("line", .integer, "line of the activity in the input", "iati-activity"),
            column("version", .code, "IATI version of the input file; rows are made from its 2.03 upgrade", "iati-activities/@version"),
        ])

    private static let participatingOrgs = TableDefinition(
        name: "participating_orgs", meaning: "one row per participating organisation", key: ["activity_index", "participating_org_index"],
        parent: "activities",
        fields: [
            identifier, activityIndex, index("participating_org", "participating-org"),
            column("role", .code, "OrganisationRole code: 1 funding, 2 accountable, 3 extending, 4 implementing", "participating-org/@role"),
            column("ref", .code, "organisation identifier", "participating-org/@ref"),
            column("type", .code, "OrganisationType code", "participating-org/@type"),
            column("activity_id", .code, "the organisation's own activity identifier", "participating-org/@activity-id"),
            column("crs_channel_code", .code, "CRSChannelCode", "participating-org/@crs-channel-code"),
            .narrative(name: "name", meaning: "organisation name", source: "participating-org/narrative"),
        ])

    private static let sectors = TableDefinition(
        name: "sectors", meaning: "one row per activity-level sector", key: ["activity_index", "sector_index"], parent: "activities",
        fields: [
            identifier, activityIndex, index("sector", "sector"),
            column("vocabulary", .code, "SectorVocabulary code (1 when absent: OECD DAC 5-digit)", "sector/@vocabulary"),
            column("vocabulary_uri", .text, "URI of a publisher's vocabulary (99, 98)", "sector/@vocabulary-uri"),
            column("code", .code, "sector code", "sector/@code"),
            column("percentage", .decimal, "share of the activity, as written", "sector/@percentage"),
            .narrative(name: "name", meaning: "sector name given by the publisher", source: "sector/narrative"),
        ])

    private static let countries = TableDefinition(
        name: "countries", meaning: "one row per activity-level recipient country", key: ["activity_index", "country_index"],
        parent: "activities",
        fields: [
            identifier, activityIndex, index("country", "recipient-country"),
            column("code", .code, "ISO 3166-1 alpha-2 code", "recipient-country/@code"),
            column("percentage", .decimal, "share of the activity, as written", "recipient-country/@percentage"),
        ])

    private static let regions = TableDefinition(
        name: "regions", meaning: "one row per activity-level recipient region", key: ["activity_index", "region_index"],
        parent: "activities",
        fields: [
            identifier, activityIndex, index("region", "recipient-region"),
            column("vocabulary", .code, "RegionVocabulary code (1 when absent: OECD DAC)", "recipient-region/@vocabulary"),
            column("code", .code, "region code", "recipient-region/@code"),
            column("percentage", .decimal, "share of the activity, as written", "recipient-region/@percentage"),
        ])

    private static let locations = TableDefinition(
        name: "locations", meaning: "one row per location", key: ["activity_index", "location_index"], parent: "activities",
        fields: [
            identifier, activityIndex, index("location", "location"),
            column("ref", .code, "the publisher's reference", "location/@ref"),
            column("reach", .code, "GeographicLocationReach code", "location/location-reach/@code"),
            column("gazetteer_vocabulary", .code, "GeographicVocabulary of the first location-id", "location/location-id/@vocabulary"),
            column("gazetteer_code", .code, "code of the first location-id", "location/location-id/@code"),
            .narrative(name: "name", meaning: "location name", source: "location/name/narrative"),
            column("latitude", .decimal, "latitude (WGS 84)", "location/point/pos"),
            column("longitude", .decimal, "longitude (WGS 84)", "location/point/pos"),
            column("exactness", .code, "GeographicExactness code", "location/exactness/@code"),
            column("location_class", .code, "GeographicLocationClass code", "location/location-class/@code"),
            column("feature_designation", .code, "LocationType code", "location/feature-designation/@code"),
        ])

    private static let transactions = TableDefinition(
        name: "transactions", meaning: "one row per transaction", key: ["activity_index", "transaction_index"], parent: "activities",
        fields: [
            identifier, activityIndex, index("transaction", "transaction"),
            column("transaction_ref", .code, "the publisher's reference", "transaction/@ref"),
            column("transaction_type", .code, "TransactionType code: 1 incoming funds, 2 commitment, 3 disbursement, 4 expenditure, …", "transaction/transaction-type/@code"),
            column("transaction_date", .date, "date of the transaction", "transaction/transaction-date/@iso-date"),
            column("value_date", .date, "date whose rate converts the value (the transaction date when absent)", "transaction/value/@value-date"),
            column("value", .decimal, "amount, exact as written", "transaction/value"),
            column("currency", .code, "ISO 4217 code: the value's, else the activity's or file's default", "transaction/value/@currency"),
            .converted(amount: "value"),
            column("humanitarian", .boolean, "humanitarian transaction", "transaction/@humanitarian"),
            column("provider_org_ref", .code, "provider's identifier", "transaction/provider-org/@ref"),
            column("provider_org_type", .code, "OrganisationType code", "transaction/provider-org/@type"),
            column("provider_activity_id", .code, "provider's activity", "transaction/provider-org/@provider-activity-id"),
            .narrative(name: "provider_org_name", meaning: "provider's name", source: "transaction/provider-org/narrative"),
            column("receiver_org_ref", .code, "receiver's identifier", "transaction/receiver-org/@ref"),
            column("receiver_org_type", .code, "OrganisationType code", "transaction/receiver-org/@type"),
            column("receiver_activity_id", .code, "receiver's activity", "transaction/receiver-org/@receiver-activity-id"),
            .narrative(name: "receiver_org_name", meaning: "receiver's name", source: "transaction/receiver-org/narrative"),
            .narrative(name: "description", meaning: "description", source: "transaction/description/narrative"),
            column("disbursement_channel", .code, "DisbursementChannel code", "transaction/disbursement-channel/@code"),
            column("flow_type", .code, "FlowType code: the transaction's, else the activity default", "transaction/flow-type/@code"),
            column("finance_type", .code, "FinanceType code: the transaction's, else the activity default", "transaction/finance-type/@code"),
            column("aid_type", .code, "AidType code (vocabulary 1): the transaction's, else the activity default", "transaction/aid-type/@code"),
            column("tied_status", .code, "TiedStatus code: the transaction's, else the activity default", "transaction/tied-status/@code"),
        ])

    /// The columns every split table shares after its own key.
    private static let splitFields: [Field] = [
        column("country_code", .code, "recipient country, empty when the money goes to a region or none is given", "recipient-country/@code"),
        column("region_vocabulary", .code, "RegionVocabulary of region_code", "recipient-region/@vocabulary"),
        column("region_code", .code, "recipient region, empty for a country", "recipient-region/@code"),
        column("geography_level", .code, "where the country or region came from: transaction, activity or none", "derived"),
        column("sector_vocabulary", .code, "SectorVocabulary of the split (one vocabulary per row set)", "sector/@vocabulary"),
        column("sector_code", .code, "sector code, empty when the activity gives none in this vocabulary", "sector/@code"),
        column("sector_level", .code, "where the sector came from: transaction, activity or none", "derived"),
        column("share", .decimal, "fraction of the amount in this row: country or region share × sector share, to 16 decimal places (exact where the percentages have few decimals; a third is 0.3333333333333333, so a split's shares may miss 1 in the last places)", "percentages ÷ 100, rescaled to add up to 1"),
        column("value_split", .decimal, "amount × share, rounded to the amount's decimal places (at least 2); the row with the largest share takes the rounding remainder, so a split's rows add up exactly (for an amount of 15 digits or more before the point, a row may differ from the exact proportion by the share's rounding × the amount)", "derived"),
        .converted(amount: "value_split"),
        column("split_note", .text, "why the shares are not the percentages as written (missing, rescaled, equal shares) or why the rows have no value_split (a value missing or not a number), else empty", "derived"),
    ]

    private static let transactionSplits = TableDefinition(
        name: "transaction_splits",
        meaning: "each transaction split by recipient country or region × sector, one set of rows per sector vocabulary",
        key: ["activity_index", "transaction_index", "sector_vocabulary", "split_index"], parent: "transactions",
        fields: [
            identifier, activityIndex, index("transaction", "transaction"),
            column("split_index", .integer, "position of the row within the transaction and sector vocabulary (from 1)", "derived"),
            column("transaction_ref", .code, "the publisher's reference", "transaction/@ref"),
            column("transaction_type", .code, "TransactionType code", "transaction/transaction-type/@code"),
            column("transaction_date", .date, "date of the transaction", "transaction/transaction-date/@iso-date"),
            column("value_date", .date, "date whose rate converts the value", "transaction/value/@value-date"),
            column("value", .decimal, "the whole transaction's amount", "transaction/value"),
            column("currency", .code, "ISO 4217 code", "transaction/value/@currency"),
        ] + splitFields)

    private static let budgets = TableDefinition(
        name: "budgets", meaning: "one row per budget", key: ["activity_index", "budget_index"], parent: "activities",
        fields: [
            identifier, activityIndex, index("budget", "budget"),
            column("budget_type", .code, "BudgetType code: 1 original, 2 revised", "budget/@type"),
            column("status", .code, "BudgetStatus code: 1 indicative, 2 committed", "budget/@status"),
            column("period_start", .date, "start of the budget period", "budget/period-start/@iso-date"),
            column("period_end", .date, "end of the budget period", "budget/period-end/@iso-date"),
            column("value_date", .date, "date whose rate converts the value", "budget/value/@value-date"),
            column("value", .decimal, "amount, exact as written", "budget/value"),
            column("currency", .code, "ISO 4217 code", "budget/value/@currency"),
            .converted(amount: "value"),
            column("replaced", .boolean, "an original budget replaced by a revised budget of the same period (left out of budget_splits)", "derived"),
        ])

    private static let budgetSplits = TableDefinition(
        name: "budget_splits",
        meaning: "each budget split by calendar quarter (by day count), then by recipient country or region × sector",
        key: ["activity_index", "budget_index", "sector_vocabulary", "split_index"], parent: "budgets",
        fields: [
            identifier, activityIndex, index("budget", "budget"),
            column("split_index", .integer, "position of the row within the budget and sector vocabulary (from 1)", "derived"),
            column("budget_type", .code, "BudgetType code", "budget/@type"),
            column("year", .integer, "calendar year of the quarter", "derived"),
            column("quarter", .integer, "calendar quarter, 1–4", "derived"),
            column("quarter_start", .date, "first day of the budget within the quarter", "derived"),
            column("quarter_end", .date, "last day of the budget within the quarter", "derived"),
            column("days", .integer, "days of the budget period in the quarter", "derived"),
            column("value_date", .date, "date whose rate converts the value", "budget/value/@value-date"),
            column("value", .decimal, "the whole budget's amount", "budget/value"),
            column("currency", .code, "ISO 4217 code", "budget/value/@currency"),
        ] + splitFields)

    private static let plannedDisbursements = TableDefinition(
        name: "planned_disbursements", meaning: "one row per planned disbursement", key: ["activity_index", "planned_disbursement_index"],
        parent: "activities",
        fields: [
            identifier, activityIndex, index("planned_disbursement", "planned-disbursement"),
            column("type", .code, "BudgetType code", "planned-disbursement/@type"),
            column("period_start", .date, "start of the period", "planned-disbursement/period-start/@iso-date"),
            column("period_end", .date, "end of the period", "planned-disbursement/period-end/@iso-date"),
            column("value_date", .date, "date whose rate converts the value", "planned-disbursement/value/@value-date"),
            column("value", .decimal, "amount, exact as written", "planned-disbursement/value"),
            column("currency", .code, "ISO 4217 code", "planned-disbursement/value/@currency"),
            .converted(amount: "value"),
            column("provider_org_ref", .code, "provider's identifier", "planned-disbursement/provider-org/@ref"),
            column("receiver_org_ref", .code, "receiver's identifier", "planned-disbursement/receiver-org/@ref"),
        ])

    private static let results = TableDefinition(
        name: "results", meaning: "one row per result", key: ["activity_index", "result_index"], parent: "activities",
        fields: [
            identifier, activityIndex, index("result", "result"),
            column("type", .code, "ResultType code: 1 output, 2 outcome, 3 impact", "result/@type"),
            column("aggregation_status", .boolean, "suitable for aggregation", "result/@aggregation-status"),
            .narrative(name: "title", meaning: "title", source: "result/title/narrative"),
            .narrative(name: "description", meaning: "description", source: "result/description/narrative"),
        ])

    private static let indicators = TableDefinition(
        name: "indicators", meaning: "one row per result indicator", key: ["activity_index", "result_index", "indicator_index"],
        parent: "results",
        fields: [
            identifier, activityIndex, index("result", "result"),
            column("indicator_index", .integer, "position of the indicator within its result (from 1)", "result/indicator"),
            column("measure", .code, "IndicatorMeasure code: 1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative", "indicator/@measure"),
            column("ascending", .boolean, "whether a higher value is better (true when absent)", "indicator/@ascending"),
            .narrative(name: "title", meaning: "title", source: "indicator/title/narrative"),
            .narrative(name: "description", meaning: "description", source: "indicator/description/narrative"),
            column("baseline_year", .integer, "year of the first baseline", "indicator/baseline/@year"),
            column("baseline_date", .date, "date of the first baseline", "indicator/baseline/@iso-date"),
            column("baseline_value", .decimal, "value of the first baseline", "indicator/baseline/@value"),
            column("baseline_value_text", .text, "the first baseline's value as written when it is not a number", "indicator/baseline/@value"),
            column("baselines", .integer, "number of baselines (the others are in the narratives table only by their comments)", "indicator/baseline"),
        ])

    private static let periods = TableDefinition(
        name: "periods", meaning: "one row per target or actual value of an indicator period (a period with neither: one row)",
        key: ["activity_index", "result_index", "indicator_index", "period_index", "value_index"], parent: "indicators",
        fields: [
            identifier, activityIndex, index("result", "result"),
            column("indicator_index", .integer, "position of the indicator within its result (from 1)", "result/indicator"),
            column("period_index", .integer, "position of the period within its indicator (from 1)", "indicator/period"),
            column("period_start", .date, "start of the period", "period/period-start/@iso-date"),
            column("period_end", .date, "end of the period", "period/period-end/@iso-date"),
            column("value_index", .integer, "position of the value among the period's targets, then actuals (0 for none)", "derived"),
            column("kind", .code, "target or actual; empty when the period has neither", "period/target, period/actual"),
            column("value", .decimal, "the value", "period/target/@value, period/actual/@value"),
            column("value_text", .text, "the value as written when it is not a number", "period/target/@value, period/actual/@value"),
            column("dimensions", .text, "dimensions, name=value separated by ';'", "period/target/dimension"),
            column("location_refs", .code, "location references, separated by ';'", "period/target/location/@ref"),
            .narrative(name: "comment", meaning: "comment", source: "period/target/comment/narrative"),
        ])

    private static let documents = TableDefinition(
        name: "documents", meaning: "one row per activity-level document link", key: ["activity_index", "document_index"],
        parent: "activities",
        fields: [
            identifier, activityIndex, index("document", "document-link"),
            column("url", .text, "where the document is", "document-link/@url"),
            column("format", .code, "IANA media type", "document-link/@format"),
            .narrative(name: "title", meaning: "title", source: "document-link/title/narrative"),
            column("categories", .code, "DocumentCategory codes, separated by ';'", "document-link/category/@code"),
            column("languages", .code, "languages of the document, separated by ';'", "document-link/language/@code"),
            column("document_date", .date, "date of the document", "document-link/document-date/@iso-date"),
        ])

    private static let narratives = TableDefinition(
        name: "narratives", meaning: "every narrative of every activity, in every language, with its place",
        key: ["activity_index", "path"], parent: "activities",
        fields: [
            identifier, activityIndex,
            column("path", .text, "where the narrative is: element names from the activity with 1-based positions among same-named siblings, e.g. transaction[2]/description[1]/narrative[1]", "derived"),
            column("element", .code, "the element the narrative belongs to", "derived"),
            column("language", .code, "its language: its own xml:lang, else the activity's, else the file's (lowercase); empty when none applies", "narrative/@xml:lang"),
            column("language_stated", .boolean, "whether the narrative states a language of its own, other than the one it inherits (its activity's, else the file's); one that repeats the inherited language counts as not stated, as the canonical form gives every narrative its language", "narrative/@xml:lang"),
            column("text", .text, "the text, whitespace at both ends trimmed", "narrative"),
        ])
}
