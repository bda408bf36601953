internal import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Something the reader pulls bytes from: a file, standard input, an archive member.
///
/// `read(into:)` fills at most `buffer.count` bytes and returns how many, 0 at the end.
/// Sources are used from one thread at a time.
public protocol ByteSource: AnyObject {
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A file or standard input, read through zlib so that gzip-compressed input is
/// decompressed on the fly and plain input passes through unchanged.
public final class FileSource: ByteSource {
    public let name: String
    private var file: UnsafeMutableRawPointer?
    private let closesDescriptor: Bool

    /// Opens `path`, or standard input when `path` is `-`.
    /// - Throws: ``XMLError`` naming the path and the system's reason.
    public init(path: String) throws(XMLError) {
        self.name = path
        let fd: Int32
        if path == "-" {
            fd = dup(STDIN_FILENO)
        } else {
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                throw XMLError(level: .fatal, file: path, message: "is a directory, not a file: name an XML file (or use `iatix batch` for folders)")
            }
            fd = open(path, O_RDONLY | O_CLOEXEC)
        }
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw XMLError(level: .fatal, file: path, message: "cannot open: \(reason.lowercased()); check the path and its permissions")
        }
        closesDescriptor = true
        guard let gz = iatix_gzdopen(fd) else {
            close(fd)
            throw XMLError(level: .fatal, file: path, message: "cannot read: out of memory")
        }
        _ = iatix_gzbuffer(gz, 1 << 17)
        self.file = gz
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let file, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let count = iatix_gz_read(file, base.assumingMemoryBound(to: CChar.self), Int32(min(buffer.count, Int(Int32.max))))
        // A stream cut short reads as its end (zlib then says "unexpected end of file").
        if count < 0 || (count == 0 && !reason(file).isEmpty) {
            throw XMLError(
                level: .fatal, code: XMLError.unreadable, file: name,
                message: "cannot read the gzip-compressed data (\(reason(file))): the file is damaged or cut short; copy or download it again")
        }
        return Int(count)
    }

    /// zlib's words for the stream's state, "" when nothing went wrong; without the
    /// descriptor zlib names ("<fd:13>: "), which says nothing to the reader.
    private func reason(_ file: UnsafeMutableRawPointer) -> String {
        let text = iatix_gzerror(file).map { String(cString: $0) } ?? "read error"
        guard text.hasPrefix("<fd:"), let end = text.firstRange(of: ">: ") else { return text }
        return String(text[end.upperBound...])
    }

    deinit {
        // gzclose closes the descriptor gzdopen took over.
        if let file, closesDescriptor { _ = iatix_gzclose(file) }
    }
}

/// Bytes already in memory (tests, small documents, archive members read whole).
public final class BufferSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public convenience init(_ string: String) { self.init(Array(string.utf8)) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0, let target = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { target.copyMemory(from: base + offset, byteCount: count) }
        }
        offset += count
        return count
    }
}
