/// Bytes appended at the end of one block of memory that this buffer owns and frees: a
/// ``ByteSink``'s output, which the flat tables fill a byte, a run of bytes or a number at a
/// time (millions of rows), without an array's uniqueness checks and reference counting.
///
/// Not `Sendable`: one buffer belongs to one writer, on one thread.
public final class OutputBuffer {
    // Read and written on every append, by the buffer's one thread: no run-time exclusivity
    // checks (no method calls out while it holds an access).
    @usableFromInline @exclusivity(unchecked) var base: UnsafeMutablePointer<UInt8>
    @usableFromInline @exclusivity(unchecked) var capacity: Int
    @usableFromInline @exclusivity(unchecked) var used = 0

    /// Bytes held.
    public var count: Int { used }

    public init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes held, valid until the next change.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: used) }

    /// The byte at `index`, one of those held.
    @inlinable public subscript(index: Int) -> UInt8 {
        get {
            precondition(index >= 0 && index < used, "an index past the bytes held")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < used, "an index past the bytes held")
            base[index] = newValue
        }
    }

    /// Drops every byte, keeping the memory.
    @inlinable public func removeAll() { used = 0 }

    @inlinable @inline(__always) public func append(_ byte: UInt8) {
        if used == capacity { grow(to: used + 1) }
        base[used] = byte
        used += 1
    }

    @inlinable @inline(__always) public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if used + bytes.count > capacity { grow(to: used + bytes.count) }
        UnsafeMutableRawPointer(base + used).copyMemory(from: source, byteCount: bytes.count)
        used += bytes.count
    }

    @inlinable public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(UnsafeRawBufferPointer(bytes))
    }

    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends `text` as UTF-8.
    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Lets `body` write at most `maxCount` bytes at the end through a pointer; it returns how
    /// many it wrote.
    @inlinable public func append(reserving maxCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if used + maxCount > capacity { grow(to: used + maxCount) }
        used += body(base + used)
    }

    /// Makes room for at least `needed` bytes in all (at least doubling).
    @usableFromInline func grow(to needed: Int) {
        let grown = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: base, count: used)
        base.deallocate()
        base = moved
        capacity = grown
    }
}
