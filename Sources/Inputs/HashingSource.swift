public import LibXML

/// Passes bytes through from another source while counting them and feeding SHA-256, so a
/// file is hashed in the same pass that converts it.
///
/// Not `Sendable`: it belongs to the worker reading the file.
public final class HashingSource: ByteSource {
    private let inner: any ByteSource
    private var hash = SHA256()
    /// Bytes passed through so far.
    public private(set) var count = 0
    /// Whether the inner source has reported its end.
    public private(set) var isAtEnd = false

    /// Wraps `inner`.
    public init(_ inner: any ByteSource) { self.inner = inner }

    /// Reads from the wrapped source, hashing and counting what passes.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !isAtEnd else { return 0 }
        let read = try inner.read(into: buffer)
        if read == 0 {
            isAtEnd = true
            return 0
        }
        hash.update(UnsafeRawBufferPointer(rebasing: buffer[0..<read]))
        count += read
        return read
    }

    /// Reads whatever the consumer left (trailing comments, or everything after an error) so
    /// that ``hexDigest`` covers the whole input.
    /// - Throws: the inner source's read error.
    public func drain() throws {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while !isAtEnd {
            _ = try chunk.withUnsafeMutableBytes { try read(into: $0) }
        }
    }

    /// SHA-256 of the bytes read so far (of the whole input after ``drain()``).
    public var hexDigest: String { hash.hexDigest() }
}
