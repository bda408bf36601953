import LibXML

/// The text format: one line per finding, `file:line:col: severity id message` (`file:line:`
/// when the column is unknown), under a header per activity in document order, then the
/// file-level findings, then a summary line per file (and a total for several files). A rule's
/// finding that is not at the element the rule ran on names that element too:
/// `(in <transaction> at 120:5)`.
final class TextWriter: ReportSink {
    private let out: BufferedOutput
    private var words = (singular: "activity", plural: "activities")
    private var files = 0
    private var records = 0
    private var counts = SeverityCounts()

    init(output: @escaping (String) -> Void) {
        self.out = BufferedOutput(output)
    }

    func beginFile(_ name: String, fileType: String?) {
        words = fileType == "iati-organisations" ? ("organisation", "organisations") : ("activity", "activities")
    }

    func record(_ record: RecordInfo, findings: [Finding]) {
        guard !findings.isEmpty else { return }
        var text = "-- \(words.singular) \(record.identifier)"
        if let title = record.title, !title.isEmpty { text += " \"\(Self.shortened(title))\"" }
        text += "\n"
        Self.appendLines(findings, to: &text)
        out.write(text)
    }

    func endFile(_ summary: FileSummary) {
        var text = ""
        if !summary.fileFindings.isEmpty {
            text += "-- file\n"
            Self.appendLines(summary.fileFindings, to: &text)
        }
        var kind = summary.fileType ?? "not an IATI file"
        if let version = summary.declaredVersion { kind += " \(version)" }
        text += "\(summary.file): \(kind), \(Plural.of(summary.recordCount, summary.recordWords.singular, summary.recordWords.plural)): \(Self.summary(summary.counts))\n"
        out.write(text)
        files += 1
        records += summary.recordCount
        counts.add(summary.counts)
    }

    func finish() {
        if files > 1 {
            out.write("total: \(Plural.of(files, "file")), \(Plural.of(records, "record")): \(Self.summary(counts))\n")
        }
        out.flush()
    }

    /// Findings sorted by line; findings of one line keep the order they were found in.
    static func byLine(_ findings: [Finding]) -> [Finding] {
        // Findings are large: their order is worked out on indices, and they are copied once
        // (not at all when they are in order already).
        if findings.indices.dropFirst().allSatisfy({ findings[$0 - 1].line <= findings[$0].line }) { return findings }
        let order = findings.indices.sorted { (findings[$0].line, $0) < (findings[$1].line, $1) }
        return order.map { findings[$0] }
    }

    /// One finding as a compiler-style line.
    static func line(_ finding: Finding) -> String {
        var text = ""
        append(finding, to: &text)
        return text
    }

    /// `findings` by line, one line each (with its line break), appended to `text` in one
    /// buffer sized for them beforehand.
    private static func appendLines(_ findings: [Finding], to text: inout String) {
        var size = text.utf8.count
        for finding in findings {
            size += finding.file.utf8.count + finding.ruleID.utf8.count + finding.message.utf8.count + (finding.context?.utf8.count ?? 0) + 64
        }
        text.reserveCapacity(size)
        for finding in byLine(findings) {
            append(finding, to: &text)
            text += "\n"
        }
    }

    /// Appends the line of ``line(_:)`` (without a line break) to `text`.
    private static func append(_ finding: Finding, to text: inout String) {
        text += finding.file
        if finding.line > 0 {
            text += ":"
            text += String(finding.line)
            if finding.column > 0 {
                text += ":"
                text += String(finding.column)
            }
        }
        text += ": "
        text += finding.severity.rawValue
        text += " "
        text += finding.ruleID
        text += " "
        text += finding.message
        if let context = finding.context, !context.isEmpty {
            text += " ("
            text += context
            text += ")"
        }
        if let element = finding.contextElement, element.position.isKnown, element.position != finding.position {
            text += " (in <\(element.name)> at \(element.position.line)"
            if element.position.column > 0 { text += ":\(element.position.column)" }
            text += ")"
        }
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
        // The usual title, short and on one line with single spaces, is shown as it is.
        let bytes = title.utf8
        if bytes.count <= 60, bytes.first != UInt8(ascii: " "), bytes.last != UInt8(ascii: " "),
            !zip(bytes, bytes.dropFirst()).contains(where: { $0 == UInt8(ascii: " ") && $1 == UInt8(ascii: " ") }),
            !bytes.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") })
        {
            return title
        }
        let single = title.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == " " }).joined(separator: " ")
        return single.count > 60 ? String(single.prefix(59)) + "…" : single
    }
}
