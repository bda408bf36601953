import Archive
import IATI
import Inputs
import LibXML

/// Converts one document at a time on one worker thread. Everything libxml2 or libarchive
/// holds lives in this worker (its reader per file, its archive cursor) and never crosses to
/// another thread.
final class UnitWorker {
    private let options: BatchOptions
    private let state: RunState
    private let cursor = ArchiveCursor()

    /// The reason counted for activities of a file that failed after they were read.
    static let fileFailedReason = "file failed"

    init(options: BatchOptions, state: RunState) {
        self.options = options
        self.state = state
    }

    /// Converts `unit`, or skips it when `prior` shows the same content was converted with
    /// the same options and its output is still there.
    func process(_ unit: WorkUnit, prior: FileRecord?) -> FileRecord {
        let started = MonotonicClock.now()
        var record = finishedRecord(unit, prior: prior)
        record.duration = MonotonicClock.now() - started
        return record
    }

    private func finishedRecord(_ unit: WorkUnit, prior: FileRecord?) -> FileRecord {
        let target = Paths.join(options.outputDirectory, unit.output)
        if let prior, let digest = prior.sha256, Paths.isFile(target) {
            switch unchanged(unit, digest: digest) {
            case .some(let size):
                var record = prior
                record.path = unit.path
                record.member = unit.memberPath
                record.status = .unchanged
                record.size = size
                record.error = nil
                return record
            case .none:
                if state.isStopping { return notDone(unit) }
            }
        }
        return convert(unit, to: target)
    }

    /// The size when the content still hashes to `digest`; `nil` when it changed, cannot be
    /// read (conversion then reports why) or the run is stopping.
    private func unchanged(_ unit: WorkUnit, digest: String) -> Int? {
        var tally = ProgressTally()
        defer { tally.flush(state) }
        do {
            let hashing = HashingSource(try open(unit))
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while !hashing.isAtEnd {
                if state.isStopping { return nil }
                _ = try chunk.withUnsafeMutableBytes { try hashing.read(into: $0) }
                tally.note(bytesRead: hashing.count, state: state)
            }
            return hashing.hexDigest == digest ? hashing.count : nil
        } catch {
            cursor.reset()
            return nil
        }
    }

    private func convert(_ unit: WorkUnit, to target: String) -> FileRecord {
        var record = unit.record(.failed)
        if options.validate && options.validator == nil { record.validation = .notAvailable }
        let hashing: HashingSource
        do {
            hashing = HashingSource(try open(unit))
        } catch {
            cursor.reset()
            record.error = options.describeError(error)
            return record
        }
        var tally = ProgressTally()
        defer { tally.flush(state) }
        var sink: ByteSink?
        var reasons: [String: Int] = [:]
        var read = 0
        var written = 0
        var source: (any DocumentSource)?
        do {
            let document = try documentSource(unit, hashing)
            source = document
            let header = try document.header()
            record.version = header.version
            try Paths.makeDirectory(Paths.parent(of: target))
            let output = try ByteSink(path: target)
            sink = output
            let writer = options.format.writer(into: output)
            try writer.begin(header)
            let session = options.validate ? options.validator?.makeSession(file: unit.displayName, header: header) : nil
            var extensions: [Node] = []
            while let item = try document.next() {
                if state.isStopping { throw Interrupted() }
                switch item {
                case .record(let node):
                    read += 1
                    if let session, case .reject(let reason) = session.check(record: node) {
                        reasons[reason, default: 0] += 1
                    } else {
                        try writer.write(record: node)
                        written += 1
                    }
                    tally.note(bytesRead: hashing.count, newActivities: 1, state: state)
                case .rootExtension(let node):
                    extensions.append(node)
                }
            }
            try writer.end(rootExtensions: extensions)
            try hashing.drain()
            try output.commit()
            if let session { record.validation = .findings(session.finish()) }
            record.status = .converted
            record.written = written
        } catch is Interrupted {
            sink?.discard()
            cursor.reset()
            return notDone(unit)
        } catch {
            sink?.discard()
            record.error = options.describeError(error)
            if written > 0 { reasons[Self.fileFailedReason, default: 0] += written }
            record.written = 0
            // Hash the rest, so the manifest identifies the broken file too.
            if (try? hashing.drain()) == nil { cursor.reset() }
        }
        tally.note(bytesRead: hashing.count, state: state)
        record.read = read
        record.rejected = read - record.written
        record.reasons = reasons
        record.notices = Dictionary(uniqueKeysWithValues: (source?.notices.counts ?? [:]).map { ($0.key.rawValue, $0.value) })
        if record.status != .converted { record.output = nil }
        if hashing.isAtEnd {
            record.size = hashing.count
            record.sha256 = hashing.hexDigest
        } else {
            record.size = unit.size
        }
        return record
    }

    private func notDone(_ unit: WorkUnit) -> FileRecord {
        var record = unit.record(.notDone)
        record.output = nil
        record.error = "interrupted before the file was finished"
        return record
    }

    /// The document's bytes: the file or the archive member, gzip decompressed.
    private func open(_ unit: WorkUnit) throws -> any ByteSource {
        try unit.document.open(with: cursor)
    }

    private func documentSource(_ unit: WorkUnit, _ bytes: HashingSource) throws -> any DocumentSource {
        switch unit.inputFormat {
        case .xml: XMLDocumentSource(reader: try XMLReader(name: unit.displayName, source: bytes))
        case .json: JSONDocumentSource(name: unit.displayName, source: bytes, layout: .document)
        case .jsonl: JSONDocumentSource(name: unit.displayName, source: bytes, layout: .lines)
        }
    }
}
