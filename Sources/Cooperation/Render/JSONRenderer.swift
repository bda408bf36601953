import IATI
import Foundation

extension CooperationOutputs {
    /// The outputs as JSON, described by `schemas/cooperation-outputs.schema.json`.
    /// Same outputs, same bytes.
    public func json() -> String {
        var json = JSONBuilder()
        json.object { root in
            root.string("format", "iatix-cooperation-outputs")
            root.string("version", "1")
            root.object("programme") { writeProgramme(programme, &$0) }
            root.string("framework", frameworkSource)
            root.object("run") { writeRun(&$0) }
            root.array("priorities") { list in
                for node in priorities { list.object { writeNode(node, &$0) } }
            }
            root.object("totals") { object in
                writeAmounts(totals, key: "funding", &object)
                writeAmounts(convertedTotals, key: "converted", &object)
            }
            root.object("unallocated") { object in
                object.array("activities") { list in
                    for entry in unallocated { list.object { writeUnallocated(entry, &$0) } }
                }
                object.integer("omitted", unallocatedOmitted)
                object.array("totals") { list in
                    for total in unallocatedTotals {
                        list.object { row in
                            row.string("reason", total.reason)
                            row.string("measure", total.measure)
                            row.integer("year", total.year)
                            row.string("currency", total.currency)
                            row.number("amount", total.amount)
                        }
                    }
                }
            }
            root.object("conversions") { object in
                object.array("amounts") { list in
                    for amount in conversions { list.object { writeConversion(amount, &$0) } }
                }
                object.integer("omitted", conversionsOmitted)
            }
            root.object("unconverted") { object in
                object.array("amounts") { list in
                    for amount in unconverted {
                        list.object { row in
                            row.string("activity", amount.activity)
                            row.string("target", amount.target)
                            row.string("measure", amount.measure)
                            row.string("currency", amount.currency)
                            row.number("amount", amount.amount)
                            row.string("valueDate", amount.valueDate)
                            row.integer("line", amount.line)
                            row.string("reason", amount.reason)
                        }
                    }
                }
                object.integer("omitted", unconvertedOmitted)
            }
            root.array("reconciliation") { list in
                for row in reconciliation {
                    list.object { object in
                        object.string("measure", row.measure)
                        object.string("currency", row.currency)
                        object.number("input", row.input)
                        object.number("allocated", row.allocated)
                        object.number("unallocated", row.unallocated)
                        object.bool("balances", row.balances)
                    }
                }
            }
            root.array("inputProblems") { list in
                for problem in inputProblems {
                    list.object { object in
                        object.string("file", problem.file)
                        object.integer("line", problem.line)
                        object.string("message", problem.message)
                    }
                }
            }
            root.array("duplicates") { list in
                for duplicate in duplicates {
                    list.object { object in
                        object.string("activity", duplicate.activity)
                        object.array("versions") { versions in
                            for version in duplicate.versions {
                                versions.object { row in
                                    row.string("file", version.file)
                                    row.integer("line", version.line)
                                    row.string("lastUpdated", version.lastUpdated)
                                    row.bool("kept", version.kept)
                                }
                            }
                        }
                    }
                }
            }
        }
        return json.text + "\n"
    }

    private func writeText(_ name: String, _ text: LocalizedText, _ json: inout JSONBuilder) {
        json.object(name) { object in
            object.string("en", text.en)
            object.string("vi", text.vi)
        }
    }

    private func writeProgramme(_ programme: Programme, _ json: inout JSONBuilder) {
        json.string("id", programme.id)
        writeText("name", programme.name, &json)
        json.string("country", programme.country)
        json.object("period") { period in
            period.string("start", programme.periodStart)
            period.string("end", programme.periodEnd)
        }
        writeText("note", programme.note, &json)
    }

    private func writeRun(_ json: inout JSONBuilder) {
        json.string("generatedAt", run.generatedAt)
        json.string("generator", run.generator)
        json.string("language", run.language.rawValue)
        json.array("inputs") { list in
            for input in run.inputs {
                list.object { object in
                    object.string("name", input.name)
                    object.string("sha256", input.sha256)
                    object.integer("activities", input.activities)
                    object.bool("counted", input.counted)
                }
            }
        }
        json.integer("activities", run.activities)
        json.object("status") { object in
            for status in ActivityMapping.Status.allCases {
                object.integer(status.rawValue, run.statusCounts[status] ?? 0)
            }
        }
        json.string("targetCurrency", run.targetCurrency)
        json.string("rates", run.ratesSource)
        json.integer("invalidAmounts", run.invalidAmounts)
    }

    private func writeAmounts(_ amounts: [MeasureAmount], key: String = "amounts", _ json: inout JSONBuilder) {
        json.array(key) { list in
            for amount in amounts {
                list.object { object in
                    object.string("measure", amount.measure)
                    object.string("currency", amount.currency)
                    object.number("amount", amount.amount)
                }
            }
        }
    }

