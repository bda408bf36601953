public import LibXML

/// The content of one archive member as a ``ByteSource``, decompressed as it is read.
///
/// Valid until its ``ArchiveReader`` moves to another member; reading after that throws.
/// Not `Sendable`: it shares the reader's libarchive handle.
public final class ArchiveMemberSource: ByteSource {
    /// The member being read.
    public let member: ArchiveMember
    private let reader: ArchiveReader
    private let generation: Int

    init(reader: ArchiveReader, member: ArchiveMember, generation: Int) {
        self.reader = reader
        self.member = member
        self.generation = generation
    }

    /// Fills `buffer` with the member's next bytes; 0 at its end.
    /// - Throws: ``ArchiveError`` when the data is corrupt, encrypted, or the reader has moved on.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try reader.readData(into: buffer, generation: generation)
    }
}
