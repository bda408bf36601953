/// Another activity this one relates to (`related-activity`).
public struct RelatedActivity: Sendable, Hashable {
    /// The `related-activity` element read.
    public let element: RecordElement

    /// The other activity's identifier.
    public var ref: String? { element.value("ref") }
    /// RelatedActivityType code: 1 parent, 2 child, 3 sibling, 4 co-funded, 5 third party.
    public var type: String? { element.value("type") }
}
