import Platform

/// Work the reading thread can do on a record instead of the consumer, when the consumer is
/// behind (the two cores then share the work whatever its balance).
public protocol RecordHelper: AnyObject, Sendable {
    /// Called on the reading thread for every record, in order; when `encode` is true (the
    /// consumer is behind), the helper may do the record's work and return its result, which
    /// the consumer receives with the record.
    func help(with record: RawRecord, encode: Bool) -> (any Sendable)?
}

/// A ``SAXRecordReader`` run on a thread of its own, a bounded number of records ahead of its
/// consumer: libxml2 parses the next records while the consumer lays out and writes this one.
/// After the root, the thread waits for ``start(helper:)``: the consumer knows by then what a
/// ``RecordHelper`` should do.
///
/// The consumer sees exactly what the reader gives, in order: the root, the records, then the
/// end or the error that stopped it. Memory holds at most ``capacity`` records besides the
/// consumer's. The reader (and its byte source) belongs to the reading thread until it has
/// finished; a consumer that stops early (``deinit``) tells the thread to stop and waits for it.
public final class RecordReadAhead {
    /// What the reading thread hands over, in order.
    private enum Item: Sendable {
        case root(ElementStart?, line: Int)
        case record(RawRecord, help: (any Sendable)?)
        case end
        case failure(XMLError)
    }

    /// The hand-over between the two threads.
    private struct Queue: Sendable {
        var items = HandOverQueue<Item>()
        var stopped = false
        /// Set by ``start(helper:)``: the reading thread goes on past the root.
        var started = false
        var helper: (any RecordHelper)?
        var bytesRead = 0
        var diagnostics: [XMLError] = []
        var pending: Int { items.count }

        mutating func take() -> Item { items.take() }
    }

    /// How many records the reading thread may be ahead.
    public let capacity: Int
    private let queue = Locked(Queue())
    private let thread: WorkerThreads
    private var ended = false

    /// Starts reading on another thread. Nothing else may use `reader` any more.
    public init(reader: SAXRecordReader, capacity: Int = 64) {
        self.capacity = capacity
        let queue = self.queue
        let handOver = HandOverBox(reader)
        thread = WorkerThreads(count: 1) { _ in
            guard let reader = handOver.take() else { return }
            Self.read(reader, into: queue, capacity: capacity)
        }
    }

    deinit {
        queue.withLock(waking: .all) { $0.stopped = true }
        thread.join()
    }

    /// Bytes the reader had consumed when it handed over the item last taken, or more.
    public var bytesRead: Int { queue.withLock { $0.bytesRead } }

    /// The reader's warnings, once the end has been taken.
    public var diagnostics: [XMLError] { queue.withLock { $0.diagnostics } }

    /// The root's start tag (`nil` when the input holds no element) and the line reached.
    public func root() throws(XMLError) -> (start: ElementStart?, line: Int) {
        guard case .root(let start, let line) = try take() else { return (nil, 0) }
        return (start, line)
    }

    /// Lets the reading thread go on past the root; it helps with `helper` when the consumer
    /// is behind. Later calls do nothing.
    public func start(helper: (any RecordHelper)?) {
        queue.withLock(waking: .all) { state in
            guard !state.started else { return }
            state.started = true
            state.helper = helper
        }
    }

    /// The next record, and what the helper made of it; `nil` at the end. Once the end (or an
    /// error) is taken, the reading thread has finished: the byte source is free again.
    public func next() throws(XMLError) -> (record: RawRecord, help: (any Sendable)?)? {
        start(helper: nil)
        guard !ended, case .record(let record, let help) = try take() else {
            finish()
            return nil
        }
        return (record, help)
    }

    private func take() throws(XMLError) -> Item {
        let item = queue.withLock(when: { $0.pending > 0 }, waking: .all) { $0.take() }
        if case .failure(let error) = item {
            finish()
            throw error
        }
        return item
    }

    private func finish() {
        ended = true
        thread.join()
    }

    /// The reading thread's loop: everything the reader gives, then the end or its error.
    private static func read(_ reader: SAXRecordReader, into queue: Locked<Queue>, capacity: Int) {
        /// Hands `item` over; `nil` when the consumer stopped, else how many items wait.
        func put(_ item: Item) -> Int? {
            queue.withLock(when: { $0.pending < capacity || $0.stopped }, waking: .all) { state in
                guard !state.stopped else { return nil }
                state.items.append(item)
                state.bytesRead = reader.bytesRead
                if case .end = item { state.diagnostics = reader.diagnostics }
                return state.pending
            }
        }
        do throws(XMLError) {
            let start = try reader.root()
            guard put(.root(start, line: reader.currentLine)) != nil, start != nil else { return }
            let (go, helper) = queue.withLock(when: { $0.started || $0.stopped }) { ($0.started && !$0.stopped, $0.helper) }
            guard go else { return }
            var waiting = 0
            while let record = try reader.next() {
                // The consumer is behind when half the queue waits: this record is done here.
                let help = helper?.help(with: record, encode: waiting >= capacity / 2)
                guard let pending = put(.record(record, help: help)) else { return }
                waiting = pending
            }
            _ = put(.end)
        } catch {
            _ = put(.failure(error))
        }
        queue.withLock { $0.helper = nil }
    }
}
