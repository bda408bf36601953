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
            let head: [FieldValue] = [
                .cell(.optional(transaction.ref)), .cell(.optional(transaction.type)), .cell(.optional(transaction.date)),
                .cell(.optional(valueDate)), .cell(amount(value)), .cell(.optional(value?.currency)),
            ]
            let geography = Geography(transaction: transaction, activity: activity)
            for vocabulary in vocabularies(transaction: transaction) {
                let plan = SplitPlan(places: geography, sectors: SectorChoice(vocabulary: vocabulary, transaction: transaction, activity: activity))
                try addSplits(
                    "transaction_splits", plan: plan, fractions: plan.rows.map(\.share), amount: value?.amount, conversions: conversions,
                    to: sink
                ) { split in [.cell(identifier), .cell(position), .cell(index), .cell(.integer(split + 1))] + head }
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
        let geography = Geography(transaction: nil, activity: activity)
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
        let tail: [FieldValue] = [.cell(.optional(valueDate)), .cell(amount(budget.value)), .cell(.optional(budget.value?.currency))]
        for vocabulary in vocabularies(transaction: nil) {
            var plan = SplitPlan(places: geography, sectors: SectorChoice(vocabulary: vocabulary, transaction: nil, activity: activity))
            if let note = quarters.note { plan.note = [note, plan.note].compactMap { $0 }.joined(separator: "; ") }
            // One row per quarter × place × sector, its share the quarter's × the split's.
            let cells = pieces.flatMap { piece in plan.rows.map { _ in piece } }
            let fractions = pieces.flatMap { piece in plan.rows.map { $0.share * (piece?.fraction ?? 1) } }
            var repeated = plan
            repeated.rows = pieces.flatMap { _ in plan.rows }
            try addSplits(
                "budget_splits", plan: repeated, fractions: fractions, amount: budget.value?.amount, conversions: conversions, to: sink
            ) { split in
                let piece = cells[split]
                return [
                    .cell(identifier), .cell(position), .cell(index), .cell(.integer(split + 1)), .cell(.optional(budget.type)),
                    .cell(piece.map { .integer($0.year) } ?? .empty), .cell(piece.map { .integer($0.quarter) } ?? .empty),
                    .cell(.optional(piece?.start)), .cell(.optional(piece?.end)), .cell(piece.map { .integer($0.days) } ?? .empty),
                ] + tail
            }
        }
    }

    /// The positions of original budgets that a revised budget of the same period replaces.
    private func replacedBudgets() -> Set<Int> {
        func period(_ budget: Budget) -> String { "\(budget.periodStart?.isoString ?? "")/\(budget.periodEnd?.isoString ?? "")" }
        let revised = Set(activity.budgets.filter { $0.type == "2" }.map(period))
        return Set(activity.budgets.indices.filter { activity.budgets[$0].type != "2" && revised.contains(period(activity.budgets[$0])) })
    }

    /// Adds one split's rows: `head(split)` gives each row's leading fields; the amount and
    /// each converted amount are shared by `fractions` exactly.
    private func addSplits(
        _ table: String, plan: SplitPlan, fractions: [Decimal], amount: Decimal?, conversions: [CurrencyConverter.Converted?],
        to sink: some RowSink, head: (Int) -> [FieldValue]
    ) throws {
        let values = amount.map { ExactShares.allocate($0, fractions: fractions) }
        let converted: [[Decimal]?] = conversions.map { conversion in
            guard let conversion, let amount else { return nil }
            return ExactShares.allocate(CurrencyConverter.convert(amount, conversion), fractions: fractions)
        }
        for (split, row) in plan.rows.enumerated() {
            let currencyCells = zip(conversions, converted).flatMap { conversion, parts -> [Cell] in
                guard let conversion, let parts else { return [.empty, .empty, .empty] }
                return [.decimal(parts[split]), .decimal(conversion.rate.rounded(scale: 12)), .optional(conversion.date)]
            }
            try sink.add(
                table,
                head(split) + [
                    .cell(.optional(row.place.country)), .cell(.optional(row.place.regionVocabulary)), .cell(.optional(row.place.region)),
                    .cell(.text(row.geographyLevel)), .cell(.text(row.sectorVocabulary)), .cell(.optional(row.sector)),
                    .cell(.text(row.sectorLevel)), .cell(.decimal(fractions[split])), .cell(values.map { .decimal($0[split]) } ?? .empty),
                    .converted(currencyCells), .cell(.optional(plan.note)),
                ])
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
