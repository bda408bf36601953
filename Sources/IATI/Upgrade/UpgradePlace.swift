/// Where a value was or went: an element path below the record (`iati-activity/transaction[2]/transaction-type/@code`)
/// and the value there (`nil` for an element as a whole).
public struct UpgradePlace: Sendable, Hashable {
    /// Element names from the record down, `[n]` where several siblings share a name, and
    /// `@name` for an attribute.
    public var path: String
    /// The value at the path, or `nil` when the place is an element.
    public var value: String?

    /// Makes a place.
    public init(path: String, value: String? = nil) {
        self.path = path
        self.value = value
    }
}
