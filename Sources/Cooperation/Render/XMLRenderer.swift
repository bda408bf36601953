import IATI
import Foundation

extension CooperationOutputs {
    /// The namespace of the project's cooperation outputs format.
    public static let xmlNamespace = "urn:iatix:cooperation-outputs:1"

    /// The outputs in the project's XML exchange format, described by
    /// `schemas/cooperation-outputs.xsd`. Same outputs, same bytes.
    public func xml() -> String {
        var xml = XMLBuilder()
        xml.element("cooperation-outputs", [("xmlns", Self.xmlNamespace), ("version", "1")]) { root in
            root.element("programme", [
                ("id", programme.id), ("country", programme.country), ("period-start", programme.periodStart),
                ("period-end", programme.periodEnd),
            ]) { element in
                writeText("name", programme.name, &element)
                writeText("note", programme.note, &element)
            }
            root.element("run", [
                ("generated-at", run.generatedAt), ("generator", run.generator), ("language", run.language.rawValue), ("framework", frameworkSource), ("activities", String(run.activities)), ("target-currency", run.targetCurrency),
                ("rates", run.ratesSource), ("invalid-amounts", String(run.invalidAmounts)),
            ]) { element in
                for input in run.inputs {
                    element.element("input", [
                        ("sha256", input.sha256), ("activities", String(input.activities)), ("counted", String(input.counted)),
                    ], text: input.name)
                }
                for status in ActivityMapping.Status.allCases {
                    element.element("status", [("name", status.rawValue), ("count", String(run.statusCounts[status] ?? 0))])
                }
            }
            for node in priorities { writeNode(node, &root) }
            root.element("totals") { element in
                for (list, converted) in [(totals, "false"), (convertedTotals, "true")] {
                    for total in list {
                        element.element("total", [
                            ("measure", total.measure), ("currency", total.currency), ("amount", text(total.amount)), ("converted", converted),
                        ])
                    }
                }
            }
            root.element("unallocated", [("omitted", String(unallocatedOmitted))]) { element in
                for entry in unallocated {
                    element.element("activity", [
                        ("id", entry.activity), ("status", entry.status.rawValue), ("unallocated-share", text(entry.unallocatedShare)),
                        ("file", entry.file), ("line", String(entry.line)),
                    ]) { activity in
                        if let title = entry.title { activity.element("title", text: title) }
                        activity.element("reason", text: entry.reason)
                        for candidate in entry.candidates { activity.element("candidate", text: candidate) }
                        writeAmounts(entry.amounts, &activity)
                    }
                }
                for total in unallocatedTotals {
                    element.element("total", [
                        ("reason", total.reason), ("measure", total.measure), ("year", total.year.map(String.init)),
                        ("currency", total.currency), ("amount", text(total.amount)),
                    ])
                }
            }
            root.element("conversions", [("omitted", String(conversionsOmitted))]) { element in
                for amount in conversions {
                    element.element("amount", [
                        ("activity", amount.activity), ("target", amount.target), ("measure", amount.measure),
                        ("year", amount.year.map(String.init)), ("currency", amount.currency), ("amount", text(amount.amount)),
                        ("rate", text(amount.rate)), ("rate-date", amount.rateDate), ("converted", text(amount.converted)),
                        ("line", String(amount.line)),
                    ])
                }
            }
            root.element("unconverted", [("omitted", String(unconvertedOmitted))]) { element in
                for amount in unconverted {
                    element.element("amount", [
                        ("activity", amount.activity), ("target", amount.target), ("measure", amount.measure),
                        ("currency", amount.currency), ("amount", text(amount.amount)), ("value-date", amount.valueDate),
                        ("line", String(amount.line)), ("reason", amount.reason),
                    ])
                }
            }
            root.element("reconciliation") { element in
                for row in reconciliation {
                    element.element("row", [
                        ("measure", row.measure), ("currency", row.currency), ("input", text(row.input)),
                        ("allocated", text(row.allocated)), ("unallocated", text(row.unallocated)),
                        ("balances", row.balances ? "true" : "false"),
                    ])
                }
            }
            for problem in inputProblems {
                root.element("input-problem", [("file", problem.file), ("line", String(problem.line))], text: problem.message)
            }
            for duplicate in duplicates {
                root.element("duplicate", [("activity", duplicate.activity)]) { element in
                    for version in duplicate.versions {
                        element.element("version", [
                            ("file", version.file), ("line", String(version.line)), ("last-updated", version.lastUpdated),
                            ("kept", String(version.kept)),
                        ])
                    }
                }
            }
        }
        return xml.text
    }