    private func writeConversion(_ amount: ConvertedAmount, _ json: inout JSONBuilder) {
        json.string("activity", amount.activity)
        json.string("target", amount.target)
        json.string("measure", amount.measure)
        json.integer("year", amount.year)
        json.string("currency", amount.currency)
        json.number("amount", amount.amount)
        json.number("rate", amount.rate)
        json.string("rateDate", amount.rateDate)
        json.number("converted", amount.converted)
        json.integer("line", amount.line)
    }

    private func writeNode(_ node: NodeOutputs, _ json: inout JSONBuilder) {
        json.string("level", node.level.rawValue)
        json.string("code", node.code)
        writeText("name", node.name, &json)
        writeText("description", node.description, &json)
        json.array("funding") { list in
            for total in node.funding {
                list.object { object in
                    object.string("measure", total.measure)
                    object.integer("year", total.year)
                    object.string("currency", total.currency)
                    object.number("amount", total.amount)
                }
            }
        }
        json.array("converted") { list in
            for total in node.converted {
                list.object { object in
                    object.string("measure", total.measure)
                    object.integer("year", total.year)
                    object.number("amount", total.amount)
                }
            }
        }
        json.integer("unconvertedCount", node.unconvertedCount)
        json.array("contributions") { list in
            for contribution in node.contributions {
                list.object { object in
                    object.string("target", contribution.target)
                    object.string("activity", contribution.activity)
                    object.string("title", contribution.title)
                    object.string("reportingOrg", contribution.reportingOrg)
                    object.string("file", contribution.file)
                    object.number("share", contribution.share)
                    object.number("scopeShare", contribution.scopeShare)
                    object.array("rules") { rules in
                        for rule in contribution.rules { rules.element(rule) }
                    }
                    object.string("tier", contribution.tier.name)
                    object.string("confidence", contribution.confidence.rawValue)
                    object.bool("ambiguous", contribution.isAmbiguous)
                    writeAmounts(contribution.amounts, &object)
                }
            }
        }
        json.integer("contributionsOmitted", node.contributionsOmitted)
        json.array("indicators") { list in
            for item in node.indicators {
                list.object { object in
                    object.string("code", item.indicator.code)
                    writeText("name", item.indicator.name, &object)
                    object.string("unit", item.indicator.unit)
                    if let baseline = item.indicator.baseline {
                        object.object("baseline") { writePoint(baseline, &$0) }
                    } else {
                        object.string("baseline", nil)
                    }
                    object.array("targets") { targets in
                        for target in item.indicator.targets { targets.object { writePoint(target, &$0) } }
                    }
                    object.array("reported") { reported in
                        for indicator in item.reported { reported.object { writeIndicator(indicator, &$0) } }
                    }
                }
            }
        }
        json.array("activityIndicators") { list in
            for indicator in node.activityIndicators { list.object { writeIndicator(indicator, &$0) } }
        }
        json.integer("activityIndicatorsOmitted", node.activityIndicatorsOmitted)
        json.array("partners") { list in
            for partner in node.partners {
                list.object { object in
                    object.string("role", partner.role)
                    object.string("ref", partner.ref)
                    object.string("name", partner.name)
                    object.integer("activities", partner.activities)
                }
            }
        }
        json.array("locations") { list in
            for location in node.locations {
                list.object { object in
                    object.string("kind", location.kind)
                    object.string("code", location.code)
                    object.string("name", location.name)
                    object.string("point", location.point)
                    object.integer("activities", location.activities)
                }
            }
        }
        switch node.level {
        case .priority:
            json.array("outcomes") { list in
                for child in node.children { list.object { writeNode(child, &$0) } }
            }
        case .outcome:
            json.array("outputs") { list in
                for child in node.children { list.object { writeNode(child, &$0) } }
            }
        case .output:
            break
        }
    }

    private func writePoint(_ point: IndicatorPoint, _ json: inout JSONBuilder) {
        json.string("year", point.year)
        json.string("value", point.value)
    }

    private func writeIndicator(_ indicator: ActivityIndicator, _ json: inout JSONBuilder) {
        json.string("activity", indicator.activity)
        json.string("resultTitle", indicator.resultTitle)
        json.string("title", indicator.title)
        json.string("measure", indicator.measure)
        json.bool("ascending", indicator.ascending)
        json.object("baseline") { baseline in
            baseline.string("year", indicator.baselineYear)
            baseline.string("value", indicator.baselineValue)
        }
        json.array("periods") { list in
            for period in indicator.periods {
                list.object { object in
                    object.string("start", period.start)
                    object.string("end", period.end)
                    object.string("target", period.target)
                    object.string("actual", period.actual)
                    object.number("progress", period.progress)
                }
            }
        }
        json.array("references") { list in
            for reference in indicator.references { list.element(reference) }
        }
    }

    private func writeUnallocated(_ entry: UnallocatedActivity, _ json: inout JSONBuilder) {
        json.string("activity", entry.activity)
        json.string("title", entry.title)
        json.string("file", entry.file)
        json.integer("line", entry.line)
        json.string("status", entry.status.rawValue)
        json.string("reason", entry.reason)
        json.array("candidates") { list in
            for candidate in entry.candidates { list.element(candidate) }
        }
        json.number("unallocatedShare", entry.unallocatedShare)
        writeAmounts(entry.amounts, &json)
    }
}
