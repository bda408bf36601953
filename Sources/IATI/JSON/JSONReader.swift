public import LibXML

/// A pull parser for JSON over a byte source: whole values with ``value()``, or one level at a
/// time (``beginObject()``/``nextKey()``, ``beginArray()``/``nextElement()``) so that a large
/// array can be read one element at a time.
///
/// Errors name the input, line and column.
public final class JSONReader {
    public let name: String
    private let source: any ByteSource
    // Read and written for every byte, by the reader's one thread (it is not `Sendable`), in
    // accesses that never overlap: no run-time exclusivity checks.
    @exclusivity(unchecked) private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var atEnd = false
    @exclusivity(unchecked) private var line = 1
    @exclusivity(unchecked) private var lineStart = 0
    @exclusivity(unchecked) private var consumedBefore = 0
    /// Nesting limit, to bound recursion on hostile input.
    private let maximumDepth = 512
    @exclusivity(unchecked) private var depth = 0
    /// Bytes consumed so far.
    public var bytesRead: Int { consumedBefore + position }
    /// Whether ``value()`` records where each value it reads is, in the order the values start
    /// (an object or array before its members), for ``takePlaces()``: the lines of a
    /// pretty-printed record's elements (see ``NormalisedJSON/node(from:spec:path:line:values:)``).
    public var recordsPlaces = false {
        didSet { places = [] }
    }
    @exclusivity(unchecked) private var places: [ValuePlace] = []

    /// Where a value is: the line it starts on, and how many values it spans (itself, and
    /// those it holds at every depth), so that the next value after it is that many places on.
    public struct ValuePlace: Sendable {
        public var line: Int32
        public var span: Int32
    }

    public init(name: String, source: any ByteSource) {
        self.name = name
        self.source = source
    }

    // MARK: - Bytes

    /// Whether a byte is there to read, reading the next block when the buffer is used up.
    /// Asked before every byte: the check is inlined, the reading is not.
    @inline(__always) private func fill() throws(XMLError) -> Bool {
        if position < count { return true }
        return try refill()
    }

    @inline(never) private func refill() throws(XMLError) -> Bool {
        if atEnd { return false }
        consumedBefore += count
        lineStart -= count
        position = 0
        do {
            count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if consumedBefore == 0, buffer[..<count].starts(with: XMLSyntax.utf8ByteOrderMark) {
                // A UTF-8 byte order mark (Windows tools write one) is not part of the JSON.
                position = XMLSyntax.utf8ByteOrderMark.count
                lineStart = position
            }
        } catch let error as XMLError {
            throw error
        } catch {
            throw XMLError(level: .fatal, file: name, message: "cannot read: \(error)")
        }
        if count == 0 { atEnd = true }
        return count > 0
    }

    private func peek() throws(XMLError) -> UInt8? {
        guard try fill() else { return nil }
        return buffer[position]
    }

    private func take() throws(XMLError) -> UInt8 {
        guard try fill() else { throw failure("unexpected end of input") }
        let byte = buffer[position]
        position += 1
        if byte == 0x0A {
            line += 1
            lineStart = position
        }
        return byte
    }

