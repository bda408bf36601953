/// Items one thread hands to another, taken in the order given: taken items are dropped in
/// batches, not one at a time, so a take does not shift what waits. Its owner keeps it behind
/// a ``Locked`` (the reading threads of ``LibXML/RecordReadAhead`` and of JSON input).
package struct HandOverQueue<Item: Sendable>: Sendable {
    private var items: [Item] = []
    private var head = 0

    package init() {}

    /// Items given and not yet taken.
    package var count: Int { items.count - head }

    package mutating func append(_ item: Item) {
        items.append(item)
    }

    /// Takes the first item waiting; there must be one.
    package mutating func take() -> Item {
        let item = items[head]
        head += 1
        if head >= 64 && head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }
}

/// Carries a value that may not cross threads by itself (a reader and its byte source) to the
/// thread that uses it from then on, which takes it once.
package final class HandOverBox<Value>: @unchecked Sendable {
    // Set before the thread starts and taken once (by the thread, or by the caller when it got
    // no thread): never reached from two threads at once.
    private var value: Value?

    package init(_ value: Value) { self.value = value }

    package func take() -> Value? {
        defer { value = nil }
        return value
    }
}
