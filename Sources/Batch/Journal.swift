import IATI
import Inputs
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An append-only log of finished files (`manifest.journal.jsonl`), one JSON line each,
/// written as each file finishes: if the run is killed before it writes its manifest, the
/// next run still knows what was done. Removed once the manifest is in place.
final class Journal: @unchecked Sendable {
    let path: String
    private let descriptor: Locked<Int32>
    private let fingerprint: String

    /// Opens (creates) the journal for appending.
    init(path: String, fingerprint: String) throws(BatchError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BatchError(path: path, message: "cannot write the journal: \(Paths.systemReason())") }
        self.path = path
        self.descriptor = Locked(fd)
        self.fingerprint = fingerprint
    }

    deinit {
        descriptor.withLock { fd in
            if fd >= 0 { close(fd) }
        }
    }

    /// Appends one record as a single `write` (a kill leaves at most a torn last line).
    func append(_ record: FileRecord) {
        guard case .object(let members) = record.json else { return }
        var line = ""
        ManifestJSON.appendCompact(.object([("fingerprint", .string(fingerprint))] + members), to: &line)
        line += "\n"
        var bytes = Array(line.utf8)
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Closes and deletes the journal (the manifest now holds everything it held).
    func remove() {
        descriptor.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
        unlink(path)
    }
}
