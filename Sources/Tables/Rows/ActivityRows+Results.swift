import IATI

extension ActivityRows {
    func addResults(to sink: some RowSink) throws {
        let wantsResults = sink.wants("results")
        let wantsIndicators = sink.wants("indicators")
        let wantsPeriods = sink.wants("periods")
        guard wantsResults || wantsIndicators || wantsPeriods else { return }
        for (resultOffset, result) in activity.results.enumerated() {
            let resultIndex = Cell.integer(resultOffset + 1)
            if wantsResults {
                try sink.add(
                    "results",
                    [
                        .cell(identifier), .cell(position), .cell(resultIndex), .cell(.optional(result.type)),
                        .cell(XSDBoolean.parse(result.aggregationStatus).map(Cell.boolean) ?? .empty),
                        .narratives(result.title), .narratives(result.description),
                    ])
            }
            for (indicatorOffset, indicator) in result.indicators.enumerated() {
                let indicatorIndex = Cell.integer(indicatorOffset + 1)
                if wantsIndicators {
                    let baseline = indicator.baselines.first
                    let baselineValue = baseline?.value?.value
                    try sink.add(
                        "indicators",
                        [
                            .cell(identifier), .cell(position), .cell(resultIndex), .cell(indicatorIndex), .cell(.optional(indicator.measure)),
                            .cell(.boolean(indicator.isAscending)), .narratives(indicator.title), .narratives(indicator.description),
                            .cell(baseline?.year.flatMap { Int($0) }.map(Cell.integer) ?? .optional(baseline?.year)),
                            .cell(.optional(baseline?.isoDate)), .cell(.optional(baselineValue)),
                            .cell(baselineValue == nil ? .optional(baseline?.value?.text) : .empty),
                            .cell(.integer(indicator.baselines.count)),
                        ])
                }
                guard wantsPeriods else { continue }
                for (periodOffset, period) in indicator.periods.enumerated() {
                    let head: [FieldValue] = [
                        .cell(identifier), .cell(position), .cell(resultIndex), .cell(indicatorIndex), .cell(.integer(periodOffset + 1)),
                        .cell(.optional(period.start)), .cell(.optional(period.end)),
                    ]
                    let values = period.targets.map { ("target", $0) } + period.actuals.map { ("actual", $0) }
                    if values.isEmpty {
                        try sink.add("periods", head + [.cell(.integer(0))] + Array(repeating: .cell(.empty), count: 5) + [.narratives([])])
                    }
                    for (valueOffset, (kind, value)) in values.enumerated() {
                        let number = value.value?.value
                        try sink.add(
                            "periods",
                            head + [
                                .cell(.integer(valueOffset + 1)), .cell(.text(kind)), .cell(.optional(number)),
                                .cell(number == nil ? .optional(value.value?.text) : .empty),
                                .cell(.optional(value.dimensions.map { "\($0.name ?? "")=\($0.value ?? "")" }.joined(separator: ";"))),
                                .cell(.optional(value.locations.joined(separator: ";"))), .narratives(value.comment),
                            ])
                    }
                }
            }
        }
    }

    func addDocuments(to sink: some RowSink) throws {
        guard sink.wants("documents") else { return }
        for (offset, document) in activity.documentLinks.enumerated() {
            try sink.add(
                "documents",
                [
                    .cell(identifier), .cell(position), .cell(.integer(offset + 1)), .cell(.optional(document.url)), .cell(.optional(document.format)),
                    .narratives(document.title), .cell(.optional(document.categories.joined(separator: ";"))),
                    .cell(.optional(document.languages.joined(separator: ";"))), .cell(.optional(document.documentDate)),
                ])
        }
    }
}
