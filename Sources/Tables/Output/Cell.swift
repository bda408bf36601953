public import Foundation
public import IATI

/// One value of a table row, typed as its column is.
public enum Cell: Sendable, Hashable {
    /// No value: written as an empty field (CSV), `null` (JSON), a blank cell (XLSX).
    case empty
    /// Text, also for codes and identifiers (their column's type says which).
    case text(String)
    /// An exact decimal.
    case decimal(Decimal)
    case integer(Int)
    /// A date: valid dates are written `YYYY-MM-DD`; invalid ones keep their text.
    case date(IATIDate)
    case boolean(Bool)

    /// The value as text, as CSV writes it: decimals in plain notation with `.` (never an
    /// exponent), dates `YYYY-MM-DD`, booleans `true`/`false`, empty for no value.
    public var text: String {
        switch self {
        case .empty: ""
        case .text(let text): text
        case .decimal(let value): value.plainText
        case .integer(let value): String(value)
        case .date(let date): date.isoString
        case .boolean(let value): value ? "true" : "false"
        }
    }

    /// A text cell, or empty for `nil` or an empty string.
    public static func optional(_ text: String?) -> Cell {
        guard let text, !text.isEmpty else { return .empty }
        return .text(text)
    }

    /// A date cell, or empty for `nil`.
    public static func optional(_ date: IATIDate?) -> Cell {
        guard let date, !date.text.isEmpty else { return .empty }
        return .date(date)
    }

    /// A decimal cell, or empty for `nil`.
    public static func optional(_ value: Decimal?) -> Cell {
        guard let value else { return .empty }
        return .decimal(value)
    }
}
