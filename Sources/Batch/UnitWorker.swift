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
        var conversion: FileConversion?
        do {
            let document = try documentSource(unit, hashing, validating: options.validate && options.validator != nil)
            let file = FileConversion(source: document, hashing: hashing, target: target, format: options.format, state: state)
            conversion = file
            if let validator = options.validate ? options.validator : nil, unit.inputFormat == .xml {
                // The validating read needs libxml2's tree (for the rules): it reads the file
                // and feeds the conversion.
                let reader = try XMLReader(name: unit.displayName, source: hashing)
                try file.convert(validatingWith: validator, reader: reader)
            } else {
                // `iatix validate` reads XML: other inputs are converted unchecked.
                if options.validate { record.validation = .notAvailable }
                try file.convertAll()
            }
            record.status = .converted
        } catch is Interrupted {
            conversion?.flushProgress()
            conversion?.output?.discard()
            cursor.reset()
            return notDone(unit)
        } catch {
            conversion?.output?.discard()
            record.error = options.describeError(error)
            // Hash the rest, so the manifest identifies the broken file too.
            if (try? hashing.drain()) == nil { cursor.reset() }
        }
        finish(&record, conversion: conversion, hashing: hashing, size: unit.size)
        return record
    }

    /// Counts what a conversion (finished or failed) did into `record`.
    private func finish(_ record: inout FileRecord, conversion: FileConversion?, hashing: HashingSource, size: Int?) {
        var reasons = conversion?.reasons ?? [:]
        let written = record.status == .converted ? conversion?.written ?? 0 : 0
        if record.status != .converted, let done = conversion?.written, done > 0 { reasons[Self.fileFailedReason, default: 0] += done }
        conversion?.flushProgress()
        record.version = conversion?.header?.version
        if let findings = conversion?.findings { record.validation = .findings(findings) }
        record.read = conversion?.read ?? 0
        record.written = written
        record.rejected = record.read - written
        record.reasons = reasons
        record.identifiers = conversion?.identifiers ?? []
        record.leftOut = record.status == .converted ? conversion?.leftOut ?? [] : []
        record.notices = Dictionary(uniqueKeysWithValues: (conversion?.notices.counts ?? [:]).map { ($0.key.rawValue, $0.value) })
        if record.status != .converted { record.output = nil }
        if hashing.isAtEnd {
            record.size = hashing.count
            record.sha256 = hashing.hexDigest
        } else {
            record.size = size
        }
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

    private func documentSource(_ unit: WorkUnit, _ bytes: HashingSource, validating: Bool) throws -> any DocumentSource {
        switch unit.inputFormat {
        case .xml where validating: XMLDocumentSource(name: unit.displayName)
        case .xml: try XMLDocumentSource(name: unit.displayName, source: bytes)
        case .json: JSONDocumentSource(name: unit.displayName, source: bytes, layout: .document)
        case .jsonl: JSONDocumentSource(name: unit.displayName, source: bytes, layout: .lines)
        }
    }
}
