internal import CLibArchive

/// Reads an archive's members in order, without unpacking anything to disk.
///
/// Owns one libarchive read handle (`struct archive *`), freed in `deinit`; this is the only
/// type that touches it. ZIP archives are read through their central directory and plain tar
/// archives seek past members that are not read; a compressed tar is one stream, so reaching a
/// member decompresses everything before it.
///
/// Not `Sendable`: one reader belongs to one thread. Open one reader per thread to read the
/// same archive from several threads.
public final class ArchiveReader {
    /// The archive file as the caller named it.
    public let path: String
    private let handle: OpaquePointer
    private var current: ArchiveMember?
    /// Bumped on every move, so that a member's source knows when it has gone stale.
    private var generation = 0
    private var nextIndex = 0
    private var finished = false

    /// Opens the archive at `path` (ZIP, tar, gzip-compressed tar; the layout is read from
    /// the content, not the name).
    /// - Throws: ``ArchiveError`` when the file cannot be opened or is not an archive.
    public init(path: String) throws(ArchiveError) {
        guard let handle = archive_read_new() else {
            throw ArchiveError(archive: path, message: "cannot create an archive reader (out of memory?)")
        }
        archive_read_support_filter_all(handle)
        archive_read_support_format_zip(handle)
        archive_read_support_format_tar(handle)
        let status = archive_read_open_filename(handle, path, 1 << 16)
        guard status == ARCHIVE_OK else {
            let error = Self.error(of: handle, archive: path, member: nil, fallback: "cannot open the archive")
            archive_read_free(handle)
            throw error
        }
        self.path = path
        self.handle = handle
    }

    deinit {
        archive_read_free(handle)
    }

    /// Moves to the next entry and describes it; `nil` after the last.
    /// - Throws: ``ArchiveError`` when the archive is corrupt or truncated at this point;
    ///   the reader is then finished.
    public func nextMember() throws(ArchiveError) -> ArchiveMember? {
        generation += 1
        current = nil
        guard !finished else { return nil }
        var entry: OpaquePointer?
        var status = archive_read_next_header(handle, &entry)
        while status == ARCHIVE_RETRY { status = archive_read_next_header(handle, &entry) }
        if status == ARCHIVE_EOF {
            finished = true
            return nil
        }
        guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else {
            finished = true
            throw Self.error(of: handle, archive: path, member: nil, fallback: "the archive is damaged after \(nextIndex) entries")
        }
        let index = nextIndex
        nextIndex += 1
        let name = archive_entry_pathname_utf8(entry) ?? archive_entry_pathname(entry)
        let kind: ArchiveMember.Kind =
            iatix_archive_entry_is_regular(entry) != 0 ? .file
            : iatix_archive_entry_is_directory(entry) != 0 ? .directory : .other
        let member = ArchiveMember(
            index: index,
            path: name.map { String(cString: $0) } ?? "#\(index)",
            size: archive_entry_size_is_set(entry) != 0 ? Int(archive_entry_size(entry)) : nil,
            kind: kind,
            isEncrypted: archive_entry_is_encrypted(entry) != 0)
        current = member
        return member
    }

    /// The content of `member`, which must be the entry the reader stands on.
    /// - Throws: ``ArchiveError`` when the reader has moved past `member`.
    public func contents(of member: ArchiveMember) throws(ArchiveError) -> ArchiveMemberSource {
        guard let current, current == member else {
            throw ArchiveError(archive: path, member: member.path, message: "the reader is not at this member")
        }
        if member.isEncrypted {
            throw ArchiveError(archive: path, member: member.path, message: "the member is encrypted; iatix reads only unencrypted members")
        }
        return ArchiveMemberSource(reader: self, member: member, generation: generation)
    }

    /// Reads the current member's next bytes (`archive_read_data`).
    func readData(into buffer: UnsafeMutableRawBufferPointer, generation: Int) throws(ArchiveError) -> Int {
        guard generation == self.generation, let current else {
            throw ArchiveError(archive: path, message: "the reader has moved past this member")
        }
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = archive_read_data(handle, base, buffer.count)
            if count >= 0 { return count }
            if Int32(count) == ARCHIVE_RETRY { continue }
            throw Self.error(of: handle, archive: path, member: current.path, fallback: "cannot read the member's data")
        }
    }

    /// libarchive's last error on `handle` as a value.
    private static func error(of handle: OpaquePointer, archive: String, member: String?, fallback: String) -> ArchiveError {
        let message = archive_error_string(handle).map { String(cString: $0) } ?? fallback
        return ArchiveError(archive: archive, member: member, code: Int(archive_errno(handle)), message: message)
    }
}
