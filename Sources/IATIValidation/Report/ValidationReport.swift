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
        var counts = SeverityCounts([])
        for file in files { counts.add(file.counts) }
        return counts
    }

    /// Whether any finding is at least as serious as `threshold` (what `--fail-on` tests).
    public func hasFindings(atLeast threshold: Severity) -> Bool {
        files.contains { $0.findings.contains { $0.severity >= threshold } }
    }

    /// The report in one of the output formats.
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .text: TextReport.render(self)
        case .json: JSONReport.render(self)
        case .junit: JUnitReport.render(self)
        case .sarif: SARIFReport.render(self)
        }
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
}
