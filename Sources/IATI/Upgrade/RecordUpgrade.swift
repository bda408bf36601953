/// What the upgrade did to one record (activity or organisation).
public struct RecordUpgrade: Sendable, Hashable {
    /// The record's identifier (`iati-identifier`, `organisation-identifier`), if it has one.
    public var identifier: String?
    /// Line of the record's start tag in the original file.
    public var line: Int
    /// Which version the record was read as, and why.
    public var decision: VersionDecision
    /// The changes, in document order.
    public var changes: [UpgradeChange]
    /// What 2.03 requires that the upgraded record lacks.
    public var missing: [MissingContent]

    /// Makes a record's log.
    public init(identifier: String?, line: Int, decision: VersionDecision, changes: [UpgradeChange] = [], missing: [MissingContent] = []) {
        self.identifier = identifier
        self.line = line
        self.decision = decision
        self.changes = changes
        self.missing = missing
    }
}
