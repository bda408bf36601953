/// A value from the publisher's own system (`legacy-data`).
public struct LegacyData: Sendable, Hashable {
    /// The `legacy-data` element read.
    public let element: RecordElement

    public var name: String? { element.value("name") }
    public var value: String? { element.value("value") }
    /// The IATI element the value corresponds to.
    public var iatiEquivalent: String? { element.value("iati-equivalent") }
}