    private func text(_ value: Decimal) -> String { JSONBuilder.decimalText(value) }

    private func writeText(_ name: String, _ value: LocalizedText, _ xml: inout XMLBuilder) {
        if let en = value.en { xml.element(name, [("lang", "en")], text: en) }
        if let vi = value.vi { xml.element(name, [("lang", "vi")], text: vi) }
    }

    private func writeAmounts(_ amounts: [MeasureAmount], _ xml: inout XMLBuilder) {
        for amount in amounts {
            xml.element("amount", [("measure", amount.measure), ("currency", amount.currency), ("value", text(amount.amount))])
        }
    }

    private func writeNode(_ node: NodeOutputs, _ xml: inout XMLBuilder) {
        xml.element(node.level.rawValue, [
            ("code", node.code), ("unconverted-count", String(node.unconvertedCount)),
            ("contributions-omitted", String(node.contributionsOmitted)),
            ("activity-indicators-omitted", String(node.activityIndicatorsOmitted)),
        ]) { element in
            writeText("name", node.name, &element)
            writeText("description", node.description, &element)
            for total in node.funding {
                element.element("funding", [
                    ("measure", total.measure), ("year", total.year.map(String.init)), ("currency", total.currency),
                    ("amount", text(total.amount)),
                ])
            }
            for total in node.converted {
                element.element("converted", [("measure", total.measure), ("year", total.year.map(String.init)), ("amount", text(total.amount))])
            }
            for contribution in node.contributions {
                element.element("contribution", [
                    ("target", contribution.target), ("activity", contribution.activity), ("share", text(contribution.share)),
                    ("scope-share", text(contribution.scopeShare)), ("tier", contribution.tier.name),
                    ("confidence", contribution.confidence.rawValue), ("ambiguous", contribution.isAmbiguous ? "true" : "false"),
                    ("reporting-org", contribution.reportingOrg), ("file", contribution.file),
                ]) { item in
                    if let title = contribution.title { item.element("title", text: title) }
                    for rule in contribution.rules { item.element("rule", text: rule) }
                    writeAmounts(contribution.amounts, &item)
                }
            }
            for item in node.indicators {
                element.element("indicator", [("code", item.indicator.code), ("unit", item.indicator.unit)]) { indicator in
                    writeText("name", item.indicator.name, &indicator)
                    if let baseline = item.indicator.baseline {
                        indicator.element("baseline", [("year", baseline.year), ("value", baseline.value)])
                    }
                    for target in item.indicator.targets {
                        indicator.element("target", [("year", target.year), ("value", target.value)])
                    }
                    for reported in item.reported { writeIndicator(reported, name: "reported", &indicator) }
                }
            }
            for indicator in node.activityIndicators { writeIndicator(indicator, name: "activity-indicator", &element) }
            for partner in node.partners {
                element.element("partner", [
                    ("role", partner.role), ("ref", partner.ref), ("activities", String(partner.activities)),
                ]) { item in
                    if let name = partner.name { item.element("name", text: name) }
                }
            }
            for location in node.locations {
                element.element("location", [
                    ("kind", location.kind), ("code", location.code), ("point", location.point),
                    ("activities", String(location.activities)),
                ]) { item in
                    if let name = location.name { item.element("name", text: name) }
                }
            }
            for child in node.children { writeNode(child, &element) }
        }
    }

    private func writeIndicator(_ indicator: ActivityIndicator, name: String, _ xml: inout XMLBuilder) {
        xml.element(name, [
            ("activity", indicator.activity), ("measure", indicator.measure), ("ascending", indicator.ascending ? "true" : "false"),
            ("baseline-year", indicator.baselineYear), ("baseline-value", indicator.baselineValue),
        ]) { element in
            if let result = indicator.resultTitle { element.element("result-title", text: result) }
            if let title = indicator.title { element.element("title", text: title) }
            for reference in indicator.references { element.element("reference", text: reference) }
            for period in indicator.periods {
                element.element("period", [
                    ("start", period.start), ("end", period.end), ("target", period.target), ("actual", period.actual),
                    ("progress", period.progress.map(text)),
                ])
            }
        }
    }
}
