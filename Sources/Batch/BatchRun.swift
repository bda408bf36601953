import Archive
import IATI
public import Inputs
import LibXML
import Platform
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `iatix batch` run: finds the documents, converts them on a fixed number of worker
/// threads, and writes the manifest.
///
/// Outputs depend only on their inputs and the options, never on `jobs` or on the order in
/// which workers finish; the manifest lists files in path order.
public final class BatchRun: Sendable {
    /// What this run does.
    public let options: BatchOptions
    private let state = RunState()
    private let onFileFinished: (@Sendable (FileRecord) -> Void)?

    /// Prepares a run.
    /// - Parameters:
    ///   - options: what to convert and how.
    ///   - onFileFinished: called on a worker thread as each file finishes (for messages).
    public init(options: BatchOptions, onFileFinished: (@Sendable (FileRecord) -> Void)? = nil) {
        self.options = options
        self.onFileFinished = onFileFinished
    }

    /// Asks the run to stop: workers abandon their current file (its temporary output is
    /// removed), files not begun are recorded as not done, and the manifest is written.
    /// Safe to call from any thread, including a signal handler's queue.
    public func stop() { state.stop() }

    /// Where the run stands (any thread).
    public func progress() -> BatchProgress {
        var snapshot = state.progress.snapshot
        snapshot.elapsed = MonotonicClock.now() - state.started
        return snapshot
    }

    /// Runs to the end (or to a stop) and writes the manifest.
    /// - Returns: the outcome, with every file's record.
    /// - Throws: ``PathError`` or ``XMLError`` when the output folder or the manifest cannot be
    ///   written; problems with inputs are recorded, not thrown.
    public func run() throws -> BatchOutcome {
        let startedAt = MonotonicClock.timestamp()
        let out = options.outputDirectory
        try Paths.makeDirectory(out)
        let manifestPath = Paths.join(out, options.manifestName)
        let journalPath = Paths.join(out, options.journalName)

        // Find the documents, settle name clashes, take this shard's share.
        let scan = InputScanner(
            includes: options.effectiveIncludes, excludes: options.exclude, outputDirectory: Paths.realPath(out)
        ).scan(options.inputs)
        let skipped = scan.skipped
        var (units, failures) = Self.settleCollisions(Self.units(of: scan, format: options.format))
        failures += Self.failures(of: scan)
        if let shard = options.shard {
            units.removeAll { !shard.contains(key: $0.key) }
            failures.removeAll { !shard.contains(key: $0.key) }
        }

        let prior = options.force ? [:] : PriorRuns.load(manifest: manifestPath, journal: journalPath, fingerprint: options.fingerprint)
        TemporaryFiles.removeStale(in: out, targets: Set(units.map(\.output) + [options.manifestName]))
        let journal = try Journal(path: journalPath, fingerprint: options.fingerprint)

        let order = Self.schedule(units)
        state.progress.withLock {
            $0.phase = .converting
            $0.filesTotal = units.count
            $0.bytesTotal = units.reduce(0) { $0 + ($1.size ?? 0) }
        }
        for failure in failures { onFileFinished?(failure.record) }

        let queued = units
        let results = Locked([FileRecord?](repeating: nil, count: units.count))
        let queue = Locked(0)
        let jobs = max(1, min(options.jobs, max(1, units.count)))
        let options = self.options
        let state = self.state
        let onFileFinished = self.onFileFinished
        WorkerThreads.run(count: jobs) { _ in
            let worker = UnitWorker(options: options, state: state)
            while !state.isStopping {
                let next: Int? = queue.withLock { position in
                    guard position < order.count else { return nil }
                    defer { position += 1 }
                    return order[position]
                }
                guard let index = next else { break }
                let unit = queued[index]
                let record = worker.process(unit, prior: prior[unit.output])
                results.withLock { $0[index] = record }
                if record.status != .notDone { journal.append(record) }
                state.finished(record)
                onFileFinished?(record)
            }
        }

        state.progress.withLock { $0.phase = .finishing }
        let interrupted = state.isStopping
        var records = zip(units, results.snapshot).map { unit, record in
            record ?? {
                var notDone = unit.record(.notDone)
                notDone.output = nil
                notDone.error = "not started: the run was interrupted"
                return notDone
            }()
        }
        records += failures.map(\.record)
        records.sort(by: Self.manifestOrder)
        let manifest = Manifest(
            options: options, started: startedAt, finished: MonotonicClock.timestamp(),
            duration: MonotonicClock.now() - state.started, interrupted: interrupted, records: records)
        try manifest.write(to: manifestPath)
        journal.remove()
        return BatchOutcome(
            manifestPath: manifestPath, records: records, totals: manifest.totals, interrupted: interrupted,
            skipped: skipped)
    }

