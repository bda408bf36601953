import Foundation
import IATI

extension ActivityRows {
    func addTransactions(to sink: some RowSink) throws {
        let wantsRows = sink.wants("transactions")
        let splits = sink.builder("transaction_splits")
        guard wantsRows || splits != nil else { return }
        for (offset, transaction) in activity.transactions.enumerated() {
            let index = Cell.integer(offset + 1)
            let value = transaction.value
            // The value date converts the amount; the transaction date when there is none.
            let valueDate = value?.valueDate ?? transaction.date
            let conversions = converter.conversions(of: value, date: valueDate)
            if wantsRows {
                try sink.add("transactions", transactionFields(transaction, index: index, value: value, valueDate: valueDate, conversions: conversions))
            }
            guard let splits else { continue }
            // Held here and handed to every row unretained: no reference counting per row.
            let key = Unmanaged.passRetained(RowBuilder.Piece([identifier, position, index]))
            let head = Unmanaged.passRetained(
                RowBuilder.Piece([
                    .optional(transaction.ref), .optional(transaction.type), .optional(transaction.date), .optional(valueDate),
                    amount(value), .optional(value?.currency),
                ]))
            defer {
                key.release()
                head.release()
            }
            let ownPlace = transaction.recipientCountry != nil || transaction.recipientRegion != nil
            let ownSectors = transaction.sectors
            let ownGeography = ownPlace ? Geography(transaction: transaction, activity: activity) : nil
            for vocabulary in vocabularies(own: ownSectors) {
                let planned: ActivitySplits.Planned
                if ownPlace || !ownSectors.isEmpty {
                    let sectors =
                        ownSectors.isEmpty
                        ? activitySplits.sectors(vocabulary)
                        : SectorChoice(vocabulary: vocabulary, own: ownSectors, activitySectors: activitySplits.activitySectors)
                    planned = ActivitySplits.Planned(SplitPlan(places: ownGeography ?? activitySplits.geography, sectors: sectors))
                } else {
                    planned = activitySplits.plan(vocabulary)
                }
                try addSplits(
                    note: Self.splitNote([planned.plan.note], value: value), fractions: planned.shares, amount: value?.amount,
                    conversions: conversions, to: splits
                ) { split in
                    splits.append(key)
                    splits.append(split + 1)
                    splits.append(head)
                    planned.appendPlace(ofRow: split, to: splits)
                }
            }
        }
    }

    private func transactionFields(
        _ transaction: Transaction, index: Cell, value: MonetaryValue?, valueDate: IATIDate?, conversions: [CurrencyConverter.Converted?]
    ) -> [FieldValue] {
        let aid = transactionDefaults.aidTypes(of: transaction).first { $0.effectiveVocabulary == "1" }
        // Each read of `provider` or `receiver` decodes the element again: read once.
        let provider = transaction.provider
        let receiver = transaction.receiver
        return [
            .cell(identifier), .cell(position), .cell(index), .cell(.optional(transaction.ref)), .cell(.optional(transaction.type)),
            .cell(.optional(transaction.date)), .cell(.optional(valueDate)), .cell(amount(value)), .cell(.optional(value?.currency)),
            converter.cells(value?.amount, with: conversions),
            .cell(transaction.isHumanitarian.map(Cell.boolean) ?? .empty),
            .cell(.optional(provider?.ref)), .cell(.optional(provider?.type)),
            .cell(.optional(provider?.activityID)), .narratives(provider?.narratives ?? []),
            .cell(.optional(receiver?.ref)), .cell(.optional(receiver?.type)),
            .cell(.optional(receiver?.activityID)), .narratives(receiver?.narratives ?? []),
            .narratives(transaction.description), .cell(.optional(transaction.disbursementChannel)),
            .cell(.optional(transactionDefaults.flowType(of: transaction))), .cell(.optional(transactionDefaults.financeType(of: transaction))),
            .cell(.optional(aid?.code)), .cell(.optional(transactionDefaults.tiedStatus(of: transaction))),
        ]
    }

    /// The sector vocabularies to split by: those asked for, else the default one of the
    /// sectors in force (`own`, a transaction's, else the activity's).
    private func vocabularies(own: [Sector]) -> [String] {
        guard sectorVocabularies.isEmpty else { return sectorVocabularies }
        return [own.isEmpty ? activitySplits.defaultVocabulary : SectorChoice.defaultVocabulary(of: own)]
    }

