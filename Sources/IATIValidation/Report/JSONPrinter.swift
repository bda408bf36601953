import IATI

/// Writes a ``JSONValue`` as indented JSON (two spaces, keys in the value's order), the form
/// the JSON and SARIF reports use so that people can read them too.
enum JSONPrinter {
    /// `value` as indented text; nested lines are indented from column `indent`, the first
    /// line is not (the caller places it).
    static func render(_ value: JSONValue, indent: Int = 0) -> String {
        var out = ""
        append(value, indent: indent, to: &out)
        return out
    }

    private static func append(_ value: JSONValue, indent: Int, to out: inout String) {
        switch value {
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                appendString(member.key, to: &out)
                out += ": "
                append(member.value, indent: indent + 2, to: &out)
                out += index + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        case .array(let values):
            guard !values.isEmpty else {
                out += "[]"
                return
            }
            out += "[\n"
            for (index, element) in values.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                append(element, indent: indent + 2, to: &out)
                out += index + 1 < values.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .string(let text): appendString(text, to: &out)
        case .number(let text): out += text
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// Appends `text` as a JSON string literal (RFC 8259 escapes).
    static func appendString(_ text: String, to out: inout String) {
        out += "\""
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
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

extension JSONValue {
    /// A JSON number from an integer.
    static func int(_ value: Int) -> JSONValue { .number(String(value)) }
}
