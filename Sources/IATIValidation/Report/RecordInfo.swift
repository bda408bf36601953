/// One activity (or organisation) of a validated file, as reports list it.
public struct RecordInfo: Sendable, Hashable {
    /// The identifier the report groups by: the `iati-identifier` (or
    /// `organisation-identifier`) text, `noIdentifier` when missing, with `(2)`, `(3)`, …
    /// appended to repeats.
    public var identifier: String
    /// The first narrative of the title (the organisation's name), if any.
    public var title: String?
    /// Line of the start tag.
    public var line: Int

    /// Makes a record entry.
    public init(identifier: String, title: String?, line: Int) {
        self.identifier = identifier
        self.title = title
        self.line = line
    }
}
