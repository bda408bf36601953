/// Something 2.03 requires that an upgraded record still lacks (or has in a form 2.03 does not
/// accept): the output is not schema-valid until the publisher supplies it.
public struct MissingContent: Sendable, Hashable, CustomStringConvertible {
    /// What kind of gap.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A required element is absent.
        case element = "missing-element"
        /// A required attribute is absent.
        case attribute = "missing-attribute"
        /// More elements than 2.03 allows at this place.
        case tooMany = "too-many"
        /// A value that is not valid for its 2.03 datatype.
        case invalidValue = "invalid-value"
        /// Content 2.03 does not allow here (no-namespace content, text in an element-only element).
        case notAllowed = "not-allowed"
    }

    /// What kind of gap.
    public var kind: Kind
    /// Path below the record of the element concerned, ending in `@name` for an attribute.
    public var path: String
    /// The element whose content is incomplete (the parent, for a missing element).
    public var element: String
    /// The missing or offending element or attribute name (`@ref` for attributes).
    public var item: String
    /// Line of the element in the original file.
    public var line: Int
    /// A sentence saying what is missing or wrong.
    public var message: String

    /// Makes a gap.
    public init(kind: Kind, path: String, element: String, item: String, line: Int, message: String) {
        self.kind = kind
        self.path = path
        self.element = element
        self.item = item
        self.line = line
        self.message = message
    }

    /// `line N: message (path)`.
    public var description: String { "line \(line): \(message) (\(path))" }
}
