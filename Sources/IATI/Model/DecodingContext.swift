/// What an element's decoding needs to know about its surroundings: the languages and the
/// currency that apply when the element does not state its own.
///
/// Built once per activity by ``Activity/init(element:context:)`` and handed
/// down to every child decoder.
public struct DecodingContext: Sendable, Hashable {
    /// `xml:lang` of the file's root element (`iati-activities`), if any.
    public var fileLanguage: String?
    /// A currency stated for the whole file (organisation files, older versions), if any.
    public var fileCurrency: String?
    /// `xml:lang` of the activity itself, if any.
    public var activityLanguage: String?
    /// `default-currency` of the activity, if any.
    public var activityCurrency: String?

    /// Creates a context.
    public init(
        fileLanguage: String? = nil, fileCurrency: String? = nil,
        activityLanguage: String? = nil, activityCurrency: String? = nil
    ) {
        self.fileLanguage = fileLanguage.nonEmptyTrimmed
        self.fileCurrency = fileCurrency.nonEmptyTrimmed
        self.activityLanguage = activityLanguage.nonEmptyTrimmed
        self.activityCurrency = activityCurrency.nonEmptyTrimmed
    }

    /// The language of a narrative that states none: the activity's, then the file's.
    public var defaultLanguage: String? { activityLanguage ?? fileLanguage }

    /// The currency of a value that states none, and where it came from.
    public var defaultCurrency: (code: String, source: CurrencySource)? {
        if let activityCurrency { return (activityCurrency, .activityDefault) }
        if let fileCurrency { return (fileCurrency, .fileDefault) }
        return nil
    }
}

extension Optional where Wrapped == String {
    /// The string with surrounding white space removed, `nil` when that leaves nothing.
    var nonEmptyTrimmed: String? {
        guard let self else { return nil }
        let trimmed = self.trimmingXMLWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension String {
    /// The string without leading and trailing XML white space (space, tab, CR, LF), trimmed
    /// by whole characters: a space that a combining mark or a prepended sign makes part of
    /// another character stays.
    public func trimmingXMLWhitespace() -> String {
        // Most texts have no white space at either end: read the two ends from the string's
        // own storage (`utf8.last` steps back through the view's general index).
        let ends = utf8.withContiguousStorageIfAvailable { ($0.first, $0.last) }
        if let ends, let first = ends.0, let last = ends.1, !Lexical.isSpace(first) && !Lexical.isSpace(last) { return self }
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last else { return self }
        if !Lexical.isSpace(first) && !Lexical.isSpace(last) { return self }
        guard let start = bytes.firstIndex(where: { !Lexical.isSpace($0) }),
            let end = bytes.lastIndex(where: { !Lexical.isSpace($0) })
        else {
            return ""
        }
        // Where the white space meets ASCII on both sides, bytes and characters agree; next
        // to anything else, characters decide.
        guard bytes[start] < 0x80, bytes[end] < 0x80 else { return trimmingByCharacters() }
        return String(self[start...end])
    }

    private func trimmingByCharacters() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
