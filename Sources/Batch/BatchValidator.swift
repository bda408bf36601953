public import IATI
public import LibXML

/// A validator a batch run calls for every file it converts: the hook through which
/// `IATIValidation` plugs into `iatix batch --validate`.
///
/// The validator itself is shared by all workers; each file gets its own session, created,
/// used and finished on that file's worker thread.
public protocol BatchValidator: Sendable {
    /// Name and version, recorded in the manifest's options. Resuming redoes every file when
    /// it changes, because findings (and rejections) may change with it.
    var identity: String { get }

    /// Starts checking one file, after its root element has been read.
    /// - Parameters:
    ///   - file: the file's name for messages (`archive.zip/member.xml` for a member).
    ///   - header: the file's root element and declared version.
    func makeSession(file: String, header: DocumentHeader) -> any BatchValidationSession
}

/// Checks the activities of one file as they stream past.
public protocol BatchValidationSession: AnyObject {
    /// Checks one canonical activity (or organisation); returns whether it goes into the
    /// output. A rejected activity is counted under its reason in the manifest.
    func check(record: Node) -> RecordVerdict

    /// Finding counts for the whole file (by severity), once all records are checked.
    func finish() -> [String: Int]
}

/// Whether a checked activity is written.
public enum RecordVerdict: Sendable, Hashable {
    /// Written to the output.
    case keep
    /// Left out of the output, counted under `reason` (keep reasons short and few: they are
    /// the keys of the manifest's counts).
    case reject(reason: String)
}
