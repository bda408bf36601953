/// One entry of an archive, described (its content is read through ``ArchiveReader``).
public struct ArchiveMember: Sendable, Hashable {
    /// What an entry is.
    public enum Kind: Sendable, Hashable {
        /// A regular file (libarchive's `AE_IFREG`).
        case file
        /// A folder entry (`AE_IFDIR`).
        case directory
        /// Links, devices and anything else.
        case other
    }

    /// Position in the archive, counting from 0 over all entries.
    public var index: Int
    /// The path stored in the archive, as written there (not made safe).
    public var path: String
    /// Uncompressed size, when the archive records it.
    public var size: Int?
    /// File, folder or other.
    public var kind: Kind
    /// Whether the entry is encrypted (iatix cannot read it).
    public var isEncrypted: Bool

    /// Describes an entry.
    public init(index: Int, path: String, size: Int?, kind: Kind, isEncrypted: Bool) {
        self.index = index
        self.path = path
        self.size = size
        self.kind = kind
        self.isEncrypted = isEncrypted
    }
}
