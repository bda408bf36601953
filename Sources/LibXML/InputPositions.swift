internal import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Positions read from a push parser's input buffer while a SAX callback runs.
///
/// libxml2 keeps the line and column of the character it stands on (`xmlParserInput.line`,
/// `.col`, columns counted in characters); the node a callback is about lies just behind that
/// place, still in the buffer, so its position is counted back from there: a start tag from its
/// `<` to its `>` (a push parser has the whole tag in its buffer before it reads it), a text
/// from its first byte to where the parser stopped. Where the count would need bytes the
/// parser has already let go (a start tag spanning lines whose first line began before the
/// buffer), the column is left unknown (0) rather than guessed.
enum InputPositions {
    /// A start tag the parser has just read, as it lies in the input buffer.
    struct StartTag {
        /// Its `<`.
        let open: UnsafePointer<UInt8>
        /// Where the parser stands: its `>` or `/>`.
        let end: UnsafePointer<UInt8>
        /// The position of its `<`.
        let position: SourcePosition
        /// Whether it is all ASCII on one line (nearly every tag): then a byte is a column.
        let simple: Bool
    }

    /// At a start-element callback, where the parser stands on the tag's `>` or `/>`: the tag,
    /// found back to its `<` (an attribute value holds none); `nil` when not in the buffer.
    static func startTag(_ parser: xmlParserCtxtPtr) -> StartTag? {
        guard let input = parser.pointee.input, let base = input.pointee.base, let end = input.pointee.cur, end > base else {
            return nil
        }
        var open = end
        var bits: UInt8 = 0
        var newline = false
        repeat {
            open -= 1
            bits |= open.pointee
            newline = newline || open.pointee == 0x0A
        } while open > base && open.pointee != UInt8(ascii: "<")
        guard open.pointee == UInt8(ascii: "<") else { return nil }
        // A tag all ASCII on one line: a byte is a column.
        let simple = bits < 0x80 && !newline
        let position =
            simple
            ? SourcePosition(line: Int(input.pointee.line), column: max(0, Int(input.pointee.col) - (end - open)))
            : self.position(of: open, before: end, input: input.pointee)
        guard position.isKnown else { return nil }
        return StartTag(open: open, end: end, position: position, simple: simple)
    }

    /// The position of an attribute of a simple `tag` from where libxml2 says its value
    /// starts (`value`, a pointer into the tag when the value needed no rewriting): its name
    /// just before `="`. `nil` when that cannot tell: read the tag (``attributes(of:_:)``).
    static func attribute(prefix: UnsafePointer<xmlChar>?, local: UnsafePointer<xmlChar>?, value: UnsafePointer<xmlChar>?, in tag: StartTag)
        -> SourcePosition?
    {
        guard tag.simple, let local, let value, value > tag.open, value <= tag.end else { return nil }
        var cursor = value - 1
        guard cursor.pointee == UInt8(ascii: "\"") || cursor.pointee == UInt8(ascii: "'") else { return nil }
        cursor -= 1
        while cursor > tag.open, isSpace(cursor.pointee) { cursor -= 1 }
        guard cursor.pointee == UInt8(ascii: "=") else { return nil }
        cursor -= 1
        while cursor > tag.open, isSpace(cursor.pointee) { cursor -= 1 }
        let length = strlen(local) + (prefix.map { strlen($0) + 1 } ?? 0)
        let name = cursor + 1 - length
        guard name > tag.open, spells(UnsafeBufferPointer(start: name, count: length), prefix: prefix, local: local) else { return nil }
        return SourcePosition(line: tag.position.line, column: tag.position.column + (name - tag.open))
    }

