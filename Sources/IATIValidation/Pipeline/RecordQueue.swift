import IATI
import LibXML
import Platform

/// One record to check, with what the reading thread already knows of it.
struct RecordJob: Sendable {
    /// Position among the file's records, from 0: results are merged in this order.
    let index: Int
    /// The record: as the reader detached it, or already copied (and upgraded).
    let record: RuleRecord
    /// The identifier reports group the record under.
    let identifier: String
    /// The catalogue's model of the record; `nil` when none applies.
    let model: ElementModel?
    /// The record's ordinal among its siblings (for locations).
    let ordinal: Int
    /// Findings the reading thread made about the record (its place in the root).
    let leading: [Finding]
}

/// What checking one record gave.
struct CheckedRecord: Sendable {
    var findings: [Finding]
    /// Why the record was read as 1.0x although its file declares 2.x (its content says so);
    /// `nil` when it was checked as it was read.
    var contradiction: Contradiction?

    /// A record whose 1.0x content contradicts its file's 2.x version.
    struct Contradiction: Sendable {
        let decision: VersionDecision
        /// Where the record's start tag is.
        let position: SourcePosition
    }
}

/// What every record of one file is checked with.
struct RecordContext: Sendable {
    let file: String
    /// The root element with its attributes, without children.
    let root: Node
    let checksStructure: Bool
    let checksCodelists: Bool
    /// The file's versioning when it declares 2.x: a record whose checks show 1.0x content is
    /// decided as `convert` decides it and, when read as 1.0x, checked as upgraded.
    let contradictions: RecordVersioning?

    /// The findings of one record: structure and codelists, then the rules.
    /// - Parameter copier: reads names and attributes of a detached record on this thread.
    func check(_ job: RecordJob, rules: (any RecordRules)?, copier: XMLNodeCopier) -> CheckedRecord {
        let (findings, suspectsVersion1) = checkRecord(job.record, job: job, rules: rules, copier: copier)
        guard suspectsVersion1, let contradictions, case .tree(let tree) = job.record,
            let upgraded = contradictions.upgraded(tree.node(using: copier, positions: true))
        else { return CheckedRecord(findings: findings) }
        let (upgradedFindings, _) = checkRecord(.node(upgraded.record), job: job, rules: rules, copier: copier)
        return CheckedRecord(findings: upgradedFindings, contradiction: .init(decision: upgraded.decision, position: tree.position))
    }

    /// The findings of `record`, and whether they look like 1.0x content read as 2.x.
    private func checkRecord(_ record: RuleRecord, job: RecordJob, rules: (any RecordRules)?, copier: XMLNodeCopier) -> ([Finding], Bool) {
        var findings = job.leading
        var suspectsVersion1 = false
        if let model = job.model {
            var checker = ElementChecker(
                file: file, record: job.identifier, checksStructure: checksStructure,
                checksCodelists: checksCodelists, location: [ElementChecker.Step(name: root.name, ordinal: nil)])
            switch record {
            case .tree(let tree):
                // Read in place: the tree is not copied.
                checker.check(tree.element(using: copier), model: model, ordinal: job.ordinal, parentAttributes: root.attributes)
            case .node(let node):
                checker.check(node, model: model, ordinal: job.ordinal, parentAttributes: root.attributes)
            }
            findings += checker.findings
            suspectsVersion1 = checker.suspectsVersion1
        }
        if let rules {
            findings += rules.findings(for: record, root: root, file: file, identifier: job.identifier)
        }
        return (findings, suspectsVersion1)
    }
}

/// Hands records from the reading thread to the checking threads (at most `capacity` waiting,
/// so memory stays bounded; beyond that the reading thread checks the oldest itself) and
/// collects their findings by record index.
final class RecordQueue: Sendable {
    private struct State {
        var jobs: [RecordJob] = []
        var closed = false
        var results: [Int: CheckedRecord] = [:]
    }
    private let state = Locked(State())
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues `job`. When the queue is full, the oldest job comes back instead, for the caller
    /// to check itself: the reading thread helps rather than waits, so the cores stay busy
    /// without more threads than cores.
    func push(_ job: RecordJob) -> RecordJob? {
        state.withLock(waking: .one) { state in
            var oldest: RecordJob?
            if state.jobs.count >= capacity { oldest = state.jobs.removeFirst() }
            state.jobs.append(job)
            return oldest
        }
    }

    /// The next job, waiting for one; `nil` once the queue is closed and empty.
    func pop() -> RecordJob? {
        state.withLock(when: { !$0.jobs.isEmpty || $0.closed }) { state in
            state.jobs.isEmpty ? nil : state.jobs.removeFirst()
        }
    }

    /// No more jobs will come.
    func close() {
        state.withLock(waking: .all) { $0.closed = true }
    }

    func store(_ checked: CheckedRecord, for index: Int) {
        state.withLock { $0.results[index] = checked }
    }

    /// The records checked since the last call, by record index.
    func takeCompleted() -> [Int: CheckedRecord] {
        state.withLock { state in
            let done = state.results
            state.results = [:]
            return done
        }
    }
}

/// The checking threads of one file: the project's own worker threads, which wait for
/// records without holding a thread of a shared pool.
struct RecordWorkers {
    let queue: RecordQueue
    private let threads: WorkerThreads

    /// Starts `count` threads taking jobs from a new queue.
    init(count: Int, context: RecordContext, rules: RulesProvider?) {
        let queue = RecordQueue(capacity: 8 * count)
        self.queue = queue
        threads = WorkerThreads(count: count) { _ in
            // The thread's rules and copier (and the document they may keep alive) are let go
            // before the thread ends, so nothing outlives finish().
            let instance = rules?.makeRules()
            let copier = XMLNodeCopier()
            while let job = queue.pop() {
                queue.store(context.check(job, rules: instance, copier: copier), for: job.index)
            }
        }
    }

    /// Closes the queue, waits for the threads and returns the records not yet taken.
    func finish() -> [Int: CheckedRecord] {
        queue.close()
        threads.join()
        return queue.takeCompleted()
    }
}
