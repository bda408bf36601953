/// A problem reading an archive or one of its members, as a value.
///
/// Carries the archive's path and, once iteration has reached one, the member's path inside
/// it. `message` is libarchive's `archive_error_string` (or this module's own wording when
/// libarchive gives none); `code` is `archive_errno`, 0 when libarchive set none.
public struct ArchiveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The archive file as the caller named it.
    public var archive: String
    /// The member's path inside the archive, when the problem concerns one member.
    public var member: String?
    /// libarchive's `archive_errno`, or 0.
    public var code: Int
    /// What went wrong, in words.
    public var message: String

    /// Makes an error for `archive` (and `member`, if any).
    public init(archive: String, member: String? = nil, code: Int = 0, message: String) {
        self.archive = archive
        self.member = member
        self.code = code
        self.message = message
    }

    /// `archive.zip: message`, or `archive.zip (member path/a.xml): message`.
    public var description: String {
        if let member { return "\(archive) (member \(member)): \(message)" }
        return "\(archive): \(message)"
    }
}
