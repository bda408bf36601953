/// Writes blocks of memory to one file, in order, on a thread of its own, while the thread
/// that filled them fills the next: for a file written around the page cache
/// (``FileDescriptor/openDirect(_:)``), whose every write waits for the device.
///
/// The writer owns the blocks it is given and the spare blocks it hands back (memory aligned
/// to ``FileDescriptor/directAlignment``); at most `depth` blocks wait or are being written.
/// A write the file refuses for its alignment (`EINVAL`: a device whose blocks are larger
/// than ``FileDescriptor/directAlignment``) goes on through the page cache, from where it
/// stopped. After a failed write the rest is not written, and ``write(_:)``, ``drain()`` and
/// ``close()`` throw its error.
///
/// Not `Sendable`: one writer belongs to one thread (a ``ByteSink``'s), besides its own.
package final class BlockWriter {
    /// Memory to fill and write: `count` bytes from `base`, of `capacity`.
    package struct Block: @unchecked Sendable {
        package let base: UnsafeMutableRawPointer
        package let capacity: Int
        package var count = 0

        package init(base: UnsafeMutableRawPointer, capacity: Int, count: Int = 0) {
            self.base = base
            self.capacity = capacity
            self.count = count
        }

        /// A new block of `capacity` bytes, aligned for writing around the page cache.
        package static func allocate(capacity: Int) -> Block {
            Block(base: .allocate(byteCount: capacity, alignment: FileDescriptor.directAlignment), capacity: capacity)
        }

        package func deallocate() { base.deallocate() }
    }

    private struct State: Sendable {
        /// Blocks to write, the first being written.
        var queue: [Block] = []
        /// Written blocks to be filled again.
        var spare: [Block] = []
        var closed = false
        var failure: SystemError?
    }

    private let file: FileDescriptor
    private let depth: Int
    private let state = Locked(State())
    private var thread: WorkerThreads?

    /// A writer of `file` keeping at most `depth` blocks in flight.
    package init(file: FileDescriptor, depth: Int = 2) {
        self.file = file
        self.depth = max(1, depth)
        let state = self.state
        let started = WorkerThreads(count: 1) { _ in Self.run(file: file, state: state) }
        if started.allStarted {
            thread = started
        } else {
            // No thread to be had: the loop ends at once (closed) and blocks are written here.
            state.withLock { $0.closed = true }
            started.join()
            state.withLock { $0.closed = false }
        }
    }

    deinit { try? close() }

    /// Queues `block`'s bytes to be written after those queued before, waiting while `depth`
    /// blocks are; hands back an empty block (a spare one, else a new one as large).
    /// - Throws: the failure of an earlier write (or of this one, written here when no thread
    ///   could be had); `block` then stays the caller's.
    package func write(_ block: Block) throws(SystemError) -> Block {
        guard thread != nil else {
            try Self.write(block, to: file)
            return Block(base: block.base, capacity: block.capacity)
        }
        let result: Result<Block?, SystemError> = state.withLock(
            when: { $0.queue.count < self.depth || $0.failure != nil }, waking: .all
        ) { state in
            if let failure = state.failure { return .failure(failure) }
            state.queue.append(block)
            return .success(state.spare.popLast())
        }
        switch result {
        case .failure(let failure):
            throw failure
        case .success(let spare):
            return spare.map { Block(base: $0.base, capacity: $0.capacity) } ?? .allocate(capacity: block.capacity)
        }
    }

    /// Waits until every queued block is written.
    /// - Throws: the failure of a write.
    package func drain() throws(SystemError) {
        if let failure = state.withLock(when: { $0.queue.isEmpty }, { $0.failure }) { throw failure }
    }

    /// Writes what is queued, ends the thread and frees the blocks it holds. Once: later calls
    /// do nothing.
    /// - Throws: the failure of a write.
    package func close() throws(SystemError) {
        guard let thread else { return }
        self.thread = nil
        state.withLock(waking: .all) { $0.closed = true }
        thread.join()
        let failure = state.withLock { state -> SystemError? in
            for block in state.spare + state.queue { block.deallocate() }
            state.spare = []
            state.queue = []
            return state.failure
        }
        if let failure { throw failure }
    }

    private static func run(file: FileDescriptor, state: Locked<State>) {
        while let (block, failed) = state.withLock(when: { !$0.queue.isEmpty || $0.closed }, { state in
            state.queue.first.map { ($0, state.failure != nil) }
        }) {
            var failure: SystemError?
            if !failed {
                do throws(SystemError) { try write(block, to: file) } catch { failure = error }
            }
            state.withLock(waking: .all) { state in
                state.queue.removeFirst()
                state.spare.append(block)
                if state.failure == nil { state.failure = failure }
            }
        }
    }

    /// Writes `block`'s bytes, through the page cache from the first write that cannot go
    /// around it.
    private static func write(_ block: Block, to file: FileDescriptor) throws(SystemError) {
        var written = 0
        var fellBack = false
        while written < block.count {
            do {
                written += try file.writeOnce(UnsafeRawBufferPointer(start: block.base + written, count: block.count - written))
            } catch where error.isInvalidArgument && !fellBack {
                try file.stopWritingDirect()
                fellBack = true
            }
        }
    }
}
