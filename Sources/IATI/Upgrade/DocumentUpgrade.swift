public import LibXML

/// The upgrade of one file to 2.03, as it streams: the root first (its `version` becomes
/// 2.03), then each record before canonicalisation (``upgrade(record:spec:)``) and after it
/// (``finish(record:spec:)``, which finds what 2.03 requires that the record lacks).
///
/// Records declared (or shown) to be 2.03 pass through unchanged. Each record's log goes to
/// ``onRecord`` as soon as it is complete, so memory holds one record's log at a time; the
/// counts stay in ``summary``.
public struct DocumentUpgrade {
    /// The file's name, for messages.
    public let file: String
    /// Counts over the records so far, and the root's changes.
    public private(set) var summary = UpgradeSummary()
    /// Called with each record's upgrade log once the record is complete (also for records
    /// that needed no change).
    public var onRecord: ((RecordUpgrade) -> Void)?

    private var fileLanguage: String?
    private var rootLine = 0
    private var isFinished = false
    private var pending: RecordUpgrade?

    /// Starts the upgrade of the file named `file`.
    public init(file: String) {
        self.file = file
    }

    /// The version the root declares, trimmed; `nil` when none.
    public var declaredVersion: String? { summary.declaredVersion }

    /// Sets the root's `version` to 2.03 (the declared one stays in ``summary``) and drops empty
    /// root attributes (`generated-datetime=""`), which 2.03 would reject.
    /// - Parameters:
    ///   - root: the root element as read (attributes only).
    ///   - spec: its catalogue spec (`iati-activities` or `iati-organisations`).
    public mutating func upgrade(root: inout Node, spec: ElementSpec) {
        let declared = root.attribute("version").map { String(Lexical.trimmed($0)) }
        summary.declaredVersion = declared.flatMap { $0.isEmpty ? nil : $0 }
        summary.recordName = spec.name == OrganisationCatalogue.root.name ? "organisation" : "activity"
        fileLanguage = Version1Upgrader.language(of: root)
        rootLine = root.line
        let current = IATIVersion.current.rawValue
        var recorder = UpgradeRecorder()
        var attributes: [Attribute] = []
        for attribute in root.attributes {
            if attribute.namespace == nil, attribute.name == "version" { continue }
            if declared != current, attribute.namespace == nil, Lexical.trimmed(attribute.value).isEmpty,
                spec.attribute(attribute.name)?.type != .string
            {
                recorder.record(.emptyDropped, line: root.line, from: UpgradePlace(path: root.name + "/@" + attribute.name, value: attribute.value), to: nil)
                continue
            }
            attributes.append(attribute)
        }
        if declared != current {
            recorder.record(.version, line: root.line, from: declared.map { UpgradePlace(path: root.name + "/@version", value: $0) },
                to: UpgradePlace(path: root.name + "/@version", value: current),
                note: declared.map { IATIVersion(declared: $0) == nil ? "\"\($0)\" is not an IATI version; each record says which version it was read as" : nil } ?? "no version was declared")
        }
        attributes.insert(Attribute(name: "version", value: current), at: 0)
        root.attributes = attributes
        summary.rootChanges = recorder.changes
        for change in recorder.changes { summary.changes[change.rule, default: 0] += 1 }
    }

    /// The record in the shape of 2.03, ready for canonicalisation; unchanged when it is 2.03.
    /// - Parameters:
    ///   - record: an `iati-activity` or `iati-organisation` as read.
    ///   - spec: its catalogue spec.
    public mutating func upgrade(record: Node, spec: ElementSpec) -> Node {
        flushPending()
        let (upgraded, log) = recordUpgrader.upgrade(record, spec: spec)
        pending = log
        return upgraded
    }

    /// What ``upgrade(record:spec:)`` runs on each record, once the root is read: for records
    /// upgraded elsewhere (on a reading thread), whose logs come back through ``add(finished:)``.
    var recordUpgrader: Upgrader {
        Upgrader(fileVersion: summary.declaredVersion, fileLanguage: fileLanguage)
    }

    /// Logs a record read as 2.03 that needed no change (for records that did not go through
    /// ``upgrade(record:spec:)`` because they showed no older content).
    public mutating func passThrough(identifier: String?, line: Int) {
        flushPending()
        let log = RecordUpgrade(
            identifier: identifier, line: line, decision: VersionDecision(declared: summary.declaredVersion, version: .current))
        summary.add(log)
        onRecord?(log)
    }

    /// Completes the log of the record last upgraded with what its canonical form still lacks,
    /// and hands the log to ``onRecord``.
    /// - Parameters:
    ///   - record: the canonical form of the record last passed to ``upgrade(record:spec:)``.
    ///   - spec: its catalogue spec.
    public mutating func finish(record: Node, spec: ElementSpec) {
        guard let log = pending else { return }
        pending = nil
        add(finished: Self.completed(log, canonical: record, spec: spec))
    }

    /// `log` with what `canonical`, its record's canonical form, lacks for 2.03: for a record
    /// read as an older version, or changed.
    static func completed(_ log: RecordUpgrade, canonical: Node, spec: ElementSpec) -> RecordUpgrade {
        guard log.decision.version != .current || log.decision.isAssumed || !log.changes.isEmpty else { return log }
        var log = log
        log.missing = Upgrader.missing(in: canonical, spec: spec)
        return log
    }

    /// Counts the complete log of the next record (upgraded and finished elsewhere, see
    /// ``recordUpgrader``) and hands it to ``onRecord``.
    mutating func add(finished log: RecordUpgrade) {
        flushPending()
        summary.add(log)
        onRecord?(log)
    }

    /// Completes the file: a root that holds fewer records than 2.03 requires (an empty
    /// `iati-activities`) is reported in ``UpgradeSummary/rootMissing``.
    /// - Parameter spec: the root's catalogue spec.
    public mutating func finishDocument(spec: ElementSpec) {
        flushPending()
        guard !isFinished else { return }
        isFinished = true
        guard summary.declaredVersion != IATIVersion.current.rawValue || summary.isUpgrade, let slot = spec.children.first,
            summary.records < slot.minOccurs
        else { return }
        summary.rootMissing.append(MissingContent(
            kind: .element, path: spec.name + "/" + slot.element.name, element: spec.name, item: slot.element.name, line: rootLine,
            message: "<\(spec.name)> holds no <\(slot.element.name)>; 2.03 requires at least \(slot.minOccurs)"))
        summary.missing[.element, default: 0] += 1
    }

    /// Hands on a record whose canonical form never came (for callers that skip ``finish``).
    private mutating func flushPending() {
        guard let log = pending else { return }
        pending = nil
        summary.add(log)
        onRecord?(log)
    }

    /// The identifier of a record as read: `iati-identifier` (or 1.0x/2.x organisation identifier).
    static func identifier(of record: Node) -> String? {
        for name in ["iati-identifier", "organisation-identifier"] {
            if let child = record.child(name) {
                let text = String(Lexical.trimmed(child.text))
                if !text.isEmpty { return text }
            }
        }
        return nil
    }
}
