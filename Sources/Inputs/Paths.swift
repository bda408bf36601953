#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system calls the commands need (finding inputs, writing outputs), over POSIX.
public enum Paths {
    /// What a path is, following symbolic links.
    public enum Kind: Equatable, Sendable {
        case missing(reason: String)
        case file(size: Int, device: UInt64, inode: UInt64)
        case directory(device: UInt64, inode: UInt64)
        case other
    }

    public static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing(reason: systemReason()) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(size: Int(info.st_size), device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        case S_IFDIR: return .directory(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        default: return .other
        }
    }

    public static func isFile(_ path: String) -> Bool {
        if case .file = kind(of: path) { return true }
        return false
    }

    public static func isDirectory(_ path: String) -> Bool {
        if case .directory = kind(of: path) { return true }
        return false
    }

    /// The size of a regular file; `nil` for anything else (and for `-`, standard input).
    public static func size(of path: String) -> Int? {
        guard path != "-", case .file(let size, _, _) = kind(of: path) else { return nil }
        return size
    }

    /// The entries of a folder except `.` and `..`, sorted by their UTF-8 bytes.
    public static func list(_ path: String) throws(PathError) -> [String] {
        guard let directory = opendir(path) else {
            throw PathError(path: path, message: "cannot read the folder: \(systemReason())")
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    public static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The folder part of a path (`""` for a bare name).
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// The last component, ignoring trailing slashes.
    public static func baseName(of path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }

    /// `mkdir -p`; something other than a folder at `path` (a file, a device, a pipe) is
    /// refused, never written into or replaced.
    public static func makeDirectory(_ path: String) throws(PathError) {
        guard !path.isEmpty else { return }
        switch kind(of: path) {
        case .directory: return
        case .missing: break
        case .file, .other:
            throw PathError(path: path, message: "cannot use it as the output folder: it is not a folder; give a folder (it is created if missing)")
        }
        var current = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            let parent = current
            current += part + "/"
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                if errno == ENOTDIR, !parent.isEmpty, parent != "/" {
                    throw PathError(path: path, message: "cannot create the folder: \(parent.dropLast()) is a file, not a folder; give another path")
                }
                throw PathError(path: path, message: "cannot create the folder: \(systemReason())")
            }
        }
    }

    /// The canonical absolute path (`realpath`), `nil` when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public static func remove(_ path: String) {
        unlink(path)
    }

    /// `strerror(errno)`, lowercased to sit inside a sentence.
    public static func systemReason() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}
