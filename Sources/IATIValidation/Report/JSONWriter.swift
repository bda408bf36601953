import IATI
import LibXML

/// The JSON format: the official IATI Validator's report as the service writes it today, one
/// object per file (an array of them for several files), written as the records are checked.
///
/// Findings are grouped by activity (`identifier`, `title`), in document order, then by
/// category; findings about the file as a whole come last under `file` / `File level errors`.
/// Structure findings (`0.3.1`) are merged per activity and message, their `context` listing
/// every line, as the official validator does. Keys: `file` and `errors` first (they stream),
/// then `valid`, `fileType`, `iatiVersion`, … and `summary`.
///
/// The service writes what its older report schema (`validationReport.schema.json`) does not
/// list, and clients read what the service writes: `severity` is `critical`, `error` (the
/// schema's `danger`), `warning`, or `advisory` for iatix's `info`; category groups are the
/// findings' own categories, `iati` and `schema` included. Each finding also keeps iatix's
/// `level` (`critical`, `error`, `warning`, `info`), `line`, `column` and `xpath`, and a rule's
/// finding the element the rule ran on (`contextElement`, `contextLine`, `contextColumn`).
/// With `details`, findings carry the official `details` object (``JSONDetails``).
final class JSONWriter: ReportSink {
    static let apiVersion = "iatix 0.1.0"

    private let out: BufferedOutput
    private let asArray: Bool
    /// Findings grouped by activity, then category (the official default); `false`: one flat
    /// list, each finding with its `identifier` and `title` (the official `group=false`).
    private let grouped: Bool
    /// Whether findings carry the official `details` object.
    private let details: Bool
    /// The registration agency prefix list the rules used; empty when none.
    private let orgIdPrefixFileName: String
    private var files = 0
    private var groups = 0
    private let indent: Int

    init(output: @escaping (String) -> Void, asArray: Bool, grouped: Bool = true, details: Bool = false, orgIdPrefixFileName: String = "") {
        self.out = BufferedOutput(output)
        self.asArray = asArray
        self.grouped = grouped
        self.details = details
        self.orgIdPrefixFileName = orgIdPrefixFileName
        self.indent = asArray ? 2 : 0
        if asArray { out.write("[") }
    }

    func beginFile(_ name: String, fileType: String?) {
        var text = files > 0 ? ",\n" : (asArray ? "\n" : "")
        let pad = String(repeating: " ", count: indent)
        text += pad + "{\n" + pad + "  \"file\": "
        JSONPrinter.appendString(name, to: &text)
        text += ",\n" + pad + "  \"errors\": ["
        out.write(text)
        groups = 0
    }

    func record(_ record: RecordInfo, findings: [Finding]) {
        guard !findings.isEmpty else { return }
        writeGroup(identifier: record.identifier, title: record.title ?? "", findings: findings)
    }

    func endFile(_ summary: FileSummary) {
        if !summary.fileFindings.isEmpty {
            writeGroup(identifier: "file", title: "File level errors", findings: summary.fileFindings)
        }
        let pad = String(repeating: " ", count: indent)
        var text = groups > 0 ? "\n" + pad + "  ],\n" : "],\n"
        var members: [(key: String, value: JSONValue)] = [
            ("valid", .bool(summary.isValid)),
            ("fileType", .string(summary.fileType ?? "")),
            ("iatiVersion", .string(summary.declaredVersion ?? "")),
            ("rulesetCommitSha", .string("")),
            ("codelistCommitSha", .string("")),
            ("orgIdPrefixFileName", .string(orgIdPrefixFileName)),
            ("apiVersion", .string(Self.apiVersion)),
        ]
        var counts: [(key: String, value: JSONValue)] = [
            ("critical", .int(summary.counts.critical)), ("error", .int(summary.counts.error)),
            ("warning", .int(summary.counts.warning)),
        ]
        // iatix runs none of the service's advisory checks (they need the IATI Datastore): its
        // `info` findings (a ruleset's `info` rules) stand for advisories, counted when some ran.
        if summary.counts.info > 0 { counts.append(("advisory", .int(summary.counts.info))) }
        members.append(("summary", .object(counts)))
        for (index, member) in members.enumerated() {
            text += pad + "  "
            JSONPrinter.appendString(member.key, to: &text)
            text += ": " + JSONPrinter.render(member.value, indent: indent + 2)
            text += index + 1 < members.count ? ",\n" : "\n"
        }
        text += pad + "}"
        out.write(text)
        files += 1
    }

    func finish() {
        out.write(asArray ? (files > 0 ? "\n]\n" : "]\n") : "\n")
        out.flush()
    }

    private func writeGroup(identifier: String, title: String, findings: [Finding]) {
        let pad = String(repeating: " ", count: indent + 4)
        guard grouped else {
            for item in Self.merged(TextWriter.byLine(findings)) {
                guard case .object(var members) = Self.findingValue(item, details: details) else { continue }
                members += [("identifier", .string(identifier)), ("title", .string(title))]
                out.write((groups > 0 ? ",\n" : "\n") + pad + JSONPrinter.render(.object(members), indent: indent + 4))
                groups += 1
            }
            return
        }
        var categoryOrder: [String] = []
        var byCategory: [String: [JSONValue]] = [:]
        for item in Self.merged(TextWriter.byLine(findings)) {
            let category = item.finding.category.rawValue
            if byCategory[category] == nil { categoryOrder.append(category) }
            byCategory[category, default: []].append(Self.findingValue(item, details: details))
        }
        let categories: [JSONValue] = categoryOrder.map { category in
            .object([("category", .string(category)), ("errors", .array(byCategory[category] ?? []))])
        }
        let group: JSONValue = .object([
            ("identifier", .string(identifier)), ("title", .string(title)), ("errors", .array(categories)),
        ])
        out.write((groups > 0 ? ",\n" : "\n") + pad + JSONPrinter.render(group, indent: indent + 4))
        groups += 1
    }

    /// A finding with every place it stands for (several for merged structure findings).
    struct Merged {
        var finding: Finding
        var positions: [SourcePosition]
    }

    /// Merges structure findings of the same message; keeps the others one by one.
    static func merged(_ findings: [Finding]) -> [Merged] {
        var result: [Merged] = []
        var structureIndex: [String: Int] = [:]
        for finding in findings {
            if finding.ruleID == RuleID.structure {
                if let index = structureIndex[finding.message] {
                    result[index].positions.append(finding.position)
                    continue
                }
                structureIndex[finding.message] = result.count
            }
            result.append(Merged(finding: finding, positions: [finding.position]))
        }
        return result
    }

    /// One finding as the report writes it; with `details`, the official `details` object too.
    static func findingValue(_ item: Merged, details: Bool) -> JSONValue {
        let finding = item.finding
        let severity = finding.severity == .info ? "advisory" : finding.severity.rawValue
        var contexts: [JSONValue] = []
        if finding.ruleID == RuleID.structure {
            contexts = item.positions.map { .object([("text", .string($0.line > 0 ? "At line: \($0.line)" : ""))]) }
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
        if let context = finding.contextElement, context.position.line > 0 {
            members.append(("contextElement", .string(context.name)))
            members.append(("contextLine", .int(context.position.line)))
            if context.position.column > 0 { members.append(("contextColumn", .int(context.position.column))) }
        }
        if details, let value = JSONDetails.value(of: finding, positions: item.positions) { members.append(("details", value)) }
        return .object(members)
    }
}
