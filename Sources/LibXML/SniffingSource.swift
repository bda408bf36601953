/// Reads ahead the first bytes of a stream (standard input cannot seek), so that they can be
/// looked at — which format, which kind of file — then hands everything on unchanged.
///
/// Both XML readers read through one (see `InputContext`), so that what an input is can be
/// told from its first bytes when libxml2 refuses it (``InputKind``); `Conversion` uses one to
/// tell JSON from XML on standard input. The head is read at the first look or the first read.
public final class SniffingSource: ByteSource {
    private let inner: any ByteSource
    private var head: [UInt8] = []
    private var offset = 0
    private var peeked = false

    public init(_ inner: any ByteSource) { self.inner = inner }

    /// The source to read through: `source` itself when it is already a sniffing source.
    public static func wrapping(_ source: any ByteSource) -> SniffingSource {
        (source as? SniffingSource) ?? SniffingSource(source)
    }

    /// The first bytes of the input: at least 512 (fewer at the end of input), and on to the
    /// end of the first line that holds something other than white space, at most 64 KiB.
    public func peek() throws -> [UInt8] {
        guard !peeked else { return head }
        peeked = true
        var chunk = [UInt8](repeating: 0, count: 4096)
        while head.count < 1 << 16 {
            let count = try chunk.withUnsafeMutableBytes { try inner.read(into: $0) }
            if count == 0 { break }
            head += chunk[0..<count]
            if head.count >= 512, head.contains(where: { !isSpace($0) }), head.contains(0x0A) { break }
        }
        return head
    }

    /// What ``peek()`` has read so far, without reading.
    public var peekedBytes: [UInt8] { head }

    /// The first byte that is not white space (after a byte order mark), once peeked.
    public var firstSignificantByte: UInt8? { XMLSyntax.afterByteOrderMark(head).first { !isSpace($0) } }

    /// A first line that closes its object, and is not a whole document on one line (a
    /// document's first key is one of its own, `version` as iatix writes it): JSON Lines
    /// rather than one document.
    public var looksLikeLines: Bool {
        let text = XMLSyntax.afterByteOrderMark(head)
        guard let newline = text.firstIndex(of: 0x0A) else { return false }
        let line = text[..<newline].filter { !isSpace($0) }
        guard line.last == UInt8(ascii: "}"), line.first == UInt8(ascii: "{") else { return false }
        let firstKey = line.dropFirst().starts(with: [UInt8(ascii: "\"")]) ? line.dropFirst(2).prefix { $0 != UInt8(ascii: "\"") } : []
        return !["version", "activities", "organisations"].contains(String(decoding: firstKey, as: UTF8.self))
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !peeked { _ = try peek() }
        if offset < head.count {
            let count = min(buffer.count, head.count - offset)
            head.withUnsafeBytes { source in
                if let base = source.baseAddress, let target = buffer.baseAddress {
                    target.copyMemory(from: base + offset, byteCount: count)
                }
            }
            offset += count
            return count
        }
        return try inner.read(into: buffer)
    }
}

/// XML's white space: space, tab, line feed, carriage return.
func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
