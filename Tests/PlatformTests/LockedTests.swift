import Platform
import Testing

/// The project's one lock and its worker threads.
@Suite("Locked and WorkerThreads")
struct LockedTests {
    @Test("increments from four threads under the lock add up exactly, and join waits for them all")
    func countsUnderTheLock() {
        let counter = Locked(0)
        let finished = Locked(Set<Int>())
        WorkerThreads.run(count: 4) { worker in
            for _ in 0..<50_000 { counter.withLock { $0 += 1 } }
            finished.withLock { _ = $0.insert(worker) }
        }
        #expect(counter.snapshot == 200_000)
        #expect(finished.snapshot == [0, 1, 2, 3])
    }

    @Test("a thread waiting in withLock(when:) is woken by a change, and takes each item once")
    func handsOverItems() {
        struct Queue {
            var items: [Int] = []
            var closed = false
        }
        let queue = Locked(Queue())
        let taken = Locked([Int]())
        let threads = WorkerThreads(count: 3) { _ in
            while let item = queue.withLock(when: { !$0.items.isEmpty || $0.closed }, { queue in
                queue.items.isEmpty ? nil : queue.items.removeFirst()
            }) {
                taken.withLock { $0.append(item) }
            }
        }
        for item in 0..<1_000 { queue.withLock(waking: .one) { $0.items.append(item) } }
        queue.withLock(waking: .all) { $0.closed = true }
        threads.join()
        #expect(taken.snapshot.sorted() == Array(0..<1_000))
        threads.join()  // a second join returns at once
    }
}