    func addBudgets(to sink: some RowSink) throws {
        let wantsRows = sink.wants("budgets")
        let splits = sink.builder("budget_splits")
        guard wantsRows || splits != nil else { return }
        let budgets = activity.budgets
        let replaced = Self.replaced(budgets)
        for (offset, budget) in budgets.enumerated() {
            let index = Cell.integer(offset + 1)
            let value = budget.value
            let valueDate = value?.valueDate ?? budget.periodStart
            let conversions = converter.conversions(of: value, date: valueDate)
            if wantsRows {
                try sink.add(
                    "budgets",
                    [
                        .cell(identifier), .cell(position), .cell(index), .cell(.optional(budget.type)), .cell(.optional(budget.status)),
                        .cell(.optional(budget.periodStart)), .cell(.optional(budget.periodEnd)), .cell(.optional(valueDate)),
                        .cell(amount(value)), .cell(.optional(value?.currency)), converter.cells(value?.amount, with: conversions),
                        .cell(.boolean(replaced.contains(offset))),
                    ])
            }
            guard let splits, !replaced.contains(offset) else { continue }
            let key = Unmanaged.passRetained(RowBuilder.Piece([identifier, position, index]))
            defer { key.release() }
            try addBudgetSplits(budget, key: key, value: value, valueDate: valueDate, conversions: conversions, to: splits)
        }
    }

    private func addBudgetSplits(
        _ budget: Budget, key: Unmanaged<RowBuilder.Piece>, value: MonetaryValue?, valueDate: IATIDate?, conversions: [CurrencyConverter.Converted?],
        to splits: RowBuilder
    ) throws {
        let quarters = BudgetQuarters(start: budget.periodStart, end: budget.periodEnd)
        let type = budget.type
        let pieces: [BudgetQuarters.Piece?] = quarters.pieces.isEmpty ? [nil] : quarters.pieces
        // Each quarter's cells after `split_index`: the budget's type and the quarter (laid out
        // once for every budget with that quarter); then the budget's value date, value and
        // currency, laid out once for all its quarters.
        let quarterCells = pieces.map { Unmanaged.passRetained(self.quarterCells.piece(type: type, quarter: $0)) }
        let amountCells = Unmanaged.passRetained(RowBuilder.Piece([.optional(valueDate), amount(value), .optional(value?.currency)]))
        defer {
            for cells in quarterCells { cells.release() }
            amountCells.release()
        }
        for vocabulary in vocabularies(own: []) {
            let planned = activitySplits.plan(vocabulary)
            let note = Self.splitNote([quarters.note, planned.plan.note], value: value)
            // One row per quarter × place × sector (quarter by quarter), its share the
            // quarter's × the split's: held, but for a period of so many quarters that its
            // rows' shares and parts are made as they are written.
            let rowsPerQuarter = planned.shares.count
            let quarterFractions = QuarterFractions(quarters: pieces.map { $0?.fraction }, plan: planned.shares)
            let leading = { (split: Int) in
                splits.append(key)
                splits.append(split + 1)
                splits.append(quarterCells[split / rowsPerQuarter])
                splits.append(amountCells)
                planned.appendPlace(ofRow: split % rowsPerQuarter, to: splits)
            }
            if quarterFractions.count > QuarterFractions.mostHeld {
                try addSplits(note: note, fractions: quarterFractions, amount: value?.amount, conversions: conversions, to: splits, leading: leading)
            } else {
                let held = (0..<quarterFractions.count).map { quarterFractions[$0] }
                try addSplits(note: note, fractions: held, amount: value?.amount, conversions: conversions, to: splits, leading: leading)
            }
        }
    }

    /// A split's `split_note`: `notes` (those there are, in order), after why its rows have no
    /// `value_split` when the amount is missing or not a number (the `value` cells show the
    /// text as written); `nil` when there is nothing to say.
    static func splitNote(_ notes: [String?], value: MonetaryValue?) -> String? {
        var said = notes.compactMap { $0 }
        if value?.amount == nil {
            let why = value.map { $0.text.isEmpty ? "no value" : "value \"\($0.text)\" is not a number" } ?? "no value"
            said.insert(why + ": value_split left empty", at: 0)
        }
        return said.isEmpty ? nil : said.joined(separator: "; ")
    }

    /// The positions of original budgets that a revised budget of the same period replaces.
    private static func replaced(_ budgets: [Budget]) -> Set<Int> {
        let periods = budgets.map { (revised: $0.type == "2", period: "\($0.periodStart?.isoString ?? "")/\($0.periodEnd?.isoString ?? "")") }
        let revised = Set(periods.filter(\.revised).map(\.period))
        return Set(periods.indices.filter { !periods[$0].revised && revised.contains(periods[$0].period) })
    }

