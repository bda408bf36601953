import Platform

/// How a ``ByteSink`` (or a workbook, written whole) reaches its path, chosen by what is there:
///
/// - nothing, or a regular file (also through a symbolic link): written under a temporary
///   name beside it and renamed over it when complete, so no reader sees a partial file;
/// - a character device (`/dev/null`, a terminal), a named pipe or a socket: opened and
///   written in place; it is never replaced by a file;
/// - a folder, a block device, or a symbolic link to one or to nothing: refused.
package enum OutputTarget: Equatable {
    /// Standard output (`-`, `/dev/stdout`).
    case standardOutput
    /// Written as `temporary`, renamed to `final` (the path, or where its link leads).
    case replaced(final: String, temporary: String)
    /// Opened as it is and written in place.
    case inPlace
    /// Not a path: a function takes the bytes (``ByteSink/init(name:stream:)``).
    case stream

    /// The way to write `path`.
    /// - Throws: an `XMLError` naming the path, what is there and what to do, when `path`
    ///   must not be written.
    package init(path: String) throws(XMLError) {
        if path == "-" || path == "/dev/stdout" {
            self = .standardOutput
            return
        }
        if path.hasSuffix("/") {
            throw Self.refusal(path, "names a folder; give a file name for this output (e.g. \(path)output)")
        }
        switch FilePaths.kind(of: path, followingLinks: false) {
        case .missing, .regular:
            self = .replaced(final: path, temporary: Self.temporaryName(for: path))
        case .symbolicLink:
            self = try Self.throughLink(path)
        case .characterDevice, .namedPipe, .socket:
            self = .inPlace
        case .directory:
            throw Self.refusal(path, "is a folder; give a file name for this output (e.g. \(path)/output)")
        case .blockDevice:
            throw Self.refusal(path, "is a block device; write to a file, a character device or a pipe")
        case .other:
            throw Self.refusal(path, "is not a file, a device or a pipe; give another path")
        }
    }

    /// A symbolic link: a regular file it leads to is replaced where it is (the link stays);
    /// a device or pipe it leads to (`/dev/stderr`) is written in place.
    private static func throughLink(_ path: String) throws(XMLError) -> OutputTarget {
        switch FilePaths.kind(of: path, followingLinks: true) {
        case .regular:
            guard let final = FilePaths.realPath(path) else {
                throw refusal(path, "is a symbolic link that cannot be followed; give the file's own path")
            }
            return .replaced(final: final, temporary: temporaryName(for: final))
        case .characterDevice, .namedPipe, .socket:
            return .inPlace
        case .missing:
            throw refusal(path, "is a symbolic link to nothing; remove the link or give another path")
        case .directory:
            throw refusal(path, "is a symbolic link to a folder; give a file name for this output")
        case .blockDevice, .symbolicLink, .other:
            throw refusal(path, "is a symbolic link to something that is not a file, a device or a pipe; give another path")
        }
    }

    private static func refusal(_ path: String, _ what: String) -> XMLError {
        XMLError(level: .fatal, file: path, message: "cannot write the output there: it \(what)")
    }

    /// `dir/.name.PID.tmp` beside the target, so the rename stays on one file system.
    private static func temporaryName(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(directory).\(name).\(FilePaths.processID).tmp"
    }
}
