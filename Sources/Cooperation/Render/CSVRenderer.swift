import Foundation

extension CooperationOutputs {
    /// The outputs as CSV tables (RFC 4180, UTF-8, header row, CRLF line ends), by file name
    /// (``writeOutputs(_:options:)`` starts each file with a UTF-8 byte order mark):
    /// `funding.csv`, `converted.csv`, `contributions.csv`, `indicators.csv`, `partners.csv`,
    /// `locations.csv`, `unallocated.csv`, `unallocated-totals.csv`, `unconverted.csv`,
    /// `reconciliation.csv`, `inputs.csv` (every input with its SHA-256 and whether it is
    /// counted), `duplicates.csv` (one row per version of an activity read more than once). Money rows are rolled up like the other outputs: a priority's
    /// rows include its outcomes'; use `level` to pick one level.
    public func csvTables() -> [(name: String, text: String)] {
        var funding = CSVTable(["level", "code", "measure", "year", "currency", "amount"])
        var converted = CSVTable(["level", "code", "measure", "year", "currency", "amount", "unconverted_count"])
        var contributions = CSVTable([
            "level", "code", "target", "activity", "title", "reporting_org", "share", "scope_share", "rules", "tier", "confidence",
            "ambiguous", "measure", "currency", "amount", "file",
        ])
        var indicators = CSVTable([
            "level", "code", "framework_indicator", "activity", "result", "indicator", "measure", "ascending", "baseline_year",
            "baseline_value", "period_start", "period_end", "target", "actual", "progress_percent",
        ])
        var partners = CSVTable(["level", "code", "role", "ref", "name", "activities"])
        var locations = CSVTable(["level", "code", "kind", "location_code", "name", "point", "activities"])
        for node in priorities.flatMap({ [$0] + $0.allDescendants }) {
            let prefix = [node.level.rawValue, node.code]
            for total in node.funding {
                funding.add(prefix + [total.measure, total.year.map(String.init) ?? "", total.currency, "\(total.amount)"])
            }
            for total in node.converted {
                converted.add(prefix + [total.measure, total.year.map(String.init) ?? "", run.targetCurrency ?? "", "\(total.amount)", String(node.unconvertedCount)])
            }
            for item in node.contributions {
                let common = prefix + [
                    item.target, item.activity, item.title ?? "", item.reportingOrg ?? "", "\(item.share)", "\(item.scopeShare)",
                    item.rules.joined(separator: " "), item.tier.name, item.confidence.rawValue, item.isAmbiguous ? "true" : "false",
                ]
                if item.amounts.isEmpty { contributions.add(common + ["", "", "", item.file]) }
                for amount in item.amounts {
                    contributions.add(common + [amount.measure, amount.currency, "\(amount.amount)", item.file])
                }
            }
            let linked = node.indicators.flatMap { item in item.reported.map { (item.indicator.code, $0) } }
            for (framework, indicator) in linked + node.activityIndicators.map({ ("", $0) }) {
                let common = prefix + [
                    framework, indicator.activity, indicator.resultTitle ?? "", indicator.title ?? "", indicator.measure ?? "",
                    indicator.ascending ? "true" : "false", indicator.baselineYear ?? "", indicator.baselineValue ?? "",
                ]
                if indicator.periods.isEmpty { indicators.add(common + ["", "", "", "", ""]) }
                for period in indicator.periods {
                    indicators.add(common + [
                        period.start ?? "", period.end ?? "", period.target ?? "", period.actual ?? "",
                        period.progress.map { "\($0)" } ?? "",
                    ])
                }
            }
            for partner in node.partners {
                partners.add(prefix + [partner.role, partner.ref ?? "", partner.name ?? "", String(partner.activities)])
            }
            for location in node.locations {
                locations.add(prefix + [location.kind, location.code ?? "", location.name ?? "", location.point ?? "", String(location.activities)])
            }
        }
        var unallocatedTable = CSVTable([
            "activity", "title", "status", "reason", "candidates", "unallocated_share", "measure", "currency", "amount", "file", "line",
        ])
        for entry in unallocated {
            let common = [
                entry.activity, entry.title ?? "", entry.status.rawValue, entry.reason, entry.candidates.joined(separator: " "),
                "\(entry.unallocatedShare)",
            ]
            if entry.amounts.isEmpty { unallocatedTable.add(common + ["", "", "", entry.file, String(entry.line)]) }
            for amount in entry.amounts {
                unallocatedTable.add(common + [amount.measure, amount.currency, "\(amount.amount)", entry.file, String(entry.line)])
            }
        }
        var totals = CSVTable(["reason", "measure", "year", "currency", "amount"])
        for total in unallocatedTotals {
            totals.add([total.reason, total.measure, total.year.map(String.init) ?? "", total.currency, "\(total.amount)"])
        }
        var unconvertedTable = CSVTable(["activity", "target", "measure", "currency", "amount", "value_date", "line", "reason"])
        for amount in unconverted {
            unconvertedTable.add([
                amount.activity, amount.target, amount.measure, amount.currency, "\(amount.amount)", amount.valueDate ?? "",
                String(amount.line), amount.reason,
            ])
        }
        var balance = CSVTable(["measure", "currency", "input", "allocated", "unallocated", "balances"])
        for row in reconciliation {
            balance.add([row.measure, row.currency, "\(row.input)", "\(row.allocated)", "\(row.unallocated)", row.balances ? "true" : "false"])
        }
        var inputsTable = CSVTable(["file", "sha256", "activities", "counted"])
        for input in run.inputs {
            inputsTable.add([input.name, input.sha256 ?? "", String(input.activities), input.counted ? "true" : "false"])
        }
        var duplicatesTable = CSVTable(["activity", "file", "line", "last_updated", "kept"])
        for duplicate in duplicates {
            for version in duplicate.versions {
                duplicatesTable.add([duplicate.activity, version.file, String(version.line), version.lastUpdated ?? "", version.kept ? "true" : "false"])
            }
        }
        return [
            ("funding.csv", funding.text), ("converted.csv", converted.text), ("contributions.csv", contributions.text),
            ("indicators.csv", indicators.text), ("partners.csv", partners.text), ("locations.csv", locations.text),
            ("unallocated.csv", unallocatedTable.text), ("unallocated-totals.csv", totals.text),
            ("unconverted.csv", unconvertedTable.text), ("reconciliation.csv", balance.text),
            ("inputs.csv", inputsTable.text), ("duplicates.csv", duplicatesTable.text),
        ]
    }
}

extension NodeOutputs {
    /// All nodes below, depth first.
    public var allDescendants: [NodeOutputs] {
        children.flatMap { [$0] + $0.allDescendants }
    }
}

/// One CSV table being built.
struct CSVTable {
    /// U+FEFF, written first in every CSV file: Excel on Windows then reads UTF-8, not the
    /// local code page. ``CooperationOutputs/csvTables()`` gives the tables without it.
    static let byteOrderMark = "\u{FEFF}"

    private(set) var text: String

    init(_ header: [String]) {
        text = ""
        add(header)
    }

    mutating func add(_ fields: [String]) {
        text += fields.map(Self.quote).joined(separator: ",") + "\r\n"
    }

    /// Quotes a field when it holds a comma, a quote or a line break; a leading `=`, `+`,
    /// `-` or `@` of text (not a number) is prefixed with `'` so spreadsheets do not run it.
    static func quote(_ field: String) -> String {
        var field = field
        if let first = field.first, "=+-@".contains(first), DecimalValueText.isNumber(field) == false {
            field = "'" + field
        }
        if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }
}

/// Whether a field is a plain number.
enum DecimalValueText {
    static func isNumber(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        return !body.isEmpty && body.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && body.filter { $0 == "." }.count <= 1
    }
}
