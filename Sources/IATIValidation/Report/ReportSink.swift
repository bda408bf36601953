/// Receives a validation's results as they are found: per file, each record (activity or
/// organisation) in document order with its findings, then what concerns the file as a whole.
///
/// The validator calls one sink from one thread. Report writers implement it to stream
/// reports without keeping the findings; ``ReportCollector`` keeps them as ``FileReport``s.
public protocol ReportSink: AnyObject {
    /// A file's validation starts; `fileType` is `iati-activities` or `iati-organisations`,
    /// `nil` when the file is not IATI (or not XML).
    func beginFile(_ name: String, fileType: String?)
    /// One record of the file, with its findings (possibly none), in document order.
    func record(_ record: RecordInfo, findings: [Finding])
    /// The file is done: its file-level findings and totals.
    func endFile(_ summary: FileSummary)
    /// No more files.
    func finish()
}

/// What a sink learns when a file is done.
public struct FileSummary: Sendable {
    /// The input's name as given.
    public var file: String
    /// `iati-activities` or `iati-organisations`; `nil` when the file is not IATI.
    public var fileType: String?
    /// The `version` attribute as written, if any.
    public var declaredVersion: String?
    /// Findings about the file as a whole (not well-formed, not IATI, the root, duplicates).
    public var fileFindings: [Finding]
    /// Findings per severity, file-level and records together.
    public var counts: SeverityCounts
    /// How many activities (or organisations) the file holds.
    public var recordCount: Int

    /// Makes a summary.
    public init(file: String, fileType: String?, declaredVersion: String?, fileFindings: [Finding], counts: SeverityCounts, recordCount: Int) {
        self.file = file
        self.fileType = fileType
        self.declaredVersion = declaredVersion
        self.fileFindings = fileFindings
        self.counts = counts
        self.recordCount = recordCount
    }

    /// `true` when nothing critical was found (the official validator's notion of valid).
    public var isValid: Bool { counts.critical == 0 }

    /// "activity"/"activities" or "organisation"/"organisations".
    var recordWords: (singular: String, plural: String) {
        fileType == "iati-organisations" ? ("organisation", "organisations") : ("activity", "activities")
    }
}

/// A sink that keeps everything: one ``FileReport`` per file.
public final class ReportCollector: ReportSink {
    /// The reports of the files done so far.
    public private(set) var reports: [FileReport] = []
    private var current: FileReport?
    private let keepsAllRecords: Bool

    /// - Parameter keepsAllRecords: list every record, not only those with findings.
    public init(keepsAllRecords: Bool = false) {
        self.keepsAllRecords = keepsAllRecords
    }

    public func beginFile(_ name: String, fileType: String?) {
        current = FileReport(file: name, fileType: fileType)
    }

    public func record(_ record: RecordInfo, findings: [Finding]) {
        current?.recordFindings += findings
        if keepsAllRecords || !findings.isEmpty { current?.records.append(record) }
    }

    public func endFile(_ summary: FileSummary) {
        guard var report = current else { return }
        report.fileType = summary.fileType
        report.declaredVersion = summary.declaredVersion
        report.fileFindings = summary.fileFindings
        report.recordCount = summary.recordCount
        reports.append(report)
        current = nil
    }

    public func finish() {}
}
