import LibXML
import Platform

/// The records of a JSON input read on a thread of their own, a bounded number ahead of the
/// consumer: the thread reads each record (a line of JSON Lines, an element of a document's
/// records list) and makes its element (``JSONRecords``), while the consumer upgrades,
/// canonicalises and writes the records before it. The two halves take about as long, so a
/// file converts in a little over half the time on two cores.
///
/// The consumer sees exactly what reading record by record gives, in order: the records, then
/// the end of the records or the error that stopped the reading (a record that is not JSON, or
/// not a record). The reader (and its byte source) belongs to the thread until it has finished;
/// a consumer that stops early (``deinit``) tells the thread to stop and waits for it.
final class JSONReadAhead {
    private enum Item: Sendable {
        case record(JSONRecords.Record)
        case end
        case failure(XMLError)
    }

    private struct Queue: Sendable {
        var items = HandOverQueue<Item>()
        var stopped = false
        var bytesRead = 0
        var pending: Int { items.count }

        mutating func take() -> Item { items.take() }
    }

    /// Records the thread may be ahead: enough that neither side waits on the other's
    /// longer records, few enough that memory stays flat.
    static let capacity = 32
    private let queue: Locked<Queue>
    private let thread: WorkerThreads
    private var ended = false

    /// Starts reading `records` from `reader` on another thread; `nil` when the system gives
    /// no thread (then read them on this one). Nothing else may use `reader` until the end or
    /// an error has been taken.
    init?(reader: JSONReader, records: JSONRecords) {
        let queue = Locked(Queue())
        let handOver = HandOverBox(reader)
        let started = WorkerThreads(count: 1) { _ in
            guard let reader = handOver.take() else { return }
            Self.read(reader, records: records, into: queue)
        }
        guard started.allStarted else {
            // The body ran on no thread yet: it runs on this one at join, and finds no reader.
            _ = handOver.take()
            started.join()
            return nil
        }
        self.queue = queue
        thread = started
    }

    deinit {
        queue.withLock(waking: .all) { $0.stopped = true }
        thread.join()
    }

    /// Bytes the reader had consumed when it handed over the item last taken, or more.
    var bytesRead: Int { queue.withLock { $0.bytesRead } }

    /// The next record; `nil` at the end. Once the end (or an error) is taken, the thread has
    /// finished: the reader is free again.
    func next() throws(XMLError) -> JSONRecords.Record? {
        guard !ended else { return nil }
        let item = queue.withLock(when: { $0.pending > 0 }, waking: .all) { $0.take() }
        switch item {
        case .record(let record):
            return record
        case .end:
            finish()
            return nil
        case .failure(let error):
            finish()
            throw error
        }
    }

    private func finish() {
        ended = true
        thread.join()
    }

    /// The thread's loop: each record, then the end or the error that stopped it.
    private static func read(_ reader: JSONReader, records: JSONRecords, into queue: Locked<Queue>) {
        /// Hands `item` over; false when the consumer stopped.
        func put(_ item: Item) -> Bool {
            queue.withLock(when: { $0.pending < capacity || $0.stopped }, waking: .all) { state in
                guard !state.stopped else { return false }
                state.items.append(item)
                state.bytesRead = reader.bytesRead
                return true
            }
        }
        var records = records
        do throws(XMLError) {
            while let record = try records.next(from: reader) {
                guard put(.record(record)) else { return }
            }
            _ = put(.end)
        } catch {
            _ = put(.failure(error))
        }
    }
}
