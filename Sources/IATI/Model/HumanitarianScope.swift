/// An emergency or appeal the activity responds to (`humanitarian-scope`).
public struct HumanitarianScope: Sendable, Hashable {
    /// The `humanitarian-scope` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// HumanitarianScopeType code: 1 emergency, 2 appeal.
    public var type: String? { element.value("type") }
    public var vocabulary: String? { element.value("vocabulary") }
    public var vocabularyURI: String? { element.value("vocabulary-uri") }
    public var code: String? { element.value("code") }
    public var narratives: [Narrative] { element.narratives(context) }
}