    private func skipSpace() throws(XMLError) {
        while let byte = try peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            _ = try take()
        }
    }

    /// The current line and column, for errors.
    public var location: (line: Int, column: Int) { (line, position - lineStart + 1) }

    func failure(_ message: String) -> XMLError {
        XMLError(level: .fatal, file: name, line: line, column: position - lineStart + 1, message: "invalid JSON: \(message)")
    }

    private func expect(_ byte: UInt8, _ what: String) throws(XMLError) {
        try skipSpace()
        let found = try take()
        guard found == byte else { throw failure("expected \(what), found '\(Character(Unicode.Scalar(found)))'") }
    }

    // MARK: - Structure, one level at a time

    /// Whether only white space remains.
    public func isAtEnd() throws(XMLError) -> Bool {
        try skipSpace()
        return try peek() == nil
    }

    public func beginObject() throws(XMLError) { try expect(UInt8(ascii: "{"), "'{'") ; firstMember = true }
    public func beginArray() throws(XMLError) { try expect(UInt8(ascii: "["), "'['") ; firstMember = true }
    @exclusivity(unchecked) private var firstMember = true

    /// The next key of the object being read (the reader then stands before its value);
    /// `nil` after the closing brace.
    public func nextKey() throws(XMLError) -> String? {
        try skipSpace()
        if try peek() == UInt8(ascii: "}") {
            _ = try take()
            firstMember = false
            return nil
        }
        if !firstMember { try expect(UInt8(ascii: ","), "',' or '}'") ; try skipSpace() }
        firstMember = false
        guard try peek() == UInt8(ascii: "\"") else { throw failure("expected a key in quotes") }
        let key = try string()
        try expect(UInt8(ascii: ":"), "':'")
        return key
    }

    /// Whether another element of the array being read follows (the reader then stands
    /// before it); `false` after the closing bracket.
    public func nextElement() throws(XMLError) -> Bool {
        try skipSpace()
        if try peek() == UInt8(ascii: "]") {
            _ = try take()
            firstMember = false
            return false
        }
        if !firstMember { try expect(UInt8(ascii: ","), "',' or ']'") ; try skipSpace() }
        firstMember = false
        return true
    }

    // MARK: - Whole values

    /// Where the values read since the last call (or since ``recordsPlaces`` was set) are.
    public func takePlaces() -> [ValuePlace] {
        defer { places = [] }
        return places
    }

    /// Reads one complete value.
    public func value() throws(XMLError) -> JSONValue {
        try skipSpace()
        guard let byte = try peek() else { throw failure("unexpected end of input") }
        let place = recordsPlaces ? places.count : -1
        if recordsPlaces { places.append(ValuePlace(line: Int32(truncatingIfNeeded: line), span: 1)) }
        defer {
            if place >= 0 { places[place].span = Int32(truncatingIfNeeded: places.count - place) }
        }
        switch byte {
        case UInt8(ascii: "{"):
            depth += 1
            defer { depth -= 1 }
            guard depth <= maximumDepth else { throw failure("nested deeper than \(maximumDepth) levels") }
            _ = try take()
            var members: [(key: String, value: JSONValue)] = []
            try skipSpace()
            if try peek() == UInt8(ascii: "}") {
                _ = try take()
                return .object(members)
            }
            while true {
                try skipSpace()
                guard try peek() == UInt8(ascii: "\"") else { throw failure("expected a key in quotes") }
                let key = try string()
                try expect(UInt8(ascii: ":"), "':'")
                members.append((key, try value()))
                try skipSpace()
                let separator = try take()
                if separator == UInt8(ascii: "}") { return .object(members) }
                guard separator == UInt8(ascii: ",") else { throw failure("expected ',' or '}'") }
            }
        case UInt8(ascii: "["):
            depth += 1
            defer { depth -= 1 }
            guard depth <= maximumDepth else { throw failure("nested deeper than \(maximumDepth) levels") }
            _ = try take()
            var elements: [JSONValue] = []
            try skipSpace()
            if try peek() == UInt8(ascii: "]") {
                _ = try take()
                return .array(elements)
            }
            while true {
                elements.append(try value())
                try skipSpace()
                let separator = try take()
                if separator == UInt8(ascii: "]") { return .array(elements) }
                guard separator == UInt8(ascii: ",") else { throw failure("expected ',' or ']'") }
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try number())
        default:
            throw failure("unexpected character '\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private func literal(_ word: String) throws(XMLError) {
        for expected in word.utf8 {
            guard try take() == expected else { throw failure("expected '\(word)'") }
        }
    }

    private func number() throws(XMLError) -> String {
        var bytes: [UInt8] = []
        func digits() throws(XMLError) -> Int {
            var n = 0
            while let byte = try peek(), Lexical.isDigit(byte) {
                bytes.append(try take())
                n += 1
            }
            return n
        }
        if try peek() == UInt8(ascii: "-") { bytes.append(try take()) }
        let integerStart = bytes.count
        guard try digits() > 0 else { throw failure("a number needs digits") }
        if bytes[integerStart] == UInt8(ascii: "0"), bytes.count - integerStart > 1 {
            throw failure("a number may not have leading zeros")
        }
        if try peek() == UInt8(ascii: ".") {
            bytes.append(try take())
            guard try digits() > 0 else { throw failure("a number needs digits after '.'") }
        }
        if let byte = try peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            bytes.append(try take())
            if let sign = try peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes.append(try take()) }
            guard try digits() > 0 else { throw failure("a number needs digits in its exponent") }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func string() throws(XMLError) -> String {
        _ = try take()  // opening quote
        // Most strings are a run of bytes that stand for themselves (see ``plainRun()``) up to
        // the closing quote, all in the buffer: made into a string from there.
        guard try fill() else { throw failure("unexpected end of input") }
        let (start, first) = (position, plainRun())
        if first.end < count, buffer[first.end] == UInt8(ascii: "\"") {
            position = first.end + 1
            return try buffer.withUnsafeBufferPointer { buffer throws(XMLError) in
                try text(UnsafeBufferPointer(rebasing: buffer[start..<first.end]), ascii: first.ascii)
            }
        }
        var bytes: [UInt8] = []
        var ascii = true
        var run = first
        // Each turn takes a run, or one byte that does not stand for itself (an escape, the
        // closing quote), then finds the run from where the reader then stands.
        while true {
            if run.end > position {
                bytes.append(contentsOf: buffer[position..<run.end])
                ascii = ascii && run.ascii
                position = run.end
            } else {
                let byte = try take()
                switch byte {
                case UInt8(ascii: "\""):
                    return try bytes.withUnsafeBufferPointer { bytes throws(XMLError) in try text(bytes, ascii: ascii) }
                case UInt8(ascii: "\\"):
                    let escape = try take()
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escape)
                    case UInt8(ascii: "b"): bytes.append(0x08)
                    case UInt8(ascii: "f"): bytes.append(0x0C)
                    case UInt8(ascii: "n"): bytes.append(0x0A)
                    case UInt8(ascii: "r"): bytes.append(0x0D)
                    case UInt8(ascii: "t"): bytes.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800..<0xDC00).contains(scalar) {
                            guard try take() == UInt8(ascii: "\\"), try take() == UInt8(ascii: "u") else { throw failure("unpaired surrogate") }
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw failure("invalid \\u escape") }
                        // IATI data is XML: a character XML 1.0 cannot hold is refused, not replaced.
                        guard XMLSyntax.isCharacter(unicode) else {
                            let hex = String(scalar, radix: 16, uppercase: true)
                            throw failure("\\u\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex) is a character XML cannot hold (a control character or a non-character): remove it")
                        }
                        bytes.append(contentsOf: String(Character(unicode)).utf8)
                    default:
                        throw failure("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
                    }
                case 0..<0x20:
                    throw failure("control character in a string (escape it)")
                default:
                    bytes.append(byte)
                    ascii = ascii && byte < 0x80
                }
            }
            guard try fill() else { throw failure("unexpected end of input") }
            run = plainRun()
        }
    }

    /// Where the run of bytes from the reader's position that stand for themselves in a string
    /// ends in the buffer (at a quote, a backslash, a control character, so no line break
    /// either, or the buffer's end), and whether they are all ASCII.
    private func plainRun() -> (end: Int, ascii: Bool) {
        buffer.withUnsafeBufferPointer { buffer in
            var end = position
            var seen: UInt8 = 0
            while end < count {
                let byte = buffer[end]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
                seen |= byte
                end += 1
            }
            return (end, seen < 0x80)
        }
    }

    /// The string of UTF-8 `bytes`: ASCII as it is, anything else checked.
    private func text(_ bytes: UnsafeBufferPointer<UInt8>, ascii: Bool) throws(XMLError) -> String {
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw failure("a string is not valid UTF-8") }
        return text
    }

    private func hex4() throws(XMLError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = try take()
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 0x30
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 0x61 + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - 0x41 + 10
            default: throw failure("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
