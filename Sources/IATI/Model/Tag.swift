/// A tag (`tag`): a code from a TagVocabulary (e.g. `2` for SDG goals, `3` for SDG targets,
/// `99` for the reporting organisation's own).
public struct Tag: Sendable, Hashable {
    /// The `tag` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    public var vocabulary: String? { element.value("vocabulary") }
    public var vocabularyURI: String? { element.value("vocabulary-uri") }
    public var code: String? { element.value("code") }
    public var narratives: [Narrative] { element.narratives(context) }
}
