import Foundation
import IATI
import LibXML

/// The HTML report: one self-contained page per run, for the people who receive a partner's
/// file. A summary table of the files, then per file its file-level findings and its
/// activities' findings, grouped by severity, each with its rule, its guidance and the XML
/// lines around it. English or Vietnamese words; no script, no outside resource.
///
/// The page is written when the run ends (the summary comes first); each file keeps at most
/// ``shownPerFile`` findings in detail, so memory stays bounded on large files.
final class HTMLWriter: ReportSink {
    static let shownPerFile = 500

    private struct RecordSection {
        var info: RecordInfo
        var findings: [Finding]
    }

    private let output: (String) -> Void
    private let words: HTMLWords
    private var rows: [String] = []
    private var sections: [String] = []
    private var totals = SeverityCounts()
    private var records: [RecordSection] = []
    private var shown = 0
    private var hidden = 0

    /// Where a file's lines are read again for the excerpts, by the name it is reported as.
    private let sourcePath: (String) -> String

    /// - Parameter sourcePath: the file holding the content reported under a name (a server's
    ///   copy of an upload); by default the name itself.
    init(output: @escaping (String) -> Void, language: ReportLanguage, sourcePath: ((String) -> String)? = nil) {
        self.output = output
        self.words = HTMLWords(language: language)
        self.sourcePath = sourcePath ?? { $0 }
    }

    func beginFile(_ name: String, fileType: String?) {
        records = []
        shown = 0
        hidden = 0
    }

    func record(_ record: RecordInfo, findings: [Finding]) {
        guard !findings.isEmpty else { return }
        let room = max(0, Self.shownPerFile - shown)
        hidden += max(0, findings.count - room)
        guard room > 0 else { return }
        let kept = Array(findings.prefix(room))
        shown += kept.count
        records.append(RecordSection(info: record, findings: kept))
    }

    func endFile(_ summary: FileSummary) {
        totals.add(summary.counts)
        rows.append(summaryRow(summary))
        let places = (summary.fileFindings + records.flatMap(\.findings)).map { (line: $0.line, column: $0.column) }
        // Only a file that is there can be read again (not standard input, not an archive member).
        let source = sourcePath(summary.file)
        let excerpts = SourceExcerpts(path: source, places: FileManager.default.fileExists(atPath: source) ? places : [])
        var html = "<section class=\"file\"><h2>\(escaped(summary.file))</h2>\n"
        if summary.counts.total == 0 { html += "<p class=\"none\">\(words.noFindings)</p>\n" }
        if !summary.fileFindings.isEmpty {
            html += "<h3>\(words.fileLevel)</h3>\n" + findingsHTML(summary.fileFindings, excerpts: excerpts)
        }
        for section in records {
            var heading = "\(words.activity) <code>\(escaped(section.info.identifier))</code>"
            if let title = section.info.title, !title.isEmpty { heading += " — \(escaped(title))" }
            if section.info.line > 0 { heading += " <span class=\"where\">(\(words.line) \(section.info.line))</span>" }
            html += "<h3>\(heading)</h3>\n" + findingsHTML(section.findings, excerpts: excerpts)
        }
        if hidden > 0 { html += "<p class=\"more\">\(escaped(words.notShown(hidden)))</p>\n" }
        sections.append(html + "</section>\n")
        records = []
    }

    func finish() {
        var page = """
            <!DOCTYPE html>
            <html lang="\(words.language.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(words.title)</title>
            <style>\(Self.style)</style></head><body>
            <h1>\(words.title)</h1>
            <p class="where">\(words.generated) iatix</p>
            <h2>\(words.summary)</h2>
            <table><thead><tr><th>\(words.file)</th><th>\(words.type)</th><th>\(words.records)</th>
            <th>\(words.severity(.critical))</th><th>\(words.severity(.error))</th><th>\(words.severity(.warning))</th><th>\(words.verdict)</th></tr></thead><tbody>

            """
        page += rows.joined()
        if rows.count > 1 {
            page += "<tr class=\"total\"><td>\(words.total)</td><td></td><td></td>\(countCells(totals))<td></td></tr>\n"
        }
        page += "</tbody></table>\n" + sections.joined() + "</body></html>\n"
        output(page)
    }

    // MARK: Pieces

