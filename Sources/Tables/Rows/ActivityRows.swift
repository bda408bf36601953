import Foundation
import IATI

/// Makes the rows of every table from one activity (decoded from its 2.03 record).
///
/// Each `add…` method makes one table's rows, field by field in the order of its
/// ``TableCatalogue`` definition.
struct ActivityRows {
    let activity: Activity
    /// The activity's identifier and position in the run, on every row.
    let identifier: Cell
    let position: Cell
    let converter: CurrencyConverter
    /// The sector vocabularies splits are made for; empty: the default one per amount.
    let sectorVocabularies: [String]
    /// The split by the activity's own geography and sectors, which every amount without its own shares.
    let activitySplits: ActivitySplits
    /// What the activity's transactions take when they state none of their own.
    let transactionDefaults: TransactionDefaults
    /// The budget quarters' cells laid out so far on this thread.
    let quarterCells: QuarterCells

    init(activity: Activity, position: Int, converter: CurrencyConverter, sectorVocabularies: [String], quarterCells: QuarterCells) {
        self.activity = activity
        self.identifier = .optional(activity.identifier)
        self.position = .integer(position)
        self.converter = converter
        self.sectorVocabularies = sectorVocabularies
        self.quarterCells = quarterCells
        activitySplits = ActivitySplits(activity: activity)
        transactionDefaults = TransactionDefaults(activity)
    }

    /// Adds the rows of the money tables `sink` wants: transactions, budgets, their splits.
    func addMoney(to sink: some RowSink) throws {
        try addTransactions(to: sink)
        try addBudgets(to: sink)
    }

    /// Adds the rows of every table `sink` wants, but `narratives` (made from the record).
    func add(to sink: some RowSink, file: String, version: String?) throws {
        if sink.wants("activities") { try sink.add("activities", activityFields(file: file, version: version)) }
        try addParticipants(to: sink)
        try addClassifications(to: sink)
        try addMoney(to: sink)
        try addPlannedDisbursements(to: sink)
        try addResults(to: sink)
        try addDocuments(to: sink)
    }

    private func activityFields(file: String, version: String?) -> [FieldValue] {
        let a = activity
        let general = a.descriptions.first { $0.type == nil || $0.type == "1" } ?? a.descriptions.first
        let aid = a.defaultAidTypes.first { $0.effectiveVocabulary == "1" } ?? a.defaultAidTypes.first
        let reporting = a.reportingOrg
        return [
            .cell(identifier), .cell(position), .narratives(a.title),
            .cell(a.hierarchyLevel.map(Cell.integer) ?? .optional(a.hierarchy)),
            .cell(.optional(a.lastUpdated?.text)), .cell(.optional(a.language)), .cell(.optional(a.defaultCurrency)),
            .cell(a.isHumanitarian.map(Cell.boolean) ?? .empty),
            .cell(.optional(reporting?.ref)), .cell(.optional(reporting?.type)),
            .narratives(reporting?.narratives ?? []), .narratives(general?.narratives ?? []),
            .cell(.optional(a.status)), .cell(.optional(a.scope)),
            .cell(.optional(a.date(ofType: "1"))), .cell(.optional(a.date(ofType: "2"))),
            .cell(.optional(a.date(ofType: "3"))), .cell(.optional(a.date(ofType: "4"))),
            .cell(.optional(a.collaborationType)), .cell(.optional(a.defaultFlowType)), .cell(.optional(a.defaultFinanceType)),
            .cell(.optional(aid?.code)), .cell(.optional(a.defaultTiedStatus)),
            .cell(.optional(a.recipientCountries.compactMap(\.code).joined(separator: ";"))),
            .cell(.optional(a.recipientRegions.compactMap(\.code).joined(separator: ";"))),
            .cell(.integer(a.transactions.count)), .cell(.integer(a.budgets.count)),
            .cell(.text(file)), .cell(.integer(a.line)), .cell(.optional(version)),
        ]
    }

    private func addParticipants(to sink: some RowSink) throws {
        guard sink.wants("participating_orgs") else { return }
        for (index, org) in activity.participatingOrgs.enumerated() {
            try sink.add(
                "participating_orgs",
                [
                    .cell(identifier), .cell(position), .cell(.integer(index + 1)), .cell(.optional(org.role)), .cell(.optional(org.ref)),
                    .cell(.optional(org.type)), .cell(.optional(org.activityID)), .cell(.optional(org.crsChannelCode)),
                    .narratives(org.narratives),
                ])
        }
    }

    private func addClassifications(to sink: some RowSink) throws {
        if sink.wants("sectors") {
            for (index, sector) in activity.sectors.enumerated() {
                try sink.add(
                    "sectors",
                    [
                        .cell(identifier), .cell(position), .cell(.integer(index + 1)), .cell(.text(sector.effectiveVocabulary)),
                        .cell(.optional(sector.vocabularyURI)), .cell(.optional(sector.code)), percentage(sector.percentage),
                        .narratives(sector.narratives),
                    ])
            }
        }
        if sink.wants("countries") {
            for (index, country) in activity.recipientCountries.enumerated() {
                try sink.add("countries", [.cell(identifier), .cell(position), .cell(.integer(index + 1)), .cell(.optional(country.code)), percentage(country.percentage)])
            }
        }
        if sink.wants("regions") {
            for (index, region) in activity.recipientRegions.enumerated() {
                try sink.add(
                    "regions",
                    [
                        .cell(identifier), .cell(position), .cell(.integer(index + 1)), .cell(.text(region.vocabulary ?? "1")),
                        .cell(.optional(region.code)), percentage(region.percentage),
                    ])
            }
        }
        if sink.wants("locations") {
            for (index, location) in activity.locations.enumerated() {
                let gazetteer = location.identifiers.first
                try sink.add(
                    "locations",
                    [
                        .cell(identifier), .cell(position), .cell(.integer(index + 1)), .cell(.optional(location.ref)), .cell(.optional(location.reach)),
                        .cell(.optional(gazetteer?.vocabulary)), .cell(.optional(gazetteer?.code)), .narratives(location.name),
                        .cell(.optional(location.point?.latitude)), .cell(.optional(location.point?.longitude)),
                        .cell(.optional(location.exactness)), .cell(.optional(location.locationClass)),
                        .cell(.optional(location.featureDesignation)),
                    ])
            }
        }
    }

    /// A percentage as written: a number when it is one, else its text.
    func percentage(_ value: DecimalValue?) -> FieldValue {
        guard let value else { return .cell(.empty) }
        return .cell(value.value.map(Cell.decimal) ?? .text(value.text))
    }

    /// An amount's cell: the exact number, else the text as written.
    func amount(_ value: MonetaryValue?) -> Cell {
        guard let value, !value.text.isEmpty else { return .empty }
        return value.amount.map(Cell.decimal) ?? .text(value.text)
    }
}
