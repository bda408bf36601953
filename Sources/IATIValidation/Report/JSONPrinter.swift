import IATI

/// Writes a ``JSONValue`` as indented JSON (two spaces, keys in the value's order), the form
/// the JSON and SARIF reports use so that people can read them too.
enum JSONPrinter {
    /// `value` as indented text; nested lines are indented from column `indent` (even), the
    /// first line is not (the caller places it).
    static func render(_ value: JSONValue, indent: Int = 0) -> String {
        var out = ""
        JSONText.appendPretty(value, level: indent / 2, to: &out)
        return out
    }

    /// Appends `text` as a JSON string literal (RFC 8259 escapes).
    static func appendString(_ text: String, to out: inout String) {
        JSONText.appendString(text, to: &out)
    }
}

extension JSONValue {
    /// A JSON number from an integer.
    static func int(_ value: Int) -> JSONValue { .number(String(value)) }
}
