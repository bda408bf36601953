import Foundation
import IATI

extension ActivityRows {
    func addTransactions(to sink: some RowSink) throws {
        let wantsRows = sink.wants("transactions")
        let wantsSplits = sink.wants("transaction_splits")
        guard wantsRows || wantsSplits else { return }
        for (offset, transaction) in activity.transactions.enumerated() {
            let index = Cell.integer(offset + 1)
            let value = transaction.value
            // The value date converts the amount; the transaction date when there is none.
            let valueDate = value?.valueDate ?? transaction.date
            let conversions = converter.conversions(currency: value?.currency, date: valueDate)
            if wantsRows {
                try sink.add("transactions", transactionFields(transaction, index: index, valueDate: valueDate, conversions: conversions))
            }
            guard wantsSplits else { continue }
            let key: [Cell] = [identifier, position, index]
            let head: [Cell] = [
                .optional(transaction.ref), .optional(transaction.type), .optional(transaction.date), .optional(valueDate),
                amount(value), .optional(value?.currency),
            ]
            let ownPlace = transaction.recipientCountry != nil || transaction.recipientRegion != nil
            let geography = ownPlace ? Geography(transaction: transaction, activity: activity) : activityGeography
            for vocabulary in vocabularies(transaction: transaction) {
                let sectors =
                    transaction.sectors.isEmpty
                    ? activitySectors[vocabulary] : SectorChoice(vocabulary: vocabulary, transaction: transaction, activity: activity)
                let plan = SplitPlan(places: geography, sectors: sectors ?? SectorChoice(vocabulary: vocabulary, transaction: nil, activity: activity))
                try addSplits(
                    "transaction_splits", plan: plan, fractions: plan.rows.map(\.share), amount: value?.amount, conversions: conversions,
                    to: sink
                ) { split, cells in
                    cells.append(contentsOf: key)
                    cells.append(.integer(split + 1))
                    cells.append(contentsOf: head)
                }
            }
        }
    }

    private func transactionFields(
        _ transaction: Transaction, index: Cell, valueDate: IATIDate?, conversions: [CurrencyConverter.Converted?]
    ) -> [FieldValue] {
        let value = transaction.value
        let aid = activity.aidTypes(of: transaction).first { $0.effectiveVocabulary == "1" }
        return [
            .cell(identifier), .cell(position), .cell(index), .cell(.optional(transaction.ref)), .cell(.optional(transaction.type)),
            .cell(.optional(transaction.date)), .cell(.optional(valueDate)), .cell(amount(value)), .cell(.optional(value?.currency)),
            converter.cells(value?.amount, with: conversions),
            .cell(transaction.isHumanitarian.map(Cell.boolean) ?? .empty),
            .cell(.optional(transaction.provider?.ref)), .cell(.optional(transaction.provider?.type)),
            .cell(.optional(transaction.provider?.activityID)), .narratives(transaction.provider?.narratives ?? []),
            .cell(.optional(transaction.receiver?.ref)), .cell(.optional(transaction.receiver?.type)),
            .cell(.optional(transaction.receiver?.activityID)), .narratives(transaction.receiver?.narratives ?? []),
            .narratives(transaction.description), .cell(.optional(transaction.disbursementChannel)),
            .cell(.optional(activity.flowType(of: transaction))), .cell(.optional(activity.financeType(of: transaction))),
            .cell(.optional(aid?.code)), .cell(.optional(activity.tiedStatus(of: transaction))),
        ]
    }

    /// The sector vocabularies to split by: those asked for, else the default one.
    private func vocabularies(transaction: Transaction?) -> [String] {
        sectorVocabularies.isEmpty ? [SectorChoice.defaultVocabulary(transaction: transaction, activity: activity)] : sectorVocabularies
    }

    func addBudgets(to sink: some RowSink) throws {
        let wantsRows = sink.wants("budgets")
        let wantsSplits = sink.wants("budget_splits")
        guard wantsRows || wantsSplits else { return }
        let replaced = replacedBudgets()
        let geography = activityGeography
        for (offset, budget) in activity.budgets.enumerated() {
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
            guard wantsSplits, !replaced.contains(offset) else { continue }
            try addBudgetSplits(budget, index: index, valueDate: valueDate, conversions: conversions, geography: geography, to: sink)
        }
    }

