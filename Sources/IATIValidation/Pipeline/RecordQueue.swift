import Foundation
import LibXML

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

/// What every record of one file is checked with.
struct RecordContext: Sendable {
    let file: String
    /// The root element with its attributes, without children.
    let root: Node
    let checksStructure: Bool
    let checksCodelists: Bool

    /// The findings of one record: structure and codelists, then the rules.
    /// - Parameter copier: reads names and attributes of a detached record on this thread.
    func check(_ job: RecordJob, rules: (any RecordRules)?, copier: XMLNodeCopier) -> [Finding] {
        var findings = job.leading
        if let model = job.model {
            var checker = ElementChecker(
                file: file, record: job.identifier, checksStructure: checksStructure,
                checksCodelists: checksCodelists, location: [ElementChecker.Step(name: root.name, ordinal: nil)])
            switch job.record {
            case .tree(let tree):
                // Read in place: the tree is not copied.
                checker.check(tree.element(using: copier), model: model, ordinal: job.ordinal, parentAttributes: root.attributes)
            case .node(let node):
                checker.check(node, model: model, ordinal: job.ordinal, parentAttributes: root.attributes)
            }
            findings += checker.findings
        }
        if let rules {
            findings += rules.findings(for: job.record, root: root, file: file, identifier: job.identifier)
        }
        return findings
    }
}

/// Hands records from the reading thread to the checking threads (at most `capacity` waiting,
/// so memory stays bounded; beyond that the reading thread checks the oldest itself) and
/// collects their findings by record index.
final class RecordQueue: @unchecked Sendable {
    // Every stored property is guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [RecordJob] = []
    private var closed = false
    private var results: [Int: [Finding]] = [:]
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues `job`. When the queue is full, the oldest job comes back instead, for the caller
    /// to check itself: the reading thread helps rather than waits, so the cores stay busy
    /// without more threads than cores.
    func push(_ job: RecordJob) -> RecordJob? {
        condition.lock()
        defer { condition.unlock() }
        var oldest: RecordJob?
        if jobs.count >= capacity { oldest = jobs.removeFirst() }
        jobs.append(job)
        condition.signal()
        return oldest
    }

    /// The next job; `nil` once the queue is closed and empty.
    func pop() -> RecordJob? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty, !closed { condition.wait() }
        guard !jobs.isEmpty else { return nil }
        return jobs.removeFirst()
    }

    /// No more jobs will come.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func store(_ findings: [Finding], for index: Int) {
        condition.lock()
        results[index] = findings
        condition.unlock()
    }

    /// The findings of the records checked since the last call, by record index.
    func takeCompleted() -> [Int: [Finding]] {
        condition.lock()
        defer { condition.unlock() }
        let done = results
        results = [:]
        return done
    }
}

/// The checking threads of one file.
struct RecordWorkers {
    let queue: RecordQueue
    private let group = DispatchGroup()

    /// Starts `count` threads taking jobs from a new queue.
    init(count: Int, context: RecordContext, rules: RulesProvider?) {
        let queue = RecordQueue(capacity: 8 * count)
        self.queue = queue
        for _ in 0..<count {
            group.enter()
            DispatchQueue.global(qos: .userInitiated).async { [group] in
                // The thread's rules and copier (and the document they may keep alive) are let
                // go before the thread says it is done, so nothing outlives finish().
                do {
                    let instance = rules?.makeRules()
                    let copier = XMLNodeCopier()
                    while let job = queue.pop() {
                        queue.store(context.check(job, rules: instance, copier: copier), for: job.index)
                    }
                }
                group.leave()
            }
        }
    }

    /// Closes the queue, waits for the threads and returns the findings not yet taken.
    func finish() -> [Int: [Finding]] {
        queue.close()
        group.wait()
        return queue.takeCompleted()
    }
}
