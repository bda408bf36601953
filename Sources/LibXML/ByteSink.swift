#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered output: standard output, or a file written under a temporary name and renamed
/// into place by ``commit()``, so that an interrupted or failed run never leaves a partial file
/// that looks whole.
///
/// Not `Sendable`: one sink belongs to one writer.
public final class ByteSink {
    /// The final path, or `-` for standard output.
    public let path: String
    private let temporaryPath: String?
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var committed = false
    /// Bytes written so far.
    public private(set) var count = 0

    private static let flushThreshold = 1 << 16

    /// Opens `path` for writing (`-`: standard output). The file appears only on ``commit()``.
    public init(path: String) throws(XMLError) {
        self.path = path
        buffer.reserveCapacity(Self.flushThreshold * 2)
        if path == "-" {
            descriptor = STDOUT_FILENO
            temporaryPath = nil
            return
        }
        let temporary = Self.temporaryName(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno)).lowercased()
            throw XMLError(level: .fatal, file: path, message: "cannot write: \(reason); check that the folder exists and is writable")
        }
        descriptor = fd
        temporaryPath = temporary
    }

    /// `dir/.name.PID.tmp` beside the target, so the rename stays on one file system.
    private static func temporaryName(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(directory).\(name).\(getpid()).tmp"
    }

    public func write(_ string: String) throws(XMLError) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    public func write(_ bytes: [UInt8]) throws(XMLError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Lets `body` append to the output buffer directly (no intermediate copy).
    public func append(_ body: (inout [UInt8]) throws -> Void) throws {
        try body(&buffer)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Writes out what is buffered.
    public func flush() throws(XMLError) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno)).lowercased()
                throw XMLError(level: .fatal, file: path, message: "cannot write: \(reason)")
            }
            offset += written
        }
        count += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and for a file renames the temporary file to its final name.
    public func commit() throws(XMLError) {
        try flush()
        guard let temporaryPath, !committed else { return }
        committed = true
        if fsync(descriptor) != 0 && errno != EINVAL {
            let reason = String(cString: strerror(errno)).lowercased()
            throw XMLError(level: .fatal, file: path, message: "cannot write: \(reason)")
        }
        close(descriptor)
        descriptor = -1
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno)).lowercased()
            unlink(temporaryPath)
            throw XMLError(level: .fatal, file: path, message: "cannot move the finished file into place: \(reason)")
        }
    }

    /// Drops a file that was not committed: the temporary file is removed.
    public func discard() {
        guard let temporaryPath, !committed else { return }
        committed = true
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
    }

    deinit {
        if temporaryPath == nil {
            try? flush()
        } else if !committed {
            discard()
        }
    }
}
