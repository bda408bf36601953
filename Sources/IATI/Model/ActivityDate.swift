public import LibXML

/// A planned or actual start or end (`activity-date`).
public struct ActivityDate: Sendable, Hashable {
    /// ActivityDateType code: 1 planned start, 2 actual start, 3 planned end, 4 actual end.
    public var type: String?
    public var date: IATIDate?
    public var narratives: [Narrative]

    /// Decodes an `activity-date` element.
    public init(node: Node, context: DecodingContext) {
        type = node.value("type")
        date = node.value("iso-date").map(IATIDate.init(text:))
        narratives = node.narratives(context)
    }
}