    private func summaryRow(_ summary: FileSummary) -> String {
        var kind = summary.fileType ?? words.notIATI
        if let version = summary.declaredVersion { kind += " \(version)" }
        let verdict = summary.isValid ? "<span class=\"ok\">\(words.valid)</span>" : "<span class=\"bad\">\(words.invalid)</span>"
        return "<tr><td>\(escaped(summary.file))</td><td>\(escaped(kind))</td><td class=\"n\">\(words.number(summary.recordCount))</td>"
            + countCells(summary.counts) + "<td>\(verdict)</td></tr>\n"
    }

    private func countCells(_ counts: SeverityCounts) -> String {
        [counts.critical, counts.error, counts.warning].map { "<td class=\"n\">\(words.number($0))</td>" }.joined()
    }

    /// Findings by severity (the most serious first), then by line.
    private func findingsHTML(_ findings: [Finding], excerpts: SourceExcerpts) -> String {
        var html = ""
        for severity in Severity.allCases.reversed() {
            let group = findings.filter { $0.severity == severity }.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
            guard !group.isEmpty else { continue }
            html += "<h4 class=\"\(severity.rawValue)\">\(words.severity(severity)) (\(words.number(group.count)))</h4><ul>\n"
            for finding in group { html += "<li>" + findingHTML(finding, excerpts: excerpts) + "</li>\n" }
            html += "</ul>\n"
        }
        return html
    }

    private func findingHTML(_ finding: Finding, excerpts: SourceExcerpts) -> String {
        var place = ""
        if finding.line > 0 {
            place = "\(words.line) \(finding.line)"
            if finding.column > 0 { place += ", \(words.column) \(finding.column)" }
        }
        var html = "<span class=\"badge \(finding.severity.rawValue)\">\(words.badge(finding.severity))</span> "
        html += "<span class=\"rule\">\(words.rule) \(escaped(finding.ruleID)) · \(escaped(finding.category.rawValue))</span> "
        if !place.isEmpty { html += "<span class=\"where\">\(place)</span>" }
        html += "<p class=\"message\">\(escaped(finding.message))</p>"
        if let context = finding.context, !context.isEmpty { html += "<p class=\"context\">\(escaped(context))</p>" }
        if !finding.location.isEmpty { html += "<p class=\"path\"><code>\(escaped(finding.location))</code></p>" }
        if finding.line > 0 {
            let numbers = max(1, finding.line - 1)...(finding.line + 1)
            let shown = numbers.compactMap { number in excerpts.lines[number].map { (number, $0) } }
            if !shown.isEmpty {
                html += "<pre>" + shown.map { number, text in
                    let line = "\(String(repeating: " ", count: max(0, 6 - String(number).count)))\(number)  \(escaped(text))"
                    return number == finding.line ? "<mark>\(line)</mark>" : line
                }.joined(separator: "\n") + "</pre>"
            }
        }
        return html
    }

    private func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        XMLWriter.appendEscaped(text, attribute: true, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let style = """
        body{font:15px/1.45 system-ui,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#1d2733}
        h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:2px solid #d5dde6;padding-bottom:.2em}
        h3{font-size:1.05em;margin:1.4em 0 .3em}h4{margin:.8em 0 .2em;font-size:.95em}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #d5dde6;padding:.3em .5em;text-align:left;vertical-align:top}
        th{background:#eef2f6}td.n{text-align:right}tr.total td{font-weight:bold}
        ul{list-style:none;padding-left:0}li{border-left:4px solid #d5dde6;margin:.5em 0;padding:.2em .7em}
        .badge{display:inline-block;border-radius:3px;padding:0 .4em;color:#fff;font-size:.85em}
        .badge.critical{background:#8b1a1a}.badge.error{background:#c0392b}.badge.warning{background:#b9770e}.badge.info{background:#2e6da4}
        h4.critical,h4.error{color:#8b1a1a}h4.warning{color:#8a5a00}
        .rule,.where{color:#56636f;font-size:.9em}.message,.context,.path{margin:.2em 0}.path code{font-size:.85em;color:#56636f}
        pre{background:#f6f8fa;border:1px solid #e1e6eb;padding:.4em;overflow-x:auto;font-size:.85em}mark{background:#fff3bf;display:inline-block;width:100%}
        .ok{color:#1e7b34;font-weight:bold}.bad{color:#8b1a1a;font-weight:bold}.none{color:#1e7b34}.more{font-style:italic}
        """
}