    /// Adds one split's rows, one per fraction: `leading(split)` appends each row's cells up to
    /// its place and sector; then come its share, its part of the amount and of each converted
    /// amount (shared by `fractions` exactly), and the note. The split tables are by far the
    /// largest: their rows are made cell by cell, the cells they share laid out once.
    private func addSplits<Fractions: SplitFractions>(
        note: String?, fractions: Fractions, amount: Decimal?, conversions: [CurrencyConverter.Converted?],
        to splits: RowBuilder, leading: (Int) -> Void
    ) throws {
        let values = SplitValues(total: amount, fractions: fractions)
        // Per currency, the parts of the converted amount and the rate's cells; with no rate,
        // no parts and empty cells. The pieces are held here and handed to every row unretained.
        let converted: [(values: SplitValues, rate: Unmanaged<RowBuilder.Piece>)] = conversions.map { conversion in
            guard let conversion, let amount else { return (.noAmount, Unmanaged.passRetained(RowBuilder.Piece([.empty, .empty]))) }
            return (
                SplitValues(total: CurrencyConverter.convert(amount, conversion), fractions: fractions),
                Unmanaged.passRetained(RowBuilder.Piece(conversion.rateCells))
            )
        }
        let note = Unmanaged.passRetained(RowBuilder.Piece([.optional(note)]))
        defer {
            for currency in converted { currency.rate.release() }
            note.release()
        }
        for split in 0..<fractions.count {
            let fraction = fractions[split]
            leading(split)
            splits.append(fraction)
            values.append(split, fraction: fraction, to: splits)
            for currency in converted {
                currency.values.append(split, fraction: fraction, to: splits)
                splits.append(currency.rate)
            }
            splits.append(note)
            try splits.endRow()
        }
    }

    func addPlannedDisbursements(to sink: some RowSink) throws {
        guard sink.wants("planned_disbursements") else { return }
        for (offset, planned) in activity.plannedDisbursements.enumerated() {
            let value = planned.value
            let valueDate = value?.valueDate ?? planned.periodStart
            let conversions = converter.conversions(of: value, date: valueDate)
            try sink.add(
                "planned_disbursements",
                [
                    .cell(identifier), .cell(position), .cell(.integer(offset + 1)), .cell(.optional(planned.type)), .cell(.optional(planned.periodStart)),
                    .cell(.optional(planned.periodEnd)), .cell(.optional(valueDate)), .cell(amount(value)), .cell(.optional(value?.currency)),
                    converter.cells(value?.amount, with: conversions),
                    .cell(.optional(planned.provider?.ref)), .cell(.optional(planned.receiver?.ref)),
                ])
        }
    }
}

/// The fractions of one split's rows, by row: held in an array, or made as they are asked
/// for (``QuarterFractions``).
private protocol SplitFractions {
    var count: Int { get }
    subscript(row: Int) -> FixedDecimal { get }
    /// `total` split by these fractions.
    func parts(of total: Decimal) -> SplitValues
}

extension [FixedDecimal]: SplitFractions {
    fileprivate func parts(of total: Decimal) -> SplitValues {
        ExactShares.allocate(total, fractions: self).map(SplitValues.fixed) ?? .decimal(total, self)
    }
}

/// A budget's rows' fractions, quarter by quarter: the quarter's share × each of the plan's
/// (a period not cut in quarters: the plan's). Made as they are asked for where there are so
/// many quarters that the rows are not held: a budget from year 1 to 9999 has 40,000.
private struct QuarterFractions: SplitFractions {
    /// Rows whose fractions and parts are held at most (32 bytes each, and as much per amount).
    static let mostHeld = 1 << 16

    let quarters: [FixedDecimal?]
    let plan: [FixedDecimal]

    var count: Int { quarters.count * plan.count }

    subscript(row: Int) -> FixedDecimal {
        let share = plan[row % plan.count]
        return quarters[row / plan.count].map { Shares.product(share, $0) } ?? share
    }

    func parts(of total: Decimal) -> SplitValues {
        ExactShares.allocation(total, count: count) { self[$0] }.map(SplitValues.allocated) ?? .decimal(total, self)
    }
}

/// The parts of one amount split by fractions (see ``IATI/ExactShares``): in 128-bit fixed
/// point, held or made row by row, or as `Decimal`s for an amount too large for it; none when
/// there is no amount.
private enum SplitValues {
    case fixed([FixedDecimal])
    case allocated(ExactShares.Allocation)
    case decimal([Decimal])
    case noAmount

    init(total: Decimal?, fractions: some SplitFractions) {
        self = total.map(fractions.parts) ?? .noAmount
    }

    /// The `Decimal` road, for an amount too large for fixed point.
    static func decimal(_ total: Decimal, _ fractions: some SplitFractions) -> SplitValues {
        .decimal(ExactShares.allocate(total, fractions: (0..<fractions.count).map { fractions[$0].decimal }))
    }

    /// Appends the part of row `split`, whose fraction is `fraction`.
    func append(_ split: Int, fraction: FixedDecimal, to builder: RowBuilder) {
        switch self {
        case .fixed(let parts): builder.append(parts[split])
        case .allocated(let allocation): builder.append(allocation.part(split, fraction: fraction))
        case .decimal(let parts): builder.append(.decimal(parts[split]))
        case .noAmount: builder.append(.empty)
        }
    }
}
