import IATI
public import LibXML

/// A validator a batch run reads XML files through: the hook through which `IATIValidation`
/// plugs into `iatix batch --validate`.
///
/// The validator itself is shared by all workers; each file is read, validated and handed on
/// on its worker thread.
public protocol BatchValidator: Sendable {
    /// Name and version, recorded in the manifest's options. Resuming redoes every file when
    /// it changes, because findings (and rejections) may change with it.
    var identity: String { get }

    /// Reads the document `reader` stands before with `iatix validate`'s file pass, handing its
    /// root, each record with its verdict, and the other elements under the root to
    /// `conversion` in document order.
    /// - Returns: the file's finding counts by severity, as `iatix validate` counts them
    ///   (a file that cannot be read has its critical finding).
    /// - Throws: what `conversion` throws.
    func validate(reader: XMLReader, into conversion: any ValidatedDocument) throws -> [String: Int]
}

/// What batch conversion takes from a validating read, in document order.
public protocol ValidatedDocument: AnyObject {
    /// The root element of an IATI file.
    func begin(root: ElementStart) throws
    /// One record as read, and whether it goes into the output.
    func record(_ record: Node, verdict: RecordVerdict) throws
    /// An element under the root that is not a record, as read.
    func other(_ element: Node) throws
    /// The file ended; `failure` says why reading stopped early (not well-formed, empty, not
    /// IATI), `nil` when it was read to its end.
    func end(failure: XMLError?)
}

/// Whether a checked activity is written.
public enum RecordVerdict: Sendable, Hashable {
    /// Written to the output.
    case keep
    /// Left out of the output, counted under `reason` (keep reasons short and few: they are
    /// the keys of the manifest's counts).
    case reject(reason: String)
}
