import IATI
import Platform

/// The second thread of `flatten`: makes the rows of the money tables (transactions, budgets
/// and their splits: about half the work) of each activity, while the thread that reads the
/// input makes the other tables' rows of the same activities.
///
/// Each table is made by one thread, its rows in activity order: the tables are the same, byte
/// for byte, as one thread makes them. Activities wait in a short queue, handed over and taken
/// in batches (their records are immutable, shared by both threads). The thread converts
/// amounts with a converter of its own; ``finish()`` hands back what it could not convert.
final class MoneyRowsThread {
    /// The tables this thread makes.
    static let tables: Set<String> = ["transactions", "transaction_splits", "budgets", "budget_splits"]

    /// One activity to make rows of.
    private struct Job: Sendable {
        let record: RecordTree
        let position: Int
        let language: String?
        let currency: String?
    }

    private struct State {
        /// Queued, not yet taken.
        var jobs: [Job] = []
        var closed = false
        /// What stopped the thread (a table that cannot be written).
        var failure: (any Error)?
    }

    /// What the thread works with: made on the calling thread before the thread starts, then
    /// used by that thread alone until ``finish()`` has joined it.
    private final class Work: @unchecked Sendable {
        let share: TableShare
        let converter: CurrencyConverter
        let sectorVocabularies: [String]
        let quarterCells = QuarterCells()

        init(share: TableShare, converter: CurrencyConverter, sectorVocabularies: [String]) {
            self.share = share
            self.converter = converter
            self.sectorVocabularies = sectorVocabularies
        }
    }

    /// Activities queued at most: room for the reading thread to run ahead while this one
    /// catches up, so that neither core waits (with 64, one in twelve samples found a core idle).
    private static let capacity = 256
    /// Activities handed over at once: each hand-over may wake the thread, and a wake costs
    /// two system calls and a switch of threads.
    private static let batchSize = 8
    private let state = Locked(State())
    private let work: Work
    private var thread: WorkerThreads?
    /// Activities queued by ``add(record:position:language:currency:)`` not yet handed over
    /// (the calling thread's own).
    private var batch: [Job] = []

    /// Starts the thread on `share`, converting amounts into `targets` with `rates`.
    init(share: TableShare, converter: CurrencyConverter, sectorVocabularies: [String]) {
        work = Work(share: share, converter: converter, sectorVocabularies: sectorVocabularies)
        let state = self.state
        let work = self.work
        thread = WorkerThreads(count: 1) { _ in Self.run(state: state, work: work) }
    }

    /// A run that ends without ``finish()`` (an error) still lets the thread end.
    deinit {
        if thread != nil { _ = try? finish() }
    }

    /// Queues an activity, handed over with the next ones in a batch; waits while the queue
    /// is full.
    /// - Throws: what stopped the thread, once it has stopped.
    func add(record: RecordTree, position: Int, language: String?, currency: String?) throws {
        batch.append(Job(record: record, position: position, language: language, currency: currency))
        if batch.count >= Self.batchSize { try handOver() }
    }

    /// Hands the batch over to the thread.
    private func handOver() throws {
        guard !batch.isEmpty else { return }
        let jobs = batch
        batch.removeAll(keepingCapacity: true)
        try state.withLock(when: { $0.jobs.count + jobs.count <= Self.capacity || $0.failure != nil }, waking: .all) { state in
            if let failure = state.failure { throw failure }
            state.jobs.append(contentsOf: jobs)
        }
    }

    /// Lets the thread make the rows of the activities queued, and waits for it.
    /// - Returns: what the thread's converter counted.
    /// - Throws: what stopped the thread.
    func finish() throws -> CurrencyConverter.Tally {
        // A failure to hand over is the thread's own, thrown below once it has ended.
        try? handOver()
        state.withLock(waking: .all) { $0.closed = true }
        thread?.join()
        thread = nil
        if let failure = state.withLock({ $0.failure }) { throw failure }
        return work.converter.tally
    }

    private static func run(state: Locked<State>, work: Work) {
        // Takes every activity waiting (a batch or more) at once.
        while case let jobs = state.withLock(when: { !$0.jobs.isEmpty || $0.closed }, waking: .all, { state -> [Job] in
            defer { state.jobs = [] }
            return state.jobs
        }), !jobs.isEmpty {
            do {
                for job in jobs {
                    let activity = Activity(record: job.record, fileLanguage: job.language, fileCurrency: job.currency)
                    let rows = ActivityRows(
                        activity: activity, position: job.position, converter: work.converter, sectorVocabularies: work.sectorVocabularies,
                        quarterCells: work.quarterCells)
                    try rows.addMoney(to: work.share)
                }
            } catch {
                state.withLock(waking: .all) { state in
                    state.failure = error
                    state.jobs = []
                }
                return
            }
        }
    }
}
