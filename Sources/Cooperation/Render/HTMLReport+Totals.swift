import Foundation
import IATI

/// The parts of the HTML report that sum up and convert: the grand totals of all priorities
/// and the single-currency view, every converted amount with its rate and rate date.
extension HTMLReport {
    /// Grand totals per measure and currency, and in the target currency when rates were given.
    func totalsTable() -> String {
        let rows = outputs.totals + outputs.convertedTotals
        guard !rows.isEmpty else { return "" }
        var html = "<table class=\"totals\">\n<caption>\(HTML.escape(labels["totals"]))</caption>\n<thead><tr>"
        html += ["measure", "currency", "amount"].map { "<th>\(HTML.escape(labels[$0]))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for (list, converted) in [(outputs.totals, false), (outputs.convertedTotals, true)] {
            for total in list {
                let note = converted ? " — \(labels["converted"].lowercased())" : ""
                html += "<tr><th scope=\"row\">\(HTML.escape(labels.measure(total.measure) + note))</th><td>\(HTML.escape(total.currency))</td>"
                html += "<td class=\"num\">\(HTML.escape(labels.number(total.amount.plainText)))</td></tr>\n"
            }
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Every converted amount: original amount, rate, rate date and the converted amount;
    /// nothing when no rates were given.
    func conversionsSection() -> String {
        guard let target = outputs.run.targetCurrency else { return "" }
        var html = "<section id=\"conversions\">\n<h2>\(HTML.escape(labels["conversions"])) (\(HTML.escape(target)))</h2>\n"
        html += "<p>\(HTML.escape(labels["conversions-note"]))</p>\n"
        html += "<details><summary>\(HTML.escape(labels["conversions"])) (\(outputs.conversions.count))</summary>\n<table class=\"conversions\">\n<thead><tr>"
        html += ["activity", "code", "measure", "year", "amount", "rate", "rate-date", "converted"].map { "<th>\(HTML.escape(labels[$0]))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for amount in outputs.conversions {
            html += "<tr><td><code>\(HTML.escape(amount.activity))</code></td><td>\(HTML.escape(amount.target))</td>"
            html += "<td>\(HTML.escape(labels.measure(amount.measure)))</td><td>\(amount.year.map(String.init) ?? "")</td>"
            html += "<td class=\"num\">\(HTML.escape(labels.number(amount.amount.plainText))) \(HTML.escape(amount.currency))</td>"
            html += "<td class=\"num\">\(HTML.escape(labels.number(amount.rate.rounded(scale: 6).plainText)))</td>"
            html += "<td>\(HTML.escape(amount.rateDate.map(labels.date) ?? labels["no-rate-needed"]))</td>"
            html += "<td class=\"num\">\(HTML.escape(labels.number(amount.converted.plainText))) \(HTML.escape(target))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</details>\n"
        if outputs.conversionsOmitted > 0 { html += "<p>+ \(outputs.conversionsOmitted) \(HTML.escape(labels["omitted"]))</p>\n" }
        return html + "</section>\n"
    }
}
