/// A planned or actual start or end (`activity-date`).
public struct ActivityDate: Sendable, Hashable {
    /// The `activity-date` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// ActivityDateType code: 1 planned start, 2 actual start, 3 planned end, 4 actual end.
    public var type: String? { element.value("type") }
    public var date: IATIDate? { element.value("iso-date").map(IATIDate.init(text:)) }
    public var narratives: [Narrative] { element.narratives(context) }
}
