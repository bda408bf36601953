/// What the upgrade did to one file, in counts: enough for a summary line and for deciding
/// whether a file was upgraded at all.
public struct UpgradeSummary: Sendable, Hashable {
    /// The version the root declares (trimmed), `nil` when it declares none.
    public var declaredVersion: String?
    /// What the records are called in messages: `activity` or `organisation`.
    public var recordName = "record"
    /// Records (activities or organisations) seen.
    public var records = 0
    /// Records per version they were read as.
    public var versions: [IATIVersion: Int] = [:]
    /// Records whose version was assumed (declaration missing, unknown or contradicted).
    public var assumedRecords = 0
    /// Changes per rule, the root's included.
    public var changes: [UpgradeRule: Int] = [:]
    /// Records that lack something 2.03 requires after the upgrade.
    public var incompleteRecords = 0
    /// Gaps per kind over all records.
    public var missing: [MissingContent.Kind: Int] = [:]
    /// Changes made to the root element (its version).
    public var rootChanges: [UpgradeChange] = []
    /// What the root lacks (no records at all).
    public var rootMissing: [MissingContent] = []
    /// Why the first record with an assumed version was read as it was.
    public var firstAssumption: String?

    /// An empty summary.
    public init() {}

    /// Whether anything was read as a version other than 2.03 or changed.
    public var isUpgrade: Bool {
        !changes.isEmpty || versions.keys.contains { $0 != .current } || assumedRecords > 0
    }

    /// All changes counted.
    public var totalChanges: Int { changes.values.reduce(0, +) }

    mutating func add(_ record: RecordUpgrade) {
        records += 1
        versions[record.decision.version, default: 0] += 1
        if record.decision.isAssumed {
            assumedRecords += 1
            if firstAssumption == nil { firstAssumption = record.decision.reason }
        }
        for change in record.changes { changes[change.rule, default: 0] += 1 }
        if !record.missing.isEmpty { incompleteRecords += 1 }
        for gap in record.missing { missing[gap.kind, default: 0] += 1 }
    }
}
