public import LibXML

/// Upgrades one record (an `iati-activity` or `iati-organisation` as read, before
/// canonicalisation) of version 1.01–1.05, 2.01 or 2.02 to the shape of 2.03, and says what it
/// changed. ``DocumentUpgrade`` runs it on every record of a file; use it directly for records
/// that come from elsewhere.
public struct Upgrader: Sendable {
    /// The version the record's file declares (its root's `version`), if any.
    public var fileVersion: String?
    /// The file's `xml:lang`, which narratives without their own inherit.
    public var fileLanguage: String?

    /// An upgrader for records of a file that declares `fileVersion` and `fileLanguage`.
    public init(fileVersion: String? = nil, fileLanguage: String? = nil) {
        self.fileVersion = fileVersion
        self.fileLanguage = fileLanguage
    }

    /// The record in the shape of 2.03, and its log (without ``RecordUpgrade/missing``, which
    /// needs the canonical form: see ``missing(in:spec:)``).
    /// - Parameters:
    ///   - record: the record as read.
    ///   - spec: its catalogue spec (``ActivityCatalogue/activity`` or ``OrganisationCatalogue/organisation``).
    /// - Returns: the record unchanged when it is 2.03.
    public func upgrade(_ record: Node, spec: ElementSpec = ActivityCatalogue.activity) -> (record: Node, log: RecordUpgrade) {
        let decision = VersionDetector.decide(fileDeclared: fileVersion, record: record, spec: spec)
        var log = RecordUpgrade(identifier: DocumentUpgrade.identifier(of: record), line: record.line, decision: decision)
        var upgraded = record
        if decision.version.isVersion1 {
            var upgrader = Version1Upgrader(fileLanguage: fileLanguage)
            upgraded = upgrader.upgrade(record: record, spec: spec)
            log.changes = upgrader.recorder.changes
        }
        if decision.version != .current || decision.isAssumed {
            var recorder = UpgradeRecorder()
            WithdrawnCodes.scan(upgraded, spec: spec, path: UpgradePath(record: record.name), into: &recorder)
            log.changes += recorder.changes
        }
        if decision.isAssumed {
            let rootName = spec.name == OrganisationCatalogue.organisation.name ? OrganisationCatalogue.root.name : ActivityCatalogue.root.name
            log.changes.insert(UpgradeChange(
                rule: .versionAssumed, line: record.line,
                from: decision.declared.map { declared in
                    UpgradePlace(path: (decision.isDeclaredByRecord ? record.name : rootName) + "/@version", value: declared)
                },
                to: UpgradePlace(path: record.name, value: decision.version.rawValue), note: decision.reason), at: 0)
        }
        return (upgraded, log)
    }

    /// The language that narratives without their own inherit from `root` (its `xml:lang`,
    /// trimmed); `nil` when it has none.
    public static func language(ofRoot root: Node) -> String? {
        Version1Upgrader.language(of: root)
    }

    /// What a canonical record lacks for the 2.03 schema (required elements and attributes,
    /// too many elements, invalid values, content 2.03 does not allow).
    public static func missing(in canonical: Node, spec: ElementSpec = ActivityCatalogue.activity) -> [MissingContent] {
        CompletenessCheck.missing(in: canonical, spec: spec)
    }
}
