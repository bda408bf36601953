public import LibXML

/// Writing JSON text: strings escaped per RFC 8259, values compact.
public enum JSONText {
    /// Appends `text` as a JSON string literal.
    public static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendString(bytes: $0, to: &out) }
    }

    /// Appends UTF-8 text (valid, as Swift strings and the XML parser hand it) as a JSON string
    /// literal: `"` and `\` escaped, controls as `\n`, `\r`, `\t` or `\u00XX`, and U+2028 and
    /// U+2029, which JSON allows raw but JavaScript source does not, as `\u2028` and `\u2029`.
    /// Runs that need nothing are copied whole.
    public static func appendString(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        appendEscaped(bytes, to: &out)
    }

    /// ``appendString(_:to:)`` onto a sink's output buffer.
    public static func appendString(_ text: String, to out: OutputBuffer) {
        var text = text
        text.withUTF8 { appendString(bytes: $0, to: out) }
    }

    /// ``appendString(bytes:to:)`` onto a sink's output buffer.
    public static func appendString(bytes: UnsafeBufferPointer<UInt8>, to out: OutputBuffer) {
        var out = out
        appendEscaped(bytes, to: &out)
    }

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout some JSONBytes) {
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            var escape: StaticString?
            var width = 1
            switch byte {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0xE2 where index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                width = 3
            case 0x00..<0x20: break
            default:
                index += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            if let escape {
                escape.withUTF8Buffer { out.append(contentsOf: $0) }
            } else {
                let hex: StaticString = "0123456789abcdef"
                ("\\u00" as StaticString).withUTF8Buffer { out.append(contentsOf: $0) }
                out.append(hex.utf8Start[Int(byte >> 4)])
                out.append(hex.utf8Start[Int(byte & 0x0F)])
            }
            index += width
            runStart = index
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        out.append(UInt8(ascii: "\""))
    }

    /// Appends a whole value, compact, keys in the value's order.
    public static func append(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                appendString(member.key, to: &out)
                out += ":"
                append(member.value, to: &out)
            }
            out += "}"
        case .array(let values):
            out += "["
            for (index, element) in values.enumerated() {
                if index > 0 { out += "," }
                append(element, to: &out)
            }
            out += "]"
        case .string(let text): appendString(text, to: &out)
        case .number(let text): out += text
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        }
    }
}

extension JSONText {
    /// Appends a value indented by two spaces per level (for files people read).
    public static func appendPretty(_ value: JSONValue, level: Int = 0, to out: inout [UInt8]) {
        let indent = String(repeating: " ", count: 2 * level + 2)
        let closing = String(repeating: " ", count: 2 * level)
        switch value {
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += indent
                appendString(member.key, to: &out)
                out += ": "
                appendPretty(member.value, level: level + 1, to: &out)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += closing + "}"
        case .array(let values) where !values.isEmpty:
            out += "[\n"
            for (index, element) in values.enumerated() {
                out += indent
                appendPretty(element, level: level + 1, to: &out)
                out += index == values.count - 1 ? "\n" : ",\n"
            }
            out += closing + "]"
        default:
            append(value, to: &out)
        }
    }
}

extension JSONText {
    /// ``appendString(_:to:)`` for callers building a `String`.
    public static func appendString(_ text: String, to out: inout String) {
        var bytes: [UInt8] = []
        appendString(text, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// ``appendPretty(_:level:to:)`` for callers building a `String`.
    public static func appendPretty(_ value: JSONValue, level: Int = 0, to out: inout String) {
        var bytes: [UInt8] = []
        appendPretty(value, level: level, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// ``append(_:to:)`` for callers building a `String`.
    public static func append(_ value: JSONValue, to out: inout String) {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }
}

/// Where JSON text is appended: a byte array, or a sink's output buffer.
protocol JSONBytes {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: JSONBytes where Element == UInt8 {}

extension OutputBuffer: JSONBytes {
    func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) { append(bytes) }
}
