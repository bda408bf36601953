/// An input that cannot be read or listed: a missing path, a folder that cannot be listed, a
/// damaged archive, an archive member whose path climbs out of the archive.
public struct UnreadableInput: Sendable, Hashable, CustomStringConvertible {
    /// The file, folder or archive on disk.
    public var path: String
    /// The member's path inside the archive, when the problem concerns one member.
    public var member: String?
    /// The path relative to its input (as ``InputDocument/relativePath``).
    public var relativePath: String
    /// The member's size, when known.
    public var size: Int?
    /// What went wrong, in words, without the path.
    public var message: String

    /// Records a problem.
    public init(path: String, member: String? = nil, relativePath: String, size: Int? = nil, message: String) {
        self.path = path
        self.member = member
        self.relativePath = relativePath
        self.size = size
        self.message = message
    }

    /// `path: message`, or `archive (member m): message`.
    public var description: String {
        if let member { return "\(path) (member \(member)): \(message)" }
        return "\(path): \(message)"
    }
}
