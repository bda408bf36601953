/// The text format: one line per finding, `file:line:col: severity id message` (`file:line:`
/// when the column is unknown), grouped under a header per activity, each file closed by a
/// summary line and several files by a total.
enum TextReport {
    static func render(_ report: ValidationReport) -> String {
        var out = ""
        for file in report.files {
            render(file, into: &out)
        }
        if report.files.count > 1 {
            let records = report.files.reduce(0) { $0 + $1.recordCount }
            out += "total: \(Plural.of(report.files.count, "file")), \(Plural.of(records, "record")): \(summary(report.counts))\n"
        }
        return out
    }

    private static func render(_ file: FileReport, into out: inout String) {
        let recordWord = file.fileType == "iati-organisations" ? "organisation" : "activity"
        let recordPlural = file.fileType == "iati-organisations" ? "organisations" : "activities"
        let titles = Dictionary(file.records.map { ($0.identifier, $0.title) }, uniquingKeysWith: { first, _ in first })
        for group in FindingGroups(file.findings).groups {
            if let record = group.record {
                var header = "-- \(recordWord) \(record)"
                if let title = titles[record] ?? nil, !title.isEmpty { header += " \"\(shortened(title))\"" }
                out += header + "\n"
            } else {
                out += "-- file\n"
            }
            for finding in group.findings {
                out += line(finding)
                out += "\n"
            }
        }
        var kind = file.fileType ?? "not an IATI file"
        if let version = file.declaredVersion { kind += " \(version)" }
        out += "\(file.file): \(kind), \(Plural.of(file.recordCount, recordWord, recordPlural)): \(summary(file.counts))\n"
    }

    /// One finding as a compiler-style line.
    static func line(_ finding: Finding) -> String {
        var text = finding.file
        if finding.line > 0 {
            text += ":\(finding.line)"
            if finding.column > 0 { text += ":\(finding.column)" }
        }
        text += ": \(finding.severity) \(finding.ruleID) \(finding.message)"
        if let context = finding.context, !context.isEmpty { text += " (\(context))" }
        return text
    }

    static func summary(_ counts: SeverityCounts) -> String {
        guard counts.total > 0 else { return "no findings" }
        var parts: [String] = []
        if counts.critical > 0 { parts.append("\(counts.critical) critical") }
        if counts.error > 0 { parts.append(Plural.of(counts.error, "error")) }
        if counts.warning > 0 { parts.append(Plural.of(counts.warning, "warning")) }
        if counts.info > 0 { parts.append("\(counts.info) info") }
        return parts.joined(separator: ", ")
    }

    private static func shortened(_ title: String) -> String {
        let single = title.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == " " }).joined(separator: " ")
        return single.count > 60 ? String(single.prefix(59)) + "…" : single
    }
}
