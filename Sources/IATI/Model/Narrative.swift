/// A piece of human-readable text in one language (IATI's `narrative` element).
public struct Narrative: Sendable, Hashable {
    /// The text, with leading and trailing white space removed.
    public var text: String
    /// The language that applies: the narrative's own `xml:lang`, else the activity's, else
    /// the file's; `nil` when none of them states one.
    public var language: String?
    /// The narrative's own `xml:lang`, `nil` when the language was inherited.
    public var statedLanguage: String?

    /// Creates a narrative.
    public init(text: String, language: String?, statedLanguage: String? = nil) {
        self.text = text
        self.language = language
        self.statedLanguage = statedLanguage
    }

    /// Reads a `narrative` element, resolving its language through `context`.
    public init(element: RecordElement, context: DecodingContext) {
        let stated = element.xmlLang
        self.init(text: element.text.trimmingXMLWhitespace(), language: stated ?? context.defaultLanguage, statedLanguage: stated)
    }
}

extension Array where Element == Narrative {
    /// The text in the first of `languages` found (compared case-insensitively, by primary
    /// subtag), else the first narrative's text; `nil` for no narratives.
    public func text(preferring languages: [String] = ["en"]) -> String? {
        for wanted in languages {
            let wanted = wanted.lowercased()
            if let match = first(where: { narrative in
                guard let language = narrative.language?.lowercased() else { return false }
                return language == wanted || language.hasPrefix(wanted + "-")
            }) {
                return match.text
            }
        }
        return first?.text
    }
}
