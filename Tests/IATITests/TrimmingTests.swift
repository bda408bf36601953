import IATI
import Testing

/// `trimmingXMLWhitespace` trims by bytes where that is safe, and must give what trimming by
/// characters gives.
@Suite("XML white space trimmed by whole characters")
struct TrimmingTests {
    /// What trimming by characters gives (the definition).
    static func byCharacters(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(text[first...last])
    }

    @Test(
        "trimmed as characters are",
        arguments: [
            "", " ", "\r\n", " \t\r\n ", "abc", " abc ", "\r\nabc\r\n", "\tBộ Lao động ", "Bộ Lao động",
            " ộ ", "ộ\n", " \u{301}abc ", "abc \u{301}", "\u{600} ", " \u{600}x", "e\u{301} ", " \r\n\u{301}", "a b",
        ])
    func trimmed(_ text: String) {
        #expect(text.trimmingXMLWhitespace() == Self.byCharacters(text))
        #expect(Array(text.trimmingXMLWhitespace().unicodeScalars) == Array(Self.byCharacters(text).unicodeScalars))
    }
}
