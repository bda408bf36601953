import IATI

/// JSON text for the manifest and the journal: compact for file entries, indented for the top
/// level. (Kept here rather than shared so the manifest's exact layout is this module's.)
enum ManifestJSON {
    /// Appends `value` on one line.
    static func appendCompact(_ value: JSONValue, to out: inout String) {
        switch value {
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                appendString(member.key, to: &out)
                out += ":"
                appendCompact(member.value, to: &out)
            }
            out += "}"
        case .array(let values):
            out += "["
            for (index, element) in values.enumerated() {
                if index > 0 { out += "," }
                appendCompact(element, to: &out)
            }
            out += "]"
        case .string(let text): appendString(text, to: &out)
        case .number(let text): out += text
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// Appends `value` indented by two spaces per level, starting at `level`.
    static func appendIndented(_ value: JSONValue, level: Int, to out: inout String) {
        let indent = String(repeating: "  ", count: level + 1)
        let closing = String(repeating: "  ", count: level)
        switch value {
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += indent
                appendString(member.key, to: &out)
                out += ": "
                appendIndented(member.value, level: level + 1, to: &out)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += closing + "}"
        case .array(let values) where !values.isEmpty:
            out += "[\n"
            for (index, element) in values.enumerated() {
                out += indent
                appendIndented(element, level: level + 1, to: &out)
                out += index == values.count - 1 ? "\n" : ",\n"
            }
            out += closing + "]"
        default:
            appendCompact(value, to: &out)
        }
    }

    /// Appends `text` as a string literal (RFC 8259 escapes).
    static func appendString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
