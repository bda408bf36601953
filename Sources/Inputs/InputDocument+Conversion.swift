public import IATI
import LibXML

extension InputDocument {
    /// Reads the document to its end through ``IATI/Conversion`` into `writer`, hashing its
    /// bytes on the way (after gzip decompression, as `iatix batch`'s manifest).
    /// - Returns: the SHA-256 of the whole document, in lowercase hex.
    /// - Throws: ``LibXML/XMLError`` when it cannot be opened or read to its end.
    public func read(into writer: any DocumentWriter, cursor: ArchiveCursor) throws -> String {
        let bytes = HashingSource(try openForReading(with: cursor))
        try Conversion.run(try Conversion.source(name: displayName, bytes: bytes, format: .xml), into: writer)
        try bytes.drain()
        return bytes.hexDigest
    }

    /// Reads the document to its end into `writer`, as ``read(into:cursor:)`` does, without
    /// hashing it (for a caller that has no use for the hash).
    public func readUnhashed(into writer: any DocumentWriter, cursor: ArchiveCursor) throws {
        try Conversion.run(try Conversion.source(name: displayName, bytes: try openForReading(with: cursor), format: .xml), into: writer)
    }
}
