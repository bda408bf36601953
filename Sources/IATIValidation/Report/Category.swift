/// The group a finding belongs to, as the official IATI Validator names them (`identifiers`,
/// `financial`, `geo`, …, plus `iati` for file-level checks and `schema` for structure).
public struct Category: RawRepresentable, Sendable, Hashable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// File-level checks: well-formedness, the root element, the version.
    public static let iati: Category = "iati"
    /// Structure and datatypes (the XML Schema's domain).
    public static let schema: Category = "schema"
    public static let identifiers: Category = "identifiers"
    public static let organisation: Category = "organisation"
    public static let information: Category = "information"
    public static let participating: Category = "participating"
    public static let geo: Category = "geo"
    public static let classifications: Category = "classifications"
    public static let financial: Category = "financial"
    public static let documents: Category = "documents"
    public static let relations: Category = "relations"
    public static let performance: Category = "performance"

    public static func < (lhs: Category, rhs: Category) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}
