/// What a column holds, which decides how each format writes it: codes stay text (leading
/// zeros kept), amounts are numbers, dates are dates.
public enum ColumnType: String, Sendable, Hashable, CaseIterable {
    /// Free text (narratives, names, URLs).
    case text
    /// A code or identifier: always text, never a number, so `05` stays `05`.
    case code
    /// An exact decimal number (amounts, percentages, shares, rates).
    case decimal
    /// A whole number (indexes, years, counts).
    case integer
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// `true` or `false`.
    case boolean
}

/// One column of a flat table: its name, type, meaning and where in the standard its value
/// comes from. The column definitions are data (``TableCatalogue``): the tables' documentation
/// and the database schema are made from them.
public struct Column: Sendable, Hashable {
    public var name: String
    public var type: ColumnType
    /// What the value means, for people.
    public var meaning: String
    /// Where the value comes from, as a path in the IATI activity standard (relative to
    /// `iati-activity`), or how it is derived.
    public var source: String
    /// How a workbook shows the column's numbers (an Excel number format such as `#,##0.00`);
    /// `nil` for Excel's general format. Text formats (CSV, JSON Lines) ignore it.
    public var numberFormat: String?

    public init(_ name: String, _ type: ColumnType, _ meaning: String, source: String, numberFormat: String? = nil) {
        self.name = name
        self.type = type
        self.meaning = meaning
        self.source = source
        self.numberFormat = numberFormat
    }
}
