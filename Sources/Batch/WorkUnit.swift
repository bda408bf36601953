import Archive
import IATI

/// One document to convert: a file, or a member of an archive.
struct WorkUnit: Sendable, Hashable {
    enum Origin: Sendable, Hashable {
        case file(path: String)
        case member(archive: String, kind: ArchiveKind, member: ArchiveMember)
    }

    var origin: Origin
    /// Path relative to its input, archives standing for folders named after them
    /// (`p/a.xml`, `p/dump/m.xml`): what sharding hashes.
    var key: String
    /// Output path relative to the output folder.
    var output: String
    /// Expected bytes, for progress.
    var size: Int?

    /// The file (or the archive) on disk.
    var path: String {
        switch origin {
        case .file(let path): path
        case .member(let archive, _, _): archive
        }
    }

    /// The member path inside the archive, as stored.
    var memberPath: String? {
        if case .member(_, _, let member) = origin { return member.path }
        return nil
    }

    /// `path`, or `archive/member`, for messages.
    var displayName: String {
        memberPath.map { "\(path)/\($0)" } ?? path
    }

    /// The input layout, from the document's name.
    var inputFormat: InputFormat { InputFormat.guess(path: memberPath ?? path) }

    /// Whether reaching this unit means decompressing everything before it.
    var isSequential: Bool {
        if case .member(_, let kind, _) = origin { return kind.isSequential }
        return false
    }

    /// A record for this unit with nothing counted yet.
    func record(_ status: FileRecord.Status) -> FileRecord {
        FileRecord(path: path, member: memberPath, output: output, status: status)
    }
}

/// Output names: the input's relative path with its document extension replaced.
enum OutputNaming {
    /// `p/a.xml.gz` → `p/a.json`.
    static func output(forKey key: String, format: OutputFormat) -> String {
        var name = key
        for suffix in [".gz", ".xml", ".jsonl", ".ndjson", ".json"] where name.lowercased().hasSuffix(suffix) && name.count > suffix.count {
            name.removeLast(suffix.count)
        }
        return name + "." + format.fileExtension
    }

    /// A member path made safe to mirror: `./a//b.xml` → `a/b.xml`. `nil` for paths that climb
    /// out (`..`) — an archive must not write outside the output folder.
    static func safeMemberPath(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { return nil }
            parts.append(part)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// Hidden names (`.x`) and macOS resource-fork folders are not inputs.
    static func isHidden(_ component: Substring) -> Bool {
        component.hasPrefix(".") || component == "__MACOSX"
    }
}
