/// What validating one file found.
public struct FileReport: Sendable {
    /// The input's name as given.
    public var file: String
    /// `iati-activities` or `iati-organisations`; `nil` when the file is not IATI (or not XML).
    public var fileType: String?
    /// The `version` attribute as written, if any.
    public var declaredVersion: String?
    /// Findings about the file as a whole, in the order found.
    public var fileFindings: [Finding]
    /// Findings about the records, record after record in document order.
    public var recordFindings: [Finding]
    /// The records with findings in document order, or every record when the validator was
    /// asked to keep them all (the JUnit report lists one test case each).
    public var records: [RecordInfo]
    /// How many activities (or organisations) the file holds.
    public var recordCount: Int

    /// Makes a report.
    public init(
        file: String, fileType: String? = nil, declaredVersion: String? = nil,
        fileFindings: [Finding] = [], recordFindings: [Finding] = [], records: [RecordInfo] = [], recordCount: Int = 0
    ) {
        self.file = file
        self.fileType = fileType
        self.declaredVersion = declaredVersion
        self.fileFindings = fileFindings
        self.recordFindings = recordFindings
        self.records = records
        self.recordCount = recordCount
    }

    /// Every finding: the file's, then the records'.
    public var findings: [Finding] { fileFindings + recordFindings }

    /// Findings per severity.
    public var counts: SeverityCounts { SeverityCounts(findings) }

    /// `true` when nothing critical was found (the official validator's notion of valid).
    public var isValid: Bool { !findings.contains { $0.severity == .critical } }

    /// Sends the report to `sink`, as the validator would have while reading the file.
    public func replay(into sink: any ReportSink) {
        sink.beginFile(file, fileType: fileType)
        var byRecord: [String: [Finding]] = [:]
        for finding in recordFindings {
            if let record = finding.record { byRecord[record, default: []].append(finding) }
        }
        for record in records {
            sink.record(record, findings: byRecord.removeValue(forKey: record.identifier) ?? [])
        }
        sink.endFile(FileSummary(
            file: file, fileType: fileType, declaredVersion: declaredVersion,
            fileFindings: fileFindings, counts: counts, recordCount: recordCount))
    }
}

/// Numbers of findings per severity.
public struct SeverityCounts: Sendable, Hashable {
    public var critical = 0
    public var error = 0
    public var warning = 0
    public var info = 0

    /// No findings.
    public init() {}

    /// Counts `findings`.
    public init<S: Sequence>(_ findings: S) where S.Element == Finding {
        for finding in findings { add(finding.severity) }
    }

    /// Adds one finding of `severity`.
    public mutating func add(_ severity: Severity) {
        switch severity {
        case .critical: critical += 1
        case .error: error += 1
        case .warning: warning += 1
        case .info: info += 1
        }
    }

    /// Adds other counts.
    public mutating func add(_ other: SeverityCounts) {
        critical += other.critical
        error += other.error
        warning += other.warning
        info += other.info
    }

    /// How many findings are at least as serious as `severity`.
    public func atLeast(_ severity: Severity) -> Int {
        switch severity {
        case .critical: critical
        case .error: critical + error
        case .warning: critical + error + warning
        case .info: critical + error + warning + info
        }
    }

    /// All findings.
    public var total: Int { critical + error + warning + info }
}