    /// Reads `tag`: `attribute` is called with each attribute's name as written
    /// (`prefix:name`) and its position, in the order written; namespace declarations are left
    /// out, as libxml2 leaves them out of the attributes it hands on.
    static func attributes(of tag: StartTag, _ attribute: (UnsafeBufferPointer<UInt8>, SourcePosition) -> Void) {
        var walk = Walk(at: tag.open, end: tag.end, from: tag.position, simple: tag.simple)
        walk.advance()
        while !walk.atEnd, !walk.atSpace, walk.byte != UInt8(ascii: "/"), walk.byte != UInt8(ascii: ">") { walk.advance() }
        while true {
            walk.skipSpaces()
            guard !walk.atEnd, walk.byte != UInt8(ascii: "/"), walk.byte != UInt8(ascii: ">") else { break }
            let name = walk.pointer
            let place = walk.position
            while !walk.atEnd, !walk.atSpace, walk.byte != UInt8(ascii: "=") { walk.advance() }
            let written = UnsafeBufferPointer(start: name, count: walk.pointer - name)
            walk.skipSpaces()
            guard !walk.atEnd, walk.byte == UInt8(ascii: "=") else { break }
            walk.advance()
            walk.skipSpaces()
            guard !walk.atEnd, walk.byte == UInt8(ascii: "\"") || walk.byte == UInt8(ascii: "'") else { break }
            let quote = walk.byte
            walk.advance()
            walk.skipValue(quote: quote)
            guard !walk.atEnd else { break }
            walk.advance()
            if !isNamespaceDeclaration(written) { attribute(written, place) }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// At a characters callback: where `text` (`count` bytes) begins, when libxml2 handed it
    /// straight from its input buffer and stands at its end or its start (its fast path);
    /// unknown when the text was copied (text after a character reference, non-ASCII text).
    static func text(_ parser: xmlParserCtxtPtr, _ text: UnsafePointer<UInt8>, count: Int) -> SourcePosition {
        guard let input = parser.pointee.input, let base = input.pointee.base, let cur = input.pointee.cur,
            let bufferEnd = input.pointee.end, count > 0, text >= base, text + count <= bufferEnd,
            cur == text || cur == text + count
        else { return .unknown }
        return position(of: text, before: text + count, input: input.pointee)
    }

    /// Where the parser stands: after an end tag, right after a start tag's `>`.
    static func current(_ parser: xmlParserCtxtPtr) -> SourcePosition {
        guard let input = parser.pointee.input else { return .unknown }
        return SourcePosition(line: Int(input.pointee.line), column: Int(input.pointee.col))
    }

    /// Where the text just after the start tag the parser stands at the end of begins; unknown
    /// for an empty element (`/>`).
    static func afterStartTag(_ parser: xmlParserCtxtPtr) -> SourcePosition {
        guard let input = parser.pointee.input, let cur = input.pointee.cur, cur.pointee == UInt8(ascii: ">") else {
            return .unknown
        }
        return SourcePosition(line: Int(input.pointee.line), column: Int(input.pointee.col) + 1)
    }

    // MARK: - Counting back

    /// The position of `start`, given that the parser stands at `end` (later in the buffer).
    private static func position(of start: UnsafePointer<UInt8>, before end: UnsafePointer<UInt8>, input: xmlParserInput)
        -> SourcePosition
    {
        var newlines = 0
        var characters = 0
        var cursor = start
        while cursor < end {
            let byte = cursor.pointee
            if byte == 0x0A { newlines += 1 }
            if byte & 0xC0 != 0x80 { characters += 1 }
            cursor += 1
        }
        return position(of: start, newlines: newlines, characters: characters, input: input)
    }

    /// The position of `start`, given that `newlines` line breaks and `characters` characters
    /// (the line breaks among them) lie between it and where the parser stands.
    private static func position(of start: UnsafePointer<UInt8>, newlines: Int, characters: Int, input: xmlParserInput)
        -> SourcePosition
    {
        let line = Int(input.line) - newlines
        guard line >= 1 else { return .unknown }
        if newlines == 0 {
            let column = Int(input.col) - characters
            return SourcePosition(line: line, column: column >= 1 ? column : 0)
        }
        return SourcePosition(line: line, column: column(of: start, line: line, input: input))
    }

    /// The column of `start` found by looking back for the newline before it; 0 when the
    /// buffer no longer holds it (unless the buffer starts the document).
    private static func column(of start: UnsafePointer<UInt8>, line: Int, input: xmlParserInput) -> Int {
        guard let base = input.base else { return 0 }
        var cursor = start
        while cursor > base {
            if (cursor - 1).pointee == 0x0A { return characters(from: cursor, to: start) + 1 }
            cursor -= 1
        }
        guard input.consumed == 0, line == 1 else { return 0 }
        var first = base
        // A byte order mark is not a column.
        if start - base >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { first += 3 }
        return characters(from: first, to: start) + 1
    }

    private static func characters(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>) -> Int {
        var count = 0
        var cursor = start
        while cursor < end {
            if cursor.pointee & 0xC0 != 0x80 { count += 1 }
            cursor += 1
        }
        return count
    }

    /// `xmlns` or `xmlns:prefix`.
    private static func isNamespaceDeclaration(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.count >= 5, name[0] == UInt8(ascii: "x"), name[1] == UInt8(ascii: "m"), name[2] == UInt8(ascii: "l"),
            name[3] == UInt8(ascii: "n"), name[4] == UInt8(ascii: "s")
        else { return false }
        return name.count == 5 || name[5] == UInt8(ascii: ":")
    }

    /// Whether `written` spells `prefix:local` (`local` without a prefix).
    static func spells(_ written: UnsafeBufferPointer<UInt8>, prefix: UnsafePointer<xmlChar>?, local: UnsafePointer<xmlChar>?) -> Bool {
        guard let local else { return false }
        var offset = 0
        func match(_ text: UnsafePointer<xmlChar>) -> Bool {
            var cursor = text
            while cursor.pointee != 0 {
                guard offset < written.count, written[offset] == cursor.pointee else { return false }
                offset += 1
                cursor += 1
            }
            return true
        }
        if let prefix {
            guard match(prefix), offset < written.count, written[offset] == UInt8(ascii: ":") else { return false }
            offset += 1
        }
        return match(local) && offset == written.count
    }
}

/// Steps through the bytes of a start tag, keeping the line and column of the byte it is on.
/// In a `simple` tag (ASCII on one line) the column is the byte's offset from the start.
private struct Walk {
    private(set) var pointer: UnsafePointer<UInt8>
    let end: UnsafePointer<UInt8>
    private let simple: Bool
    private let start: UnsafePointer<UInt8>
    private var line: Int
    /// 0 while unknown (until the next newline); in a simple tag, the start's.
    private var column: Int

    init(at start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, from position: SourcePosition, simple: Bool) {
        pointer = start
        self.start = start
        self.end = end
        self.simple = simple
        line = position.line
        column = position.column
    }

    var position: SourcePosition {
        SourcePosition(line: line, column: simple && column > 0 ? column + (pointer - start) : column)
    }
    var atEnd: Bool { pointer >= end }
    var byte: UInt8 { pointer.pointee }
    var atSpace: Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    mutating func advance() {
        guard !simple else {
            pointer += 1
            return
        }
        let byte = pointer.pointee
        if byte == 0x0A {
            line += 1
            column = 1
        } else if column > 0, byte & 0xC0 != 0x80 {
            column += 1
        }
        pointer += 1
    }

    mutating func skipSpaces() {
        while !atEnd, atSpace { advance() }
    }

    /// Moves to the closing `quote` of an attribute value (or the end).
    mutating func skipValue(quote: UInt8) {
        if simple {
            while pointer < end, pointer.pointee != quote { pointer += 1 }
        } else {
            while !atEnd, byte != quote { advance() }
        }
    }
}
