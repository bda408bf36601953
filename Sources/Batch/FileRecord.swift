import LibXML

/// What a batch did with one input file or archive member: one entry of the manifest.
public struct FileRecord: Sendable, Hashable {
    /// How the file ended.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Converted in this run; the output is in place.
        case converted
        /// Skipped: same content hash and options as the run that wrote its output.
        case unchanged
        /// Could not be converted (see ``FileRecord/error``); no output was written.
        case failed
        /// Not reached, or stopped midway, because the run was interrupted.
        case notDone = "not-done"
    }

    /// The file as found (for an archive member: the archive file).
    public var path: String
    /// The member's path inside the archive, as stored there.
    public var member: String?
    /// The output's path relative to the output folder, when the file has one.
    public var output: String?
    /// How the file ended.
    public var status: Status
    /// Bytes of the document as parsed (after gzip decompression).
    public var size: Int?
    /// SHA-256 of those bytes.
    public var sha256: String?
    /// The `version` the file declares.
    public var version: String?
    /// Activities (organisations, in an organisation file) read completely.
    public var read = 0
    /// Activities in the finished output.
    public var written = 0
    /// Activities read but not in the output; `read == written + rejected`.
    public var rejected = 0
    /// Why activities were rejected, with counts that add up to ``rejected``.
    public var reasons: [String: Int] = [:]
    /// What conversion kept and noted, by kind (`extension`, `unknown-content`, ...).
    public var notices: [String: Int] = [:]
    /// What the output could not hold and left out: with `--to jsonl`, the file's own
    /// extensions (attributes of its root in other namespaces, as `prefix:name`, and elements
    /// after the records, as `<prefix:name>`), since JSON Lines holds records only.
    public var leftOut: [String] = []
    /// Validation findings, or why there are none.
    public var validation: ValidationOutcome = .notRequested
    /// The identifiers of the records read in this run, for the manifest's list of identifiers
    /// met in more than one file (not written per file; empty for files not read).
    public var identifiers: [IdentifierStamp] = []
    /// Why the file failed or was not done.
    public var error: String?
    /// Seconds spent on the file in this run.
    public var duration: Double = 0

    /// A record with nothing counted yet.
    public init(path: String, member: String?, output: String?, status: Status) {
        self.path = path
        self.member = member
        self.output = output
        self.status = status
    }

    /// `archive/member` for a member, the path otherwise.
    public var displayName: String {
        member.map { "\(path)/\($0)" } ?? path
    }
}

/// Validation's part of a record.
public enum ValidationOutcome: Sendable, Hashable {
    /// `--validate` was not given.
    case notRequested
    /// `--validate` was given but this build has no validator.
    case notAvailable
    /// Findings by severity (or whatever categories the validator reports).
    case findings([String: Int])
}

/// A record's identifier and when it was last updated, as the record says.
public struct IdentifierStamp: Sendable, Hashable {
    /// `iati-identifier` (`organisation-identifier` for an organisation), trimmed.
    public var identifier: String
    /// The record's `last-updated-datetime`, as written.
    public var lastUpdated: String?

    init(identifier: String, lastUpdated: String?) {
        self.identifier = identifier
        self.lastUpdated = lastUpdated
    }

    /// The stamp of a canonical record (text already trimmed); `nil` when it has no identifier.
    init?(record: Node) {
        let element = record.child("iati-identifier") ?? record.child("organisation-identifier")
        guard let text = element?.text, !text.isEmpty else { return nil }
        identifier = text
        lastUpdated = record.attribute("last-updated-datetime")
    }
}
