import IATI

/// JSON text for the manifest and the journal: compact for file entries (one per line),
/// indented for the top level. The writing itself is `IATI.JSONText`'s.
enum ManifestJSON {
    /// Appends `value` on one line.
    static func appendCompact(_ value: JSONValue, to out: inout String) {
        JSONText.append(value, to: &out)
    }

    /// Appends `value` indented by two spaces per level, starting at `level`.
    static func appendIndented(_ value: JSONValue, level: Int, to out: inout String) {
        JSONText.appendPretty(value, level: level, to: &out)
    }

    /// Appends `text` as a string literal (RFC 8259 escapes).
    static func appendString(_ text: String, to out: inout String) {
        JSONText.appendString(text, to: &out)
    }
}
