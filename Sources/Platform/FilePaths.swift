#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names (`lstat`/`stat`'s file type), and the other path calls outputs need.
/// The path calls of the C library that outputs need (`stat`, `realpath`, `rename`, `unlink`).
package enum FilePaths {
    /// What `path` names; a symbolic link itself when `followingLinks` is false (`lstat`),
    /// what it leads to when true (`stat`).
    package static func kind(of path: String, followingLinks: Bool) -> FileKind {
        var info = stat()
        let status = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard status == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        case S_IFCHR: return .characterDevice
        case S_IFBLK: return .blockDevice
        case S_IFIFO: return .namedPipe
        case S_IFSOCK: return .socket
        default: return .other
        }
    }

    /// The canonical absolute path (`realpath`), `nil` when it does not exist.
    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Renames `source` to `target`, replacing it (`rename`).
    package static func rename(_ source: String, to target: String) throws(SystemError) {
        if systemRename(source, target) != 0 { throw SystemError.current }
    }

    /// Makes a new folder only this user can enter, `prefix` followed by six random
    /// characters (`mkdtemp`), and returns its path.
    /// - Throws: the `mkdtemp` error.
    package static func makeTemporaryFolder(prefix: String) throws(SystemError) -> String {
        var template = Array((prefix + "XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { throw SystemError.current }
        return String(cString: made)
    }

    /// Removes a file (`unlink`); a missing file is no error.
    package static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// This process's id, for temporary names.
    package static var processID: Int32 { getpid() }
}

private func systemRename(_ source: String, _ target: String) -> Int32 { rename(source, target) }
