public import Inputs

/// A ``TableOutput`` that keeps each input document apart, as a database does with one
/// transaction per file: the run tells it where each document starts and ends.
///
/// The run calls ``beginDocument(_:cursor:)`` before reading a document, then either
/// ``endDocument(sha256:)`` once it was read to its end, or ``abandonDocument()`` when reading
/// failed part-way (or `endDocument` threw): the output then drops every row of that document.
public protocol DocumentBoundaries: AnyObject {
    /// Starts `document`.
    /// - Parameter cursor: the run's archive cursor, to read the document ahead when needed
    ///   (to hash it); it is moved back to the member when the run reads it.
    /// - Returns: why the document is to be skipped (already in the output, say), or `nil` to read it.
    func beginDocument(_ document: InputDocument, cursor: ArchiveCursor) throws -> String?
    /// Keeps the rows of the document read to its end.
    /// - Parameter sha256: the SHA-256 of its bytes.
    /// - Returns: why its rows were not kept after all (already in the output), or `nil` when they were.
    func endDocument(sha256: String) throws -> String?
    /// Drops every row of the document started.
    func abandonDocument()
}

/// An error of the output itself, not of the document being read (a database another process
/// is writing, say): thrown by a ``DocumentBoundaries`` output or its rows, it stops the run
/// (``FlattenError/cannotWrite(_:)``, with this description) instead of being reported as a
/// problem of that document while the run goes on to the next.
public protocol OutputUnavailable: Error, CustomStringConvertible {}