    private func addBudgetSplits(
        _ budget: Budget, index: Cell, valueDate: IATIDate?, conversions: [CurrencyConverter.Converted?], geography: Geography,
        to sink: some RowSink
    ) throws {
        let quarters = BudgetQuarters(start: budget.periodStart, end: budget.periodEnd)
        let pieces: [BudgetQuarters.Piece?] = quarters.pieces.isEmpty ? [nil] : quarters.pieces
        let tail: [Cell] = [.optional(valueDate), amount(budget.value), .optional(budget.value?.currency)]
        let pieceCells: [[Cell]] = pieces.map { piece in
            [
                piece.map { .integer($0.year) } ?? .empty, piece.map { .integer($0.quarter) } ?? .empty, .optional(piece?.start),
                .optional(piece?.end), piece.map { .integer($0.days) } ?? .empty,
            ]
        }
        for vocabulary in vocabularies(transaction: nil) {
            var plan = SplitPlan(
                places: geography, sectors: activitySectors[vocabulary] ?? SectorChoice(vocabulary: vocabulary, transaction: nil, activity: activity))
            if let note = quarters.note { plan.note = [note, plan.note].compactMap { $0 }.joined(separator: "; ") }
            // One row per quarter × place × sector, its share the quarter's × the split's.
            let pieceOfRow = pieces.indices.flatMap { piece in plan.rows.map { _ in piece } }
            let fractions = pieces.flatMap { piece in plan.rows.map { ($0.share * (piece?.fraction ?? 1)).rounded(scale: Shares.places) } }
            var repeated = plan
            repeated.rows = pieces.flatMap { _ in plan.rows }
            try addSplits(
                "budget_splits", plan: repeated, fractions: fractions, amount: budget.value?.amount, conversions: conversions, to: sink
            ) { split, cells in
                cells.append(contentsOf: [identifier, position, index, .integer(split + 1), .optional(budget.type)])
                cells.append(contentsOf: pieceCells[pieceOfRow[split]])
                cells.append(contentsOf: tail)
            }
        }
    }

    /// The positions of original budgets that a revised budget of the same period replaces.
    private func replacedBudgets() -> Set<Int> {
        func period(_ budget: Budget) -> String { "\(budget.periodStart?.isoString ?? "")/\(budget.periodEnd?.isoString ?? "")" }
        let revised = Set(activity.budgets.filter { $0.type == "2" }.map(period))
        return Set(activity.budgets.indices.filter { activity.budgets[$0].type != "2" && revised.contains(period(activity.budgets[$0])) })
    }

    /// Adds one split's rows: `head(split, &row)` puts each row's leading cells; the amount
    /// and each converted amount are shared by `fractions` exactly. Rows are made as cells
    /// directly: the split tables are by far the largest.
    private func addSplits(
        _ table: String, plan: SplitPlan, fractions: [Decimal], amount: Decimal?, conversions: [CurrencyConverter.Converted?],
        to sink: some RowSink, head: (Int, inout [Cell]) -> Void
    ) throws {
        let values = amount.map { ExactShares.allocate($0, fractions: fractions) }
        let converted: [(parts: [Decimal], conversion: CurrencyConverter.Converted)?] = conversions.map { conversion in
            guard let conversion, let amount else { return nil }
            return (ExactShares.allocate(CurrencyConverter.convert(amount, conversion), fractions: fractions), conversion)
        }
        let note = Cell.optional(plan.note)
        var cells: [Cell] = []
        cells.reserveCapacity(32)
        for (split, row) in plan.rows.enumerated() {
            cells.removeAll(keepingCapacity: true)
            head(split, &cells)
            cells.append(contentsOf: [
                .optional(row.place.country), .optional(row.place.regionVocabulary), .optional(row.place.region), .text(row.geographyLevel),
                .text(row.sectorVocabulary), .optional(row.sector), .text(row.sectorLevel), .decimal(fractions[split]),
                values.map { .decimal($0[split]) } ?? .empty,
            ])
            for currency in converted {
                if let currency {
                    cells.append(.decimal(currency.parts[split]))
                    cells.append(contentsOf: currency.conversion.rateCells)
                } else {
                    cells.append(contentsOf: [.empty, .empty, .empty])
                }
            }
            cells.append(note)
            try sink.add(table, cells: cells)
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
