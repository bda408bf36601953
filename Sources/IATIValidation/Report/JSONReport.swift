import IATI

/// The JSON format: the official IATI Validator's report, as `validationReport.schema.json`
/// describes it, one object per file (an array of them for several files).
///
/// Findings are grouped by activity (`identifier`, `title`; `file` / `File level errors` for
/// the file as a whole), then by category. Structure findings (`0.3.1`) are merged per
/// activity and message, their `context` listing every line, as the official validator does.
///
/// The report schema allows fewer words than the findings use, so each finding carries both:
/// `severity` in the schema's vocabulary (`critical`, `danger` for error, `warning`, which also
/// stands for info) with the exact `level` beside it (`critical`, `error`, `warning`, `info`);
/// and the category groups use the schema's categories (`iati` and `schema` go to
/// `information`) while each finding keeps its own `category`.
enum JSONReport {
    /// The report schema's category names.
    static let schemaCategories: Set<String> = [
        "identifiers", "organisation", "information", "participating", "geo",
        "classifications", "financial", "documents", "relations", "performance",
    ]

    static let apiVersion = "iatix 0.1.0"

    static func render(_ report: ValidationReport) -> String {
        if report.files.count == 1, let file = report.files.first {
            return JSONPrinter.render(value(file))
        }
        return JSONPrinter.render(.array(report.files.map(value)))
    }

    static func value(_ file: FileReport) -> JSONValue {
        let counts = file.counts
        var summary: [(key: String, value: JSONValue)] = [
            ("critical", .int(counts.critical)), ("error", .int(counts.error)), ("warning", .int(counts.warning)),
        ]
        if counts.info > 0 { summary.append(("advisory", .int(counts.info))) }
        let titles = Dictionary(file.records.map { ($0.identifier, $0.title) }, uniquingKeysWith: { first, _ in first })

        var groups: [JSONValue] = []
        for group in FindingGroups(file.findings).groups {
            let identifier = group.record ?? "file"
            let title = group.record == nil ? "File level errors" : ((titles[identifier] ?? nil) ?? "")
            var categoryOrder: [String] = []
            var byCategory: [String: [JSONValue]] = [:]
            for item in merged(group.findings) {
                let category = schemaCategories.contains(item.finding.category.rawValue) ? item.finding.category.rawValue : "information"
                if byCategory[category] == nil { categoryOrder.append(category) }
                byCategory[category, default: []].append(findingValue(item))
            }
            let categories: [JSONValue] = categoryOrder.map { category in
                .object([("category", .string(category)), ("errors", .array(byCategory[category] ?? []))])
            }
            groups.append(.object([
                ("identifier", .string(identifier)), ("title", .string(title)), ("errors", .array(categories)),
            ]))
        }

        return .object([
            ("valid", .bool(file.isValid)),
            ("fileType", .string(file.fileType ?? "")),
            ("iatiVersion", .string(file.declaredVersion ?? "")),
            ("rulesetCommitSha", .string("")),
            ("codelistCommitSha", .string("")),
            ("orgIdPrefixFileName", .string("")),
            ("apiVersion", .string(apiVersion)),
            ("file", .string(file.file)),
            ("summary", .object(summary)),
            ("errors", .array(groups)),
        ])
    }

    /// A finding with every line it stands for (several for merged structure findings).
    struct Merged {
        var finding: Finding
        var lines: [Int]
    }

    /// Merges structure findings of the same message; keeps the others one by one.
    static func merged(_ findings: [Finding]) -> [Merged] {
        var result: [Merged] = []
        var structureIndex: [String: Int] = [:]
        for finding in findings {
            if finding.ruleID == RuleID.structure {
                if let index = structureIndex[finding.message] {
                    result[index].lines.append(finding.line)
                    continue
                }
                structureIndex[finding.message] = result.count
            }
            result.append(Merged(finding: finding, lines: [finding.line]))
        }
        return result
    }

    static func findingValue(_ item: Merged) -> JSONValue {
        let finding = item.finding
        let severity: String =
            switch finding.severity {
            case .critical: "critical"
            case .error: "danger"
            case .warning, .info: "warning"
            }
        var contexts: [JSONValue] = []
        if finding.ruleID == RuleID.structure {
            contexts = item.lines.map { .object([("text", .string($0 > 0 ? "At line: \($0)" : ""))]) }
        } else {
            var text = finding.context ?? ""
            if !finding.location.isEmpty { text += (text.isEmpty ? "" : ", ") + "at \(finding.location)" }
            if finding.line > 0 { text += (text.isEmpty ? "" : " ") + "at line: \(finding.line)" }
            contexts = [.object([("text", .string(text))])]
        }
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(finding.ruleID)),
            ("severity", .string(severity)),
            ("level", .string(finding.severity.rawValue)),
            ("category", .string(finding.category.rawValue)),
            ("message", .string(finding.message)),
        ]
        if let codelist = finding.codelist { members.append(("codelist", .string(codelist))) }
        members.append(("context", .array(contexts)))
        if finding.line > 0 { members.append(("line", .int(finding.line))) }
        if finding.column > 0 { members.append(("column", .int(finding.column))) }
        if !finding.location.isEmpty { members.append(("xpath", .string(finding.location))) }
        return .object(members)
    }
}
