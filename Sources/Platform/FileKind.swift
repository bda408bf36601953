/// What a path names: `lstat`/`stat`'s file type (``FilePaths/kind(of:followingLinks:)``).
package enum FileKind: Sendable, Equatable {
    /// Nothing is there, or it cannot be looked at.
    case missing
    case regular
    case directory
    case symbolicLink
    case characterDevice
    case blockDevice
    case namedPipe
    case socket
    case other
}
