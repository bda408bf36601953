import LibXML

/// Writing JSON text: strings escaped per RFC 8259, values compact.
public enum JSONText {
    /// Appends `text` as a JSON string literal.
    public static func appendString(_ text: String, to out: inout [UInt8]) {
        out += "\""
        // 0xE2 leads U+2028 and U+2029, which JSON allows raw but JavaScript source does not.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) else {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.append(scalar: scalar)
            }
        }
        out += "\""
    }

    /// ``appendString(_:to:)`` for UTF-8 bytes (valid UTF-8, as the XML parser hands it).
    public static func appendString(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) else {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return
        }
        appendString(String(decoding: bytes, as: UTF8.self), to: &out)
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
