import IATI
import Inputs
import Platform

/// An append-only log of finished files (`manifest.journal.jsonl`), one JSON line each,
/// written as each file finishes: if the run is killed before it writes its manifest, the
/// next run still knows what was done. Removed once the manifest is in place.
final class Journal: Sendable {
    let path: String
    /// `nil` once removed.
    private let descriptor: Locked<FileDescriptor?>
    private let fingerprint: String

    /// Opens (creates) the journal for appending.
    init(path: String, fingerprint: String) throws(PathError) {
        let file: FileDescriptor
        do {
            file = try FileDescriptor.open(path, .appending)
        } catch {
            throw PathError(path: path, message: "cannot write the journal: \(error.reason)")
        }
        self.path = path
        self.descriptor = Locked(file)
        self.fingerprint = fingerprint
    }

    deinit {
        descriptor.withLock { $0?.close() }
    }

    /// Appends one record as a single `write` (a kill leaves at most a torn last line).
    func append(_ record: FileRecord) {
        guard case .object(let members) = record.json else { return }
        var line = ""
        ManifestJSON.appendCompact(.object([("fingerprint", .string(fingerprint))] + members), to: &line)
        line += "\n"
        let bytes = Array(line.utf8)
        descriptor.withLock { file in
            // A journal that cannot be written only costs the next run some work again.
            try? file?.write(bytes)
        }
    }

    /// Closes and deletes the journal (the manifest now holds everything it held).
    func remove() {
        descriptor.withLock { file in
            file?.close()
            file = nil
        }
        FilePaths.remove(path)
    }
}
