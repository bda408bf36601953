import Foundation
public import IATI
public import Tables

/// One table of the outputs with typed cells: the CSV folder writes each cell as text, the
/// workbook as a number, a date, a boolean or text (see ``CooperationOutputs/tables(language:)``).
public struct OutputTable: Sendable, Hashable {
    /// The CSV file's name without `.csv` (the same in every language).
    public var file: String
    /// The name shown: the file name in English, a Vietnamese sheet name in Vietnamese.
    public var title: String
    /// Headers in the report's language.
    public var columns: [Column]
    public private(set) var rows: [[Cell]] = []

    mutating func add(_ row: [Cell]) { rows.append(row) }
}

/// How a workbook shows amounts: thousands grouped, two decimals (the currency is a column).
let amountFormat = "#,##0.00"

extension CooperationOutputs {
    /// The outputs as tables, headers in `language`: `funding`, `converted`, `totals`
    /// (grand totals of all priorities per measure and currency, and in the target currency),
    /// `contributions`, `indicators`, `partners`, `locations`, `unallocated`,
    /// `unallocated-totals`, `conversions` (every converted amount with its rate and rate
    /// date), `unconverted`, `reconciliation`, `inputs` (every input with its SHA-256 and
    /// whether it is counted), `duplicates` (one row per version of an activity read more than
    /// once). Money rows are rolled up: a priority's rows include its outcomes'; use `level`
    /// to pick one level.
    public func tables(language: ReportLanguage) -> [OutputTable] {
        var builder = TableBuilder(outputs: self, labels: Labels(language: language))
        return builder.build()
    }
}

/// Fills the tables of ``CooperationOutputs/tables(language:)``.
private struct TableBuilder {
    let outputs: CooperationOutputs
    let labels: Labels
    private var tables: [String: OutputTable] = [:]
    private var order: [String] = []

    init(outputs: CooperationOutputs, labels: Labels) {
        self.outputs = outputs
        self.labels = labels
    }

    mutating func build() -> [OutputTable] {
        table("funding", [("level", .code), ("code", .code), ("measure", .code), ("year", .integer), ("currency", .code), ("amount", .decimal)])
        table("converted", [
            ("level", .code), ("code", .code), ("measure", .code), ("year", .integer), ("currency", .code), ("amount", .decimal),
            ("unconverted_count", .integer),
        ])
        table("totals", [("measure", .code), ("currency", .code), ("amount", .decimal), ("converted", .boolean)])
        table("contributions", [
            ("level", .code), ("code", .code), ("target", .code), ("activity", .code), ("title", .text), ("reporting_org", .code),
            ("share", .decimal), ("scope_share", .decimal), ("rules", .text), ("tier", .code), ("confidence", .code),
            ("ambiguous", .boolean), ("measure", .code), ("currency", .code), ("amount", .decimal), ("file", .text),
        ])
        table("indicators", [
            ("level", .code), ("code", .code), ("framework_indicator", .code), ("activity", .code), ("result", .text),
            ("indicator", .text), ("measure", .code), ("ascending", .boolean), ("baseline_year", .code), ("baseline_value", .decimal),
            ("period_start", .date), ("period_end", .date), ("target", .decimal), ("actual", .decimal), ("progress_percent", .decimal),
        ])
        table("partners", [("level", .code), ("code", .code), ("role", .code), ("ref", .code), ("name", .text), ("activities", .integer)])
        table("locations", [
            ("level", .code), ("code", .code), ("kind", .code), ("location_code", .code), ("name", .text), ("point", .text),
            ("activities", .integer),
        ])
        table("unallocated", [
            ("activity", .code), ("title", .text), ("status", .code), ("reason", .text), ("candidates", .text),
            ("unallocated_share", .decimal), ("measure", .code), ("currency", .code), ("amount", .decimal), ("file", .text), ("line", .integer),
        ])
        table("unallocated-totals", [("reason", .code), ("measure", .code), ("year", .integer), ("currency", .code), ("amount", .decimal)])
        table("conversions", [
            ("activity", .code), ("target", .code), ("measure", .code), ("year", .integer), ("currency", .code), ("amount", .decimal),
            ("rate", .decimal), ("rate_date", .date), ("converted_currency", .code), ("converted_amount", .decimal), ("line", .integer),
        ])
        table("unconverted", [
            ("activity", .code), ("target", .code), ("measure", .code), ("currency", .code), ("amount", .decimal), ("value_date", .date),
            ("line", .integer), ("reason", .text),
        ])
        table("reconciliation", [
            ("measure", .code), ("currency", .code), ("input", .decimal), ("allocated", .decimal), ("unallocated", .decimal),
            ("balances", .boolean),
        ])
        table("inputs", [("file", .text), ("sha256", .code), ("activities", .integer), ("counted", .boolean)])
        table("duplicates", [("activity", .code), ("file", .text), ("line", .integer), ("last_updated", .text), ("kept", .boolean)])
        for node in outputs.priorities.flatMap({ [$0] + $0.allDescendants }) { addNode(node) }
        addTotals()
        addUnallocated()
        addConversions()
        addRun()
        return order.compactMap { tables[$0] }
    }

    /// Declares a table with its columns (keys of ``Labels/header(_:)``); amounts are decimals
    /// a workbook shows with ``amountFormat``.
    private mutating func table(_ file: String, _ columns: [(key: String, type: ColumnType)]) {
        let amounts: Set<String> = ["amount", "input", "allocated", "unallocated", "converted_amount"]
        tables[file] = OutputTable(file: file, title: labels.tableName(file), columns: columns.map { column in
            Column(labels.header(column.key), column.type, column.key, source: "iatix outputs",
                   numberFormat: amounts.contains(column.key) ? amountFormat : nil)
        })
        order.append(file)
    }

