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
            let conversions = converter.conversions(currency: value?.currency, date: valueDate)
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
            let geography = ownPlace ? Geography(transaction: transaction, activity: activity) : activitySplits.geography
            for vocabulary in vocabularies(own: ownSectors) {
                let planned: ActivitySplits.Planned
                if ownPlace || !ownSectors.isEmpty {
                    let sectors =
                        ownSectors.isEmpty
                        ? activitySplits.sectors(vocabulary)
                        : SectorChoice(vocabulary: vocabulary, own: ownSectors, activitySectors: activitySplits.activitySectors)
                    planned = ActivitySplits.Planned(SplitPlan(places: geography, sectors: sectors))
                } else {
                    planned = activitySplits.plan(vocabulary)
                }
                try addSplits(
                    note: planned.plan.note, fractions: planned.shares, amount: value?.amount, conversions: conversions, to: splits
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
            let conversions = converter.conversions(currency: value?.currency, date: valueDate)
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
            let note = quarters.note.map { note in [note, planned.plan.note].compactMap { $0 }.joined(separator: "; ") } ?? planned.plan.note
            // One row per quarter × place × sector (quarter by quarter), its share the
            // quarter's × the split's.
            let rowsPerQuarter = planned.shares.count
            var fractions: [FixedDecimal] = []
            fractions.reserveCapacity(pieces.count * rowsPerQuarter)
            for piece in pieces {
                let quarterShare = piece?.fraction
                for share in planned.shares { fractions.append(quarterShare.map { Shares.product(share, $0) } ?? share) }
            }
            try addSplits(note: note, fractions: fractions, amount: value?.amount, conversions: conversions, to: splits) { split in
                splits.append(key)
                splits.append(split + 1)
                splits.append(quarterCells[split / rowsPerQuarter])
                splits.append(amountCells)
                planned.appendPlace(ofRow: split % rowsPerQuarter, to: splits)
            }
        }
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
    private func addSplits(
        note: String?, fractions: [FixedDecimal], amount: Decimal?, conversions: [CurrencyConverter.Converted?],
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
        for split in fractions.indices {
            leading(split)
            splits.append(fractions[split])
            values.append(split, to: splits)
            for currency in converted {
                currency.values.append(split, to: splits)
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
            let conversions = converter.conversions(currency: value?.currency, date: valueDate)
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

/// The parts of one amount split by fractions (see ``IATI/ExactShares``): in 128-bit fixed
/// point, or as `Decimal`s for an amount too large for it; none when there is no amount.
private enum SplitValues {
    case fixed([FixedDecimal])
    case decimal([Decimal])
    case noAmount

    init(total: Decimal?, fractions: [FixedDecimal]) {
        guard let total else {
            self = .noAmount
            return
        }
        if let parts = ExactShares.allocate(total, fractions: fractions) {
            self = .fixed(parts)
        } else {
            self = .decimal(ExactShares.allocate(total, fractions: fractions.map(\.decimal)))
        }
    }

    /// Appends the part of row `split`.
    func append(_ split: Int, to builder: RowBuilder) {
        switch self {
        case .fixed(let parts): builder.append(parts[split])
        case .decimal(let parts): builder.append(.decimal(parts[split]))
        case .noAmount: builder.append(.empty)
        }
    }
}
