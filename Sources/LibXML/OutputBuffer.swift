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
    /// The alignment of ``bytes``' start, kept when the buffer grows.
    @usableFromInline let alignment: Int

    /// Bytes held.
    public var count: Int { used }

    /// A buffer of `capacity` bytes to start with, its bytes starting at a multiple of
    /// `alignment` (a power of two; a file written without the page cache needs one).
    public init(capacity: Int = 256, alignment: Int = 1) {
        self.capacity = max(capacity, 16)
        self.alignment = alignment
        base = Self.allocate(self.capacity, alignment: alignment)
    }

    @usableFromInline static func allocate(_ count: Int, alignment: Int) -> UnsafeMutablePointer<UInt8> {
        UnsafeMutableRawPointer.allocate(byteCount: count, alignment: alignment).bindMemory(to: UInt8.self, capacity: count)
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

    /// The memory holding the bytes, and its size: handed over whole by ``exchange(for:capacity:keepingFrom:)``.
    var storage: (base: UnsafeMutableRawPointer, capacity: Int) { (UnsafeMutableRawPointer(base), capacity) }

    /// Takes `storage` (`capacity` bytes, aligned as this buffer is, allocated as
    /// `UnsafeMutableRawPointer.allocate` does) as the buffer's memory, the bytes held from
    /// `offset` on copied to its start. The memory it had (``storage``) is the caller's then,
    /// its bytes unchanged.
    func exchange(for storage: UnsafeMutableRawPointer, capacity: Int, keepingFrom offset: Int) {
        precondition(offset >= 0 && offset <= used && used - offset <= capacity, "bytes kept that do not fit")
        storage.copyMemory(from: base + offset, byteCount: used - offset)
        base = storage.bindMemory(to: UInt8.self, capacity: capacity)
        self.capacity = capacity
        used -= offset
    }

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
        let moved = Self.allocate(grown, alignment: alignment)
        moved.update(from: base, count: used)
        base.deallocate()
        base = moved
        capacity = grown
    }
}