    private mutating func add(_ file: String, _ row: [Cell]) { tables[file]?.add(row) }

    private mutating func addNode(_ node: NodeOutputs) {
        let prefix: [Cell] = [.text(node.level.rawValue), .text(node.code)]
        for total in node.funding {
            add("funding", prefix + [.text(total.measure), year(total.year), .text(total.currency), .decimal(total.amount)])
        }
        for total in node.converted {
            add("converted", prefix + [
                .text(total.measure), year(total.year), .optional(outputs.run.targetCurrency), .decimal(total.amount), .integer(node.unconvertedCount),
            ])
        }
        for item in node.contributions {
            let common = prefix + [
                .text(item.target), .text(item.activity), .optional(item.title), .optional(item.reportingOrg), .decimal(item.share),
                .decimal(item.scopeShare), .optional(item.rules.joined(separator: " ")), .text(item.tier.name),
                .text(item.confidence.rawValue), .boolean(item.isAmbiguous),
            ]
            if item.amounts.isEmpty { add("contributions", common + [.empty, .empty, .empty, .text(item.file)]) }
            for amount in item.amounts {
                add("contributions", common + [.text(amount.measure), .text(amount.currency), .decimal(amount.amount), .text(item.file)])
            }
        }
        let linked = node.indicators.flatMap { item in item.reported.map { (item.indicator.code, $0) } }
        for (framework, indicator) in linked + node.activityIndicators.map({ ("", $0) }) {
            let common = prefix + [
                .optional(framework), .text(indicator.activity), .optional(indicator.resultTitle), .optional(indicator.title),
                .optional(indicator.measure), .boolean(indicator.ascending), .optional(indicator.baselineYear), number(indicator.baselineValue),
            ]
            if indicator.periods.isEmpty { add("indicators", common + [.empty, .empty, .empty, .empty, .empty]) }
            for period in indicator.periods {
                add("indicators", common + [
                    date(period.start), date(period.end), number(period.target), number(period.actual), .optional(period.progress),
                ])
            }
        }
        for partner in node.partners {
            add("partners", prefix + [.text(partner.role), .optional(partner.ref), .optional(partner.name), .integer(partner.activities)])
        }
        for location in node.locations {
            add("locations", prefix + [
                .text(location.kind), .optional(location.code), .optional(location.name), .optional(location.point), .integer(location.activities),
            ])
        }
    }

    private mutating func addTotals() {
        for total in outputs.totals {
            add("totals", [.text(total.measure), .text(total.currency), .decimal(total.amount), .boolean(false)])
        }
        for total in outputs.convertedTotals {
            add("totals", [.text(total.measure), .text(total.currency), .decimal(total.amount), .boolean(true)])
        }
    }

    private mutating func addUnallocated() {
        for entry in outputs.unallocated {
            let common: [Cell] = [
                .text(entry.activity), .optional(entry.title), .text(entry.status.rawValue), .text(entry.reason),
                .optional(entry.candidates.joined(separator: " ")), .decimal(entry.unallocatedShare),
            ]
            let end: [Cell] = [.text(entry.file), .integer(entry.line)]
            if entry.amounts.isEmpty { add("unallocated", common + [.empty, .empty, .empty] + end) }
            for amount in entry.amounts {
                add("unallocated", common + [.text(amount.measure), .text(amount.currency), .decimal(amount.amount)] + end)
            }
        }
        for total in outputs.unallocatedTotals {
            add("unallocated-totals", [.text(total.reason), .text(total.measure), year(total.year), .text(total.currency), .decimal(total.amount)])
        }
    }

    private mutating func addConversions() {
        for amount in outputs.conversions {
            add("conversions", [
                .text(amount.activity), .text(amount.target), .text(amount.measure), year(amount.year), .text(amount.currency),
                .decimal(amount.amount), .decimal(amount.rate), date(amount.rateDate), .optional(outputs.run.targetCurrency),
                .decimal(amount.converted), .integer(amount.line),
            ])
        }
        for amount in outputs.unconverted {
            add("unconverted", [
                .text(amount.activity), .text(amount.target), .text(amount.measure), .text(amount.currency), .decimal(amount.amount),
                date(amount.valueDate), .integer(amount.line), .text(amount.reason),
            ])
        }
    }

    private mutating func addRun() {
        for row in outputs.reconciliation {
            add("reconciliation", [
                .text(row.measure), .text(row.currency), .decimal(row.input), .decimal(row.allocated), .decimal(row.unallocated),
                .boolean(row.balances),
            ])
        }
        for input in outputs.run.inputs {
            add("inputs", [.text(input.name), .optional(input.sha256), .integer(input.activities), .boolean(input.counted)])
        }
        for duplicate in outputs.duplicates {
            for version in duplicate.versions {
                add("duplicates", [
                    .text(duplicate.activity), .text(version.file), .integer(version.line), .optional(version.lastUpdated), .boolean(version.kept),
                ])
            }
        }
    }

    private func year(_ year: Int?) -> Cell { year.map { .integer($0) } ?? .empty }

    private func date(_ text: String?) -> Cell { .optional(text.map { IATIDate(text: $0) }) }

    /// A value as written in the data: a number when it is one, else its text.
    private func number(_ text: String?) -> Cell {
        guard let text else { return .empty }
        return DecimalValue(text: text).value.map { .decimal($0) } ?? .optional(text)
    }
}
