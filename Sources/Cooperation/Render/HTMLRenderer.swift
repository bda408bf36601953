public import IATI
import Foundation

extension CooperationOutputs {
    /// A self-contained HTML report for programme officers: a summary per priority, funding
    /// per outcome and year as inline SVG charts, results tables, partners, places, and what
    /// could not be mapped or converted. No scripts, no external assets.
    /// - Parameter language: the language of the labels, numbers (`1.600.000`) and dates
    ///   (`31/12/2025`); the framework's names in it; titles and names as the aggregation chose them.
    public func html(language: ReportLanguage = .en) -> String {
        HTMLReport(outputs: self, labels: Labels(language: language)).render()
    }
}

/// Builds the HTML report.
struct HTMLReport {
    let outputs: CooperationOutputs
    let labels: Labels
    private var language: ReportLanguage { labels.language }
    private var converted: Bool { outputs.run.targetCurrency != nil }

    func render() -> String {
        let name = outputs.programme.name.text(language)
        var html = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(labels["title"])): \(HTML.escape(name))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header>
            <p class="kicker">\(HTML.escape(labels["title"]))</p>
            <h1>\(HTML.escape(name))</h1>

            """
        var facts: [String] = []
        if let start = outputs.programme.periodStart, let end = outputs.programme.periodEnd {
            facts.append("\(labels["period"]): \(labels.date(start)) – \(labels.date(end))")
        }
        if let country = outputs.programme.country { facts.append("\(labels["country"]): \(country)") }
        facts.append("\(labels["framework"]): \(outputs.programme.id)")
        html += "<p class=\"facts\">\(facts.map(HTML.escape).joined(separator: " · "))</p>\n"
        html += runFacts()
        let note = outputs.programme.note.text(language)
        if !note.isEmpty { html += "<p class=\"note\">\(HTML.escape(note))</p>\n" }
        html += "</header>\n<main>\n"
        html += inputProblemsSection()
        html += summary()
        html += duplicatesSection()
        for priority in outputs.priorities { html += section(priority, depth: 2) }
        html += unallocatedSection()
        html += conversionsSection()
        html += reconciliationSection()
        html += "</main>\n<footer><p>\(HTML.escape(labels["generated"]))</p></footer>\n</body>\n</html>\n"
        return html
    }

    // MARK: - Summary

    private func summary() -> String {
        var html = "<section id=\"summary\">\n<h2>\(HTML.escape(labels["summary"]))</h2>\n<ul class=\"counts\">\n"
        html += "<li><strong>\(outputs.run.activities)</strong> \(HTML.escape(labels["activities"]))</li>\n"
        for status in ActivityMapping.Status.allCases {
            html += "<li><strong>\(outputs.run.statusCounts[status] ?? 0)</strong> \(HTML.escape(labels[status.rawValue]))</li>\n"
        }
        html += "</ul>\n"
        if outputs.run.invalidAmounts > 0 {
            html += "<p class=\"warn\">\(HTML.escape(labels["invalid-amounts"])): \(outputs.run.invalidAmounts)</p>\n"
        }
        let currencyNote = converted ? "\(labels["converted-to"]) \(outputs.run.targetCurrency ?? "")" : labels["original-currencies"]
        html += "<table>\n<caption>\(HTML.escape(labels["funding"])) (\(HTML.escape(currencyNote)))</caption>\n<thead><tr>"
        html += ["priority", "activities", "budget-series", "commitment-series", "spent-series"].map { "<th>\(HTML.escape(labels[$0]))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for priority in outputs.priorities {
            let activities = Set(priority.contributions.map(\.activity)).count + priority.contributionsOmitted
            html += "<tr><th scope=\"row\"><a href=\"#\(anchor(priority.code))\">\(HTML.escape(priority.code))</a> \(HTML.escape(priority.name.text(language)))</th>"
            html += "<td class=\"num\">\(activities)</td>"
            for measures in [[Measure.budget], ["commitment"], ["disbursement", "expenditure"]] {
                html += "<td class=\"num\">\(amountsCell(priority, measures: measures))</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n<tfoot>\n<tr><th scope=\"row\">\(HTML.escape(labels["grand-total"]))</th>"
        let contributing = Set(outputs.priorities.flatMap { $0.contributions.map(\.activity) }).count
            + outputs.priorities.map(\.contributionsOmitted).reduce(0, +)
        html += "<td class=\"num\">\(contributing)</td>"
        for measures in [[Measure.budget], ["commitment"], ["disbursement", "expenditure"]] {
            html += "<td class=\"num\">\(amountsCell(funding: outputs.totals, converted: outputs.convertedTotals, measures: measures))</td>"
        }
        html += "</tr>\n</tfoot>\n</table>\n"
        html += totalsTable()
        html += inputsList()
        html += "</section>\n"
        return html
    }

    /// Totals of `measures` for a node: converted, or one line per currency.
    private func amountsCell(_ node: NodeOutputs, measures: [String]) -> String {
        amountsCell(
            funding: node.funding.map { MeasureAmount(measure: $0.measure, currency: $0.currency, amount: $0.amount) },
            converted: node.converted.map { MeasureAmount(measure: $0.measure, currency: outputs.run.targetCurrency ?? "", amount: $0.amount) },
            measures: measures)
    }

    /// Totals of `measures` among amounts: the converted ones rounded to units when rates were
    /// given, else one line per currency.
    func amountsCell(funding: [MeasureAmount], converted: [MeasureAmount], measures: [String]) -> String {
        if self.converted {
            let total = converted.filter { measures.contains($0.measure) }.reduce(Decimal(0)) { $0 + $1.amount }
            return HTML.escape(labels.number("\(total.rounded(scale: 0))"))
        }
        var byCurrency: [String: Decimal] = [:]
        for total in funding where measures.contains(total.measure) {
            byCurrency[total.currency, default: 0] += total.amount
        }
        if byCurrency.isEmpty { return "–" }
        return byCurrency.keys.sorted().map { currency in
            "\(HTML.escape(labels.number("\(byCurrency[currency] ?? 0)"))) \(HTML.escape(currency))"
        }.joined(separator: "<br>")
    }

    // MARK: - Nodes

    private func section(_ node: NodeOutputs, depth: Int) -> String {
        let heading = "h\(min(depth, 6))"
        var html = "<section id=\"\(anchor(node.code))\" class=\"\(node.level.rawValue)\">\n"
        html += "<\(heading)><span class=\"code\">\(HTML.escape(labels.level(node.level))) \(HTML.escape(node.code))</span> \(HTML.escape(node.name.text(language)))</\(heading)>\n"
        let description = node.description.text(language)
        if !description.isEmpty { html += "<p>\(HTML.escape(description))</p>\n" }
        if node.level != .output { html += charts(node) }
        html += fundingTable(node)
        html += contributionsTable(node)
        html += indicatorsTables(node)
        if node.level != .output {
            html += partnersTable(node)
            html += locationsTable(node)
        }
        for child in node.children { html += section(child, depth: depth + 1) }
        html += "</section>\n"
        return html
    }

    private func charts(_ node: NodeOutputs) -> String {
        let definitions: [(String, String, [String])] = [
            (labels["budget-series"], "#4c78a8", [Measure.budget]),
            (labels["commitment-series"], "#f58518", ["commitment"]),
            (labels["spent-series"], "#54a24b", ["disbursement", "expenditure"]),
        ]
        var charts: [String] = []
        let title = "\(labels["funding-chart"]): \(node.code)"
        if converted {
            let series = definitions.map { label, colour, measures in
                SVGChart.Series(label: label, colour: colour, values: node.converted.filter { measures.contains($0.measure) }
                    .reduce(into: [Int: Decimal]()) { $0[$1.year ?? Int.min, default: 0] += $1.amount })
            }
            if let svg = SVGChart(title: title, currency: outputs.run.targetCurrency ?? "", series: series, labels: labels).render() {
                charts.append(svg)
            }
        } else {
            let currencies = Set(node.funding.filter { total in definitions.contains { $0.2.contains(total.measure) } }.map(\.currency)).sorted()
            for currency in currencies {
                let series = definitions.map { label, colour, measures in
                    SVGChart.Series(label: label, colour: colour, values: node.funding.filter { measures.contains($0.measure) && $0.currency == currency }
                        .reduce(into: [Int: Decimal]()) { $0[$1.year ?? Int.min, default: 0] += $1.amount })
                }
                if let svg = SVGChart(title: "\(title) (\(currency))", currency: currency, series: series, labels: labels).render() {
                    charts.append(svg)
                }
            }
        }
        guard !charts.isEmpty else { return "" }
        return "<figure class=\"charts\">\n\(charts.joined(separator: "\n"))\n<figcaption>\(HTML.escape(labels["funding-chart"])). \(HTML.escape(labels["chart-note"]))</figcaption>\n</figure>\n"
    }

    private func fundingTable(_ node: NodeOutputs) -> String {
        struct Row: Hashable { var measure: String; var currency: String }
        var cells: [Row: [Int: Decimal]] = [:]
        var years: Set<Int> = []
        if converted {
            for total in node.converted {
                cells[Row(measure: total.measure, currency: outputs.run.targetCurrency ?? ""), default: [:]][total.year ?? Int.min, default: 0] += total.amount
                years.insert(total.year ?? Int.min)
            }
        } else {
            for total in node.funding {
                cells[Row(measure: total.measure, currency: total.currency), default: [:]][total.year ?? Int.min, default: 0] += total.amount
                years.insert(total.year ?? Int.min)
            }
        }
        if cells.isEmpty { return "<p class=\"empty\">\(HTML.escape(labels["none-contribute"]))</p>\n" }
        let sortedYears = years.sorted()
        var html = "<table class=\"funding\">\n<caption>\(HTML.escape(labels["funding"]))"
        if converted { html += " (\(HTML.escape(labels["converted-to"]))) \(HTML.escape(outputs.run.targetCurrency ?? ""))" }
        html += "</caption>\n<thead><tr><th>\(HTML.escape(labels["measure"]))</th><th>\(HTML.escape(labels["currency"]))</th>"
        html += sortedYears.map { "<th class=\"num\">\($0 == Int.min ? HTML.escape(labels["unknown-year"]) : String($0))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        let rows = cells.keys.sorted { (Measure.rank($0.measure), $0.measure, $0.currency) < (Measure.rank($1.measure), $1.measure, $1.currency) }
        for row in rows {
            html += "<tr><th scope=\"row\">\(HTML.escape(labels.measure(row.measure)))</th><td>\(HTML.escape(row.currency))</td>"
            for year in sortedYears {
                let value = cells[row]?[year]
                html += "<td class=\"num\">\(value.map { HTML.escape(labels.number("\(converted ? $0.rounded(scale: 0) : $0)")) } ?? "")</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        if node.unconvertedCount > 0 {
            html += "<p class=\"warn\">\(HTML.escape(labels["unconverted"])): \(node.unconvertedCount) — <a href=\"#unconverted\">↓</a></p>\n"
        }
        return html
    }

    private func contributionsTable(_ node: NodeOutputs) -> String {
        guard !node.contributions.isEmpty else { return "" }
        var html = "<table class=\"contributions\">\n<caption>\(HTML.escape(labels["contributing"]))</caption>\n<thead><tr>"
        html += ["activity", "code", "share", "rule-tier", "rules", "confidence"].map { "<th>\(HTML.escape(labels[$0]))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for item in node.contributions {
            html += "<tr><td><code>\(HTML.escape(item.activity))</code>"
            if let title = item.title { html += "<br>\(HTML.escape(title))" }
            html += "</td><td>\(HTML.escape(item.target))</td>"
            html += "<td class=\"num\">\(HTML.escape(labels.number("\(item.share.rounded(scale: 2))")))%"
            if item.scopeShare != 100 { html += " × \(HTML.escape(labels.number("\(item.scopeShare.rounded(scale: 2))")))%" }
            html += "</td><td>\(HTML.escape(labels.tier(item.tier)))</td>"
            html += "<td>\(item.rules.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: " "))</td>"
            html += "<td class=\"conf-\(item.confidence.rawValue)\">\(HTML.escape(labels[item.confidence.rawValue]))"
            if item.isAmbiguous { html += "<br><em>\(HTML.escape(labels["ambiguous-flag"]))</em>" }
            html += "</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        if node.contributionsOmitted > 0 {
            html += "<p>+ \(node.contributionsOmitted) \(HTML.escape(labels["omitted"]))</p>\n"
        }
        return html
    }

    private func indicatorsTables(_ node: NodeOutputs) -> String {
        var html = ""
        if !node.indicators.isEmpty {
            html += "<table class=\"indicators\">\n<caption>\(HTML.escape(labels["framework-indicators"]))</caption>\n<thead><tr>"
            html += ["code", "indicator", "unit", "baseline", "targets", "actual"].map { "<th>\(HTML.escape(labels[$0]))</th>" }.joined()
            html += "</tr></thead>\n<tbody>\n"
            for item in node.indicators {
                let indicator = item.indicator
                let baseline = indicator.baseline.map { point in [point.value, point.year.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ") } ?? ""
                let targets = indicator.targets.map { point in [point.value, point.year.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ") }.joined(separator: "; ")
                let actuals = item.reported.flatMap { reported in
                    reported.periods.compactMap { period in period.actual.map { "\($0) (\(period.end ?? period.start ?? ""), \(reported.activity))" } }
                }.joined(separator: "<br>")
                html += "<tr><td>\(HTML.escape(indicator.code))</td><td>\(HTML.escape(indicator.name.text(language)))</td><td>\(HTML.escape(indicator.unit ?? ""))</td>"
                html += "<td>\(HTML.escape(baseline))</td><td>\(HTML.escape(targets))</td><td>\(actuals.isEmpty ? "–" : actuals)</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        let reported = node.indicators.flatMap(\.reported) + node.activityIndicators
        guard !reported.isEmpty else { return html }
        html += "<table class=\"results\">\n<caption>\(HTML.escape(labels["results"])): \(HTML.escape(labels["activity-indicators"]))</caption>\n<thead><tr>"
        html += ["activity", "indicator", "baseline", "period-column", "target", "actual", "progress"].map { "<th>\(HTML.escape(labels[$0]))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for indicator in reported {
            let periods = indicator.periods.isEmpty ? [IndicatorPeriodOutputs(start: nil, end: nil, target: nil, actual: nil, progress: nil)] : indicator.periods
            for (index, period) in periods.enumerated() {
                html += "<tr>"
                if index == 0 {
                    let span = periods.count > 1 ? " rowspan=\"\(periods.count)\"" : ""
                    html += "<td\(span)><code>\(HTML.escape(indicator.activity))</code></td>"
                    html += "<td\(span)>\(HTML.escape(indicator.title ?? ""))</td>"
                    let baseline = [indicator.baselineValue, indicator.baselineYear.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
                    html += "<td\(span)>\(HTML.escape(baseline))</td>"
                }
                let range = [period.start, period.end].compactMap { $0.map(labels.date) }.joined(separator: " – ")
                html += "<td>\(HTML.escape(range))</td><td class=\"num\">\(HTML.escape(period.target.map(labels.number) ?? ""))</td>"
                html += "<td class=\"num\">\(HTML.escape(period.actual.map(labels.number) ?? ""))</td>"
                html += "<td class=\"num\">\(period.progress.map { HTML.escape(labels.number("\($0)")) + "%" } ?? "")</td></tr>\n"
            }
        }
        html += "</tbody>\n</table>\n"
        if node.activityIndicatorsOmitted > 0 {
            html += "<p>+ \(node.activityIndicatorsOmitted) \(HTML.escape(labels["omitted"]))</p>\n"
        }
        return html
    }

    private func partnersTable(_ node: NodeOutputs) -> String {
        guard !node.partners.isEmpty else { return "" }
        var html = "<table class=\"partners\">\n<caption>\(HTML.escape(labels["partners"]))</caption>\n<thead><tr>"
        html += ["role", "name", "code", "activities"].map { "<th>\(HTML.escape(labels[$0]))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for partner in node.partners {
            html += "<tr><td>\(HTML.escape(labels.role(partner.role)))</td><td>\(HTML.escape(partner.name ?? ""))</td>"
            html += "<td><code>\(HTML.escape(partner.ref ?? ""))</code></td><td class=\"num\">\(partner.activities)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    private func locationsTable(_ node: NodeOutputs) -> String {
        guard !node.locations.isEmpty else { return "" }
        var html = "<table class=\"locations\">\n<caption>\(HTML.escape(labels["locations"]))</caption>\n<thead><tr>"
        html += ["kind", "name", "code", "activities"].map { "<th>\(HTML.escape(labels[$0]))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for location in node.locations {
            html += "<tr><td>\(HTML.escape(labels.locationKind(location.kind)))</td><td>\(HTML.escape(location.name ?? ""))</td>"
            html += "<td><code>\(HTML.escape(location.code ?? ""))</code></td><td class=\"num\">\(location.activities)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    // MARK: - Unallocated and reconciliation

    private func unallocatedSection() -> String {
        var html = "<section id=\"unallocated\">\n<h2>\(HTML.escape(labels["unallocated"]))</h2>\n"
        let inScope = outputs.unallocated.filter { $0.status != .outOfScope }
        let outOfScope = outputs.unallocated.filter { $0.status == .outOfScope }
        html += unallocatedTable(inScope)
        if !outOfScope.isEmpty {
            html += "<details><summary>\(HTML.escape(labels["out-of-scope-list"])) (\(outOfScope.count))</summary>\n\(unallocatedTable(outOfScope))</details>\n"
        }
        if outputs.unallocatedOmitted > 0 { html += "<p>+ \(outputs.unallocatedOmitted) \(HTML.escape(labels["omitted"]))</p>\n" }
        if !outputs.unallocatedTotals.isEmpty {
            html += "<table>\n<caption>\(HTML.escape(labels["unallocated-totals"]))</caption>\n<thead><tr>"
            html += ["reason", "measure", "year", "currency", "amount"].map { "<th>\(HTML.escape(labels[$0]))</th>" }.joined()
            html += "</tr></thead>\n<tbody>\n"
            for total in outputs.unallocatedTotals {
                html += "<tr><td>\(HTML.escape(labels[total.reason]))</td><td>\(HTML.escape(labels.measure(total.measure)))</td>"
                html += "<td>\(total.year.map(String.init) ?? "")</td><td>\(HTML.escape(total.currency))</td>"
                html += "<td class=\"num\">\(HTML.escape(labels.number("\(total.amount)")))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        if !outputs.unconverted.isEmpty {
            html += "<h3 id=\"unconverted\">\(HTML.escape(labels["unconverted"]))</h3>\n<table>\n<thead><tr>"
            html += ["activity", "code", "measure", "currency", "amount", "reason"].map { "<th>\(HTML.escape(labels[$0]))</th>" }.joined()
            html += "</tr></thead>\n<tbody>\n"
            for amount in outputs.unconverted {
                html += "<tr><td><code>\(HTML.escape(amount.activity))</code></td><td>\(HTML.escape(amount.target))</td>"
                html += "<td>\(HTML.escape(labels.measure(amount.measure)))</td><td>\(HTML.escape(amount.currency))</td>"
                html += "<td class=\"num\">\(HTML.escape(labels.number("\(amount.amount)")))</td><td>\(HTML.escape(amount.reason))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
            if outputs.unconvertedOmitted > 0 { html += "<p>+ \(outputs.unconvertedOmitted) \(HTML.escape(labels["omitted"]))</p>\n" }
        }
        return html + "</section>\n"
    }

    private func unallocatedTable(_ entries: [UnallocatedActivity]) -> String {
        guard !entries.isEmpty else { return "<p class=\"empty\">\(HTML.escape(labels["nothing"]))</p>\n" }
        var html = "<table class=\"unallocated\">\n<thead><tr>"
        html += ["activity", "status", "reason", "candidates", "not-allocated"].map { "<th>\(HTML.escape(labels[$0]))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for entry in entries {
            html += "<tr><td><code>\(HTML.escape(entry.activity))</code>"
            if let title = entry.title { html += "<br>\(HTML.escape(title))" }
            html += "</td><td>\(HTML.escape(labels[entry.status.rawValue]))</td><td>\(HTML.escape(entry.reason))</td>"
            html += "<td>\(entry.candidates.map { "<a href=\"#\(anchor($0))\">\(HTML.escape($0))</a>" }.joined(separator: " "))</td>"
            html += "<td class=\"num\">\(HTML.escape(labels.number("\(entry.unallocatedShare.rounded(scale: 2))")))%</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    private func reconciliationSection() -> String {
        var html = "<section id=\"reconciliation\">\n<h2>\(HTML.escape(labels["reconciliation"]))</h2>\n<table>\n<thead><tr>"
        html += ["measure", "currency", "input", "allocated", "not-allocated", "balances"].map { "<th>\(HTML.escape(labels[$0]))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for row in outputs.reconciliation {
            html += "<tr><td>\(HTML.escape(labels.measure(row.measure)))</td><td>\(HTML.escape(row.currency))</td>"
            for value in [row.input, row.allocated, row.unallocated] {
                html += "<td class=\"num\">\(HTML.escape(labels.number("\(value)")))</td>"
            }
            html += "<td>\(HTML.escape(labels[row.balances ? "yes" : "no"]))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private func anchor(_ code: String) -> String {
        "n-" + code.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? String($0) : "_" }.joined()
    }

    private static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;margin:0;color:#1f2328;background:#fff;line-height:1.45}
        header{background:#0b3d6e;color:#fff;padding:1.2rem 2rem}header h1{margin:.2rem 0;font-size:1.6rem}
        .kicker{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:.8rem;opacity:.85}.facts{margin:.2rem 0}
        .note{background:#fff4ce;color:#3d2e00;padding:.5rem .8rem;border-radius:4px;max-width:60rem}
        main{padding:1rem 2rem;max-width:80rem}section{margin-bottom:1.5rem}
        section.priority{border-top:3px solid #0b3d6e;padding-top:.5rem}section.outcome{margin-left:1rem;border-left:3px solid #9ec5e8;padding-left:1rem}
        section.output{margin-left:1rem;border-left:2px dashed #c8d6e5;padding-left:1rem}
        .code{color:#57606a;font-weight:normal;font-size:.85em}
        table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}caption{text-align:left;font-weight:600;padding:.3rem 0}
        th,td{border:1px solid #d0d7de;padding:.25rem .5rem;vertical-align:top;text-align:left}thead th{background:#f3f6f9}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .counts{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}.counts li{background:#f3f6f9;padding:.4rem .8rem;border-radius:4px}
        .warn{color:#8a4600}.empty{color:#57606a;font-style:italic}.conf-low{color:#8a4600}.conf-high{color:#116329}
        figure.charts{margin:.5rem 0}figure.charts svg{margin-right:1rem;max-width:100%;height:auto}figcaption{font-size:.85rem;color:#57606a}
        footer{padding:1rem 2rem;color:#57606a;font-size:.85rem}code{font-size:.85em}
        @media print{header{background:#fff;color:#000}section{break-inside:avoid-page}}
        """
}
