/// A description of the activity (`description`) of one type.
public struct ActivityDescription: Sendable, Hashable {
    /// The `description` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// DescriptionType code: 1 general, 2 objectives, 3 target groups, 4 other; absent means 1.
    public var type: String? { element.value("type") }
    public var narratives: [Narrative] { element.narratives(context) }
}