    /// The documents found, each with its output path.
    private static func units(of scan: InputScan, format: OutputFormat) -> [WorkUnit] {
        var units: [WorkUnit] = []
        for document in scan.documents { units.append(WorkUnit(document, format: format)) }
        return units
    }

    /// The manifest's records of the inputs that could not be read or listed.
    private static func failures(of scan: InputScan) -> [(key: String, record: FileRecord)] {
        var failures: [(key: String, record: FileRecord)] = []
        for problem in scan.problems {
            var record = FileRecord(path: problem.path, member: problem.member, output: nil, status: .failed)
            record.size = problem.size
            record.error = problem.description
            failures.append((key: problem.relativePath, record: record))
        }
        return failures
    }

    /// Keeps the first unit (in input order) for each output path; the others fail.
    private static func settleCollisions(_ units: [WorkUnit]) -> ([WorkUnit], [(key: String, record: FileRecord)]) {
        var owners: [String: WorkUnit] = [:]
        var kept: [WorkUnit] = []
        var failures: [(key: String, record: FileRecord)] = []
        for unit in units {
            if let owner = owners[unit.output] {
                var record = unit.record(.failed)
                record.output = nil
                record.error = "\(unit.displayName): its output \(unit.output) is already produced from \(owner.displayName); rename one of them or narrow the inputs"
                failures.append((key: unit.key, record: record))
            } else {
                owners[unit.output] = unit
                kept.append(unit)
            }
        }
        return (kept, failures)
    }

    /// The order workers take units in: members of compressed tars first, in archive order
    /// (each worker passes over such an archive once, forward); then the rest largest first,
    /// so that no big file starts last and leaves one worker running alone.
    private static func schedule(_ units: [WorkUnit]) -> [Int] {
        units.indices.sorted { a, b in
            let left = units[a], right = units[b]
            if left.isSequential != right.isSequential { return left.isSequential }
            if left.isSequential { return a < b }
            let leftSize = left.size ?? 0, rightSize = right.size ?? 0
            if leftSize != rightSize { return leftSize > rightSize }
            return a < b
        }
    }

    /// Manifest order: by path, then member path (bytewise).
    private static func manifestOrder(_ left: FileRecord, _ right: FileRecord) -> Bool {
        if left.path != right.path { return left.path.utf8.lexicographicallyPrecedes(right.path.utf8) }
        return (left.member ?? "").utf8.lexicographicallyPrecedes((right.member ?? "").utf8)
    }
}

/// What a run did.
public struct BatchOutcome: Sendable {
    /// Where the manifest was written.
    public var manifestPath: String
    /// Every file's record, in manifest order.
    public var records: [FileRecord]
    /// The manifest's totals.
    public var totals: BatchTotals
    /// Whether the run was stopped before it finished.
    public var interrupted: Bool
    /// What the inputs led to but the run left out, and why.
    public var skipped: [SkippedInput] = []

    /// The files that failed.
    public var failures: [FileRecord] { records.filter { $0.status == .failed } }
}
