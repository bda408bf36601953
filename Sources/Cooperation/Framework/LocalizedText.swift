public import IATI
/// A text in English and Vietnamese, the two languages of the programme.
public struct LocalizedText: Sendable, Hashable {
    public var en: String?
    public var vi: String?

    /// Creates a text.
    public init(en: String? = nil, vi: String? = nil) {
        self.en = en
        self.vi = vi
    }

    /// The text in `language`, falling back to the other language; "" when neither is set.
    public func text(_ language: ReportLanguage) -> String {
        switch language {
        case .en: en ?? vi ?? ""
        case .vi: vi ?? en ?? ""
        }
    }

    /// Whether neither language is set.
    public var isEmpty: Bool { en == nil && vi == nil }
}

