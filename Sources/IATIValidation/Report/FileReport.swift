/// What validating one file found.
public struct FileReport: Sendable {
    /// The input's name as given.
    public var file: String
    /// `iati-activities` or `iati-organisations`; `nil` when the file is not IATI (or not XML).
    public var fileType: String?
    /// The `version` attribute as written, if any.
    public var declaredVersion: String?
    /// Every finding, in document order (file-level findings where they were found).
    public var findings: [Finding]
    /// The activities (or organisations) in document order, when the caller asked to keep
    /// them (JUnit lists one test case each); otherwise empty.
    public var records: [RecordInfo]
    /// How many activities (or organisations) the file holds.
    public var recordCount: Int

    /// Makes a report.
    public init(
        file: String, fileType: String? = nil, declaredVersion: String? = nil,
        findings: [Finding] = [], records: [RecordInfo] = [], recordCount: Int = 0
    ) {
        self.file = file
        self.fileType = fileType
        self.declaredVersion = declaredVersion
        self.findings = findings
        self.records = records
        self.recordCount = recordCount
    }

    /// Findings per severity.
    public var counts: SeverityCounts { SeverityCounts(findings) }

    /// `true` when nothing critical was found (the official validator's notion of valid).
    public var isValid: Bool { !findings.contains { $0.severity == .critical } }
}

/// Numbers of findings per severity.
public struct SeverityCounts: Sendable, Hashable {
    public var critical = 0
    public var error = 0
    public var warning = 0
    public var info = 0

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
