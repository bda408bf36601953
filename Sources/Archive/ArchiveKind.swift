/// The archive layouts iatix reads in place.
public enum ArchiveKind: String, Sendable, CaseIterable {
    /// A ZIP archive (`.zip`), read through its central directory.
    case zip
    /// An uncompressed tar archive (`.tar`).
    case tar
    /// A gzip-compressed tar archive (`.tar.gz`, `.tgz`), read as one stream.
    case compressedTar = "tar.gz"

    /// The kind named by the file name's extension (case-insensitive), `nil` for other files.
    public static func detect(path: String) -> ArchiveKind? {
        let lower = path.lowercased()
        if lower.hasSuffix(".zip") { return .zip }
        if lower.hasSuffix(".tar") { return .tar }
        if lower.hasSuffix(".tar.gz") || lower.hasSuffix(".tgz") { return .compressedTar }
        return nil
    }

    /// Whether reaching a member means decompressing everything before it (no seeking).
    public var isSequential: Bool { self == .compressedTar }
}
