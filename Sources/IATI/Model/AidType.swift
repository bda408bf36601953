/// An aid type (`default-aid-type`, `aid-type`), from one of several vocabularies.
public struct AidType: Sendable, Hashable {
    public var code: String?
    /// AidTypeVocabulary; absent means `1` (OECD DAC).
    public var vocabulary: String?

    /// Creates an aid type.
    public init(code: String?, vocabulary: String? = nil) {
        self.code = code
        self.vocabulary = vocabulary
    }

    /// Decodes a `default-aid-type` or `aid-type` element.
    public init(element: RecordElement) {
        self.init(code: element.value("code"), vocabulary: element.value("vocabulary"))
    }

    /// The vocabulary that applies: the stated one, else `1`.
    public var effectiveVocabulary: String { vocabulary ?? "1" }
}
