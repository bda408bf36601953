/// A version of the IATI standard that iatix reads: 1.01–1.05 (textual codes, plain text in
/// elements) and 2.01–2.03 (numeric codes, `narrative` elements). iatix writes 2.03.
public enum IATIVersion: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case v1_01 = "1.01"
    case v1_02 = "1.02"
    case v1_03 = "1.03"
    case v1_04 = "1.04"
    case v1_05 = "1.05"
    case v2_01 = "2.01"
    case v2_02 = "2.02"
    case v2_03 = "2.03"

    /// The version iatix writes.
    public static let current = IATIVersion.v2_03

    /// The version assumed for 1.0x content whose exact version is unknown: the last 1.0x
    /// release, whose rules cover the earlier ones.
    public static let latestVersion1 = IATIVersion.v1_05

    /// The version a declaration names: `1.05`, and also decimal spellings of it such as
    /// `1.050` (1.0x declared the version as `xsd:decimal`); `nil` for anything else.
    public init?(declared: String) {
        let text = String(Lexical.trimmed(declared))
        if let exact = IATIVersion(rawValue: text) {
            self = exact
            return
        }
        // Decimal spellings: strip trailing fraction zeros beyond two digits ("1.050" → "1.05").
        guard text.contains("."), DataType.decimal.accepts(Substring(text)) else { return nil }
        var trimmed = text
        while trimmed.hasSuffix("0"), let dot = trimmed.firstIndex(of: "."), trimmed.distance(from: dot, to: trimmed.endIndex) > 3 {
            trimmed.removeLast()
        }
        guard let version = IATIVersion(rawValue: trimmed) else { return nil }
        self = version
    }

    /// Whether this is a 1.0x version (1.01–1.05).
    public var isVersion1: Bool { self < .v2_01 }

    /// The version as IATI writes it (`1.05`).
    public var description: String { rawValue }

    public static func < (lhs: IATIVersion, rhs: IATIVersion) -> Bool {
        guard let left = allCases.firstIndex(of: lhs), let right = allCases.firstIndex(of: rhs) else { return false }
        return left < right
    }
}
