public import IATI
/// What validating one or more files found, in the order the files were given.
public struct ValidationReport: Sendable {
    /// One report per input file.
    public var files: [FileReport]

    /// Makes a report of several files.
    public init(files: [FileReport] = []) {
        self.files = files
    }

    /// Findings per severity over all files.
    public var counts: SeverityCounts {
        var counts = SeverityCounts()
        for file in files { counts.add(file.counts) }
        return counts
    }

    /// Whether any finding is at least as serious as `threshold` (what `--fail-on` tests).
    public func hasFindings(atLeast threshold: Severity) -> Bool {
        files.contains { $0.findings.contains { $0.severity >= threshold } }
    }

    /// The report in one of the output formats (what the streaming writer of that format
    /// would have written); `details`: JSON findings carry the official `details` object.
    public func rendered(as format: ReportFormat, details: Bool = false) -> String {
        var text = ""
        let writer = format.writer(fileCount: files.count, details: details) { text += $0 }
        for file in files { file.replay(into: writer) }
        writer.finish()
        return text
    }
}

/// The formats a report can be written in.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// `file:line:col: severity id message` lines grouped by activity, then a summary line.
    case text
    /// The official IATI Validator's report (`validationReport.schema.json`); several files
    /// make an array of reports.
    case json
    /// JUnit XML: a test suite per file, a test case per activity.
    case junit
    /// SARIF 2.1.0 for code-scanning views.
    case sarif
    /// One self-contained HTML page for people, in English or Vietnamese.
    case html

    /// A sink writing this format as results arrive.
    /// - Parameters:
    ///   - fileCount: how many files will be reported (JSON writes one report object for one
    ///     file, an array of them otherwise).
    ///   - output: receives the text in pieces, in order.
    ///   - language: the words of the HTML page.
    ///   - grouped: JSON only: findings grouped by activity and category (the official
    ///     default), else one flat list.
    ///   - sourcePath: HTML only: the file to quote a reported name's lines from (by default
    ///     the name itself).
    ///   - details: JSON only: each finding carries the official validator's `details` object
    ///     (the rule's context element and the nodes of its case, with their lines and columns).
    ///   - prefixList: JSON only: the registration agency prefix list the rules used
    ///     (``RulesProvider/prefixListName``), `nil` when no rules ran.
    public func writer(
        fileCount: Int, language: ReportLanguage = .en, grouped: Bool = true, sourcePath: ((String) -> String)? = nil,
        details: Bool = false, prefixList: String? = nil, output: @escaping (String) -> Void
    ) -> any ReportSink {
        switch self {
        case .text: TextWriter(output: output)
        case .json:
            JSONWriter(output: output, asArray: fileCount != 1, grouped: grouped, details: details, orgIdPrefixFileName: prefixList ?? "")
        case .junit: JUnitWriter(output: output)
        case .sarif: SARIFWriter(output: output)
        case .html: HTMLWriter(output: output, language: language, sourcePath: sourcePath)
        }
    }
}

/// Collects a writer's text and hands it on in pieces of at least 64 KiB.
final class BufferedOutput {
    private var buffer = ""
    private let output: (String) -> Void

    init(_ output: @escaping (String) -> Void) {
        self.output = output
    }

    func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        output(buffer)
        buffer = ""
    }
}

/// Singular or plural wording for counts.
enum Plural {
    static func of(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : (plural ?? singular + "s"))"
    }
}
