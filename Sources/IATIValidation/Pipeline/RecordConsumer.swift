public import LibXML

/// Takes what a file validation reads, besides its report: the root, each record with its
/// findings, and the other elements under the root, in document order. Through it
/// `iatix batch --validate` converts the records the validation read, so that both see the
/// same records and the same findings as `iatix validate`.
///
/// With a consumer, records are checked on the reading thread, each handed on right after
/// its checks.
public protocol RecordConsumer: AnyObject {
    /// The root element of an IATI file, once its checks are done, before any record.
    func begin(root: ElementStart) throws
    /// One record with its findings (its structure, codelists and rules; the file's findings,
    /// such as a repeated identifier, are not among them).
    /// - Parameter record: the record as read: detached from the reader, or (in a 1.0x file)
    ///   copied as written, before the upgrade the checks ran on.
    func record(_ record: RuleRecord, findings: [Finding]) throws
    /// An element under the root that is not a record (an extension, an unknown element).
    func other(_ element: Node) throws
    /// The file ended; `failure` says why reading it stopped early (not well-formed, empty,
    /// not IATI), `nil` when it was read to its end.
    func end(failure: XMLError?)
}

/// An error a ``RecordConsumer`` threw, carried out of the file pass.
struct ConsumerStop: Error {
    let error: any Error
}
