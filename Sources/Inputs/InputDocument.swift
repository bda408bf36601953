public import Archive
public import LibXML
public import Platform

/// One document named by the command line: a file, standard input, or a member of an archive.
///
/// Every command takes its documents from ``InputScanner`` and names them by
/// ``displayName`` in every message and report.
public struct InputDocument: Sendable, Hashable {
    /// Where the document's bytes are.
    public enum Origin: Sendable, Hashable {
        /// Standard input (`-`).
        case standardInput
        /// A file on disk (gzip-compressed or not).
        case file(path: String)
        /// A member of a `.zip`, `.tar` or `.tar.gz` archive.
        case member(archive: String, kind: ArchiveKind, member: ArchiveMember)
    }

    /// Where the bytes are.
    public var origin: Origin
    /// The path relative to its input, archives standing for folders named after them
    /// (`a.xml`, `sub/b.xml`, `pack.zip/m/c.xml`): what globs match, outputs mirror and
    /// shards hash. `stdin` for standard input.
    public var relativePath: String
    /// Expected bytes, when known (for progress).
    public var size: Int?
    /// The name to show instead of ``path`` (a server's spooled upload shows as the name the
    /// client gave it, not as a temporary file); see ``InputScanner/labels``.
    public var label: String?
    /// What stops the reading of the document part-way, for a job that may have to stop (a
    /// server's, at its time limit); see ``InputScanner/stop``.
    public var stop: StopSignal?

    /// Describes a document.
    public init(origin: Origin, relativePath: String, size: Int? = nil) {
        self.origin = origin
        self.relativePath = relativePath
        self.size = size
    }

    /// The file (or the archive) on disk; `-` for standard input.
    public var path: String {
        switch origin {
        case .standardInput: "-"
        case .file(let path): path
        case .member(let archive, _, _): archive
        }
    }

    /// The member's path inside the archive, as stored; `nil` for files.
    public var memberPath: String? {
        if case .member(_, _, let member) = origin { return member.path }
        return nil
    }

    /// The name used in every message and report: the path, or `archive.zip/member/path.xml`
    /// (the member's path as stored in the archive).
    public var displayName: String {
        let shown = label ?? path
        return memberPath.map { "\(shown)/\($0)" } ?? shown
    }

    /// Whether its bytes can be read a second time: a regular file, or a member of an archive
    /// that is one; not standard input, a pipe (`<(gunzip -c …)`) or a device.
    public var canBeReadAgain: Bool {
        origin != .standardInput && FilePaths.kind(of: path, followingLinks: true) == .regular
    }

    /// Whether reaching this document means decompressing everything before it in its archive.
    public var isSequential: Bool {
        if case .member(_, let kind, _) = origin { return kind.isSequential }
        return false
    }

    /// Opens the document's content, decompressed (`.gz` files and `.gz` members too).
    ///
    /// - Parameter cursor: the caller's open archive, moved forward to a member when it can
    ///   be; one cursor belongs to one thread.
    /// - Returns: a source valid until `cursor` moves to another member.
    /// - Throws: ``LibXML/XMLError`` for files, ``Archive/ArchiveError`` for members.
    public func open(with cursor: ArchiveCursor) throws -> any ByteSource {
        let source: any ByteSource
        switch origin {
        case .standardInput: source = try FileSource(path: "-")
        case .file(let path): source = try FileSource(path: path)
        case .member(let archive, _, let member):
            let content = try cursor.open(archive: archive, member: member)
            // An `.xml.gz` inside an archive: decompress it too, as FileSource does for files.
            source = member.path.lowercased().hasSuffix(".gz") ? try GunzipSource(content, name: displayName) : content
        }
        return stop.map { StoppableSource(source, signal: $0) } ?? source
    }

    /// ``open(with:)`` with every failure as an ``LibXML/XMLError`` naming the document, for
    /// readers that take only that error.
    public func openForReading(with cursor: ArchiveCursor) throws(XMLError) -> any ByteSource {
        do {
            return try open(with: cursor)
        } catch let error as XMLError {
            throw error
        } catch let error as ArchiveError {
            throw XMLError(file: displayName, message: error.message)
        } catch {
            throw XMLError(file: displayName, message: "\(error)")
        }
    }
}
