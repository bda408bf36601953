/// One flat table: its name, meaning, keys and fields.
///
/// A field is a column, a narrative (one column per language, see ``expand(languages:currencies:)``)
/// or an amount converted into each requested currency.
public struct TableDefinition: Sendable, Hashable {
    public var name: String
    public var meaning: String
    /// The columns that identify a row within one input file.
    public var key: [String]
    /// The table whose row a row belongs to, joined on the parent's key, or `nil` for `activities`.
    public var parent: String?
    public var fields: [Field]

    /// A field of a table's rows.
    public enum Field: Sendable, Hashable {
        /// One column.
        case column(Column)
        /// A narrative: column `NAME` (the text in the first requested language there is, else
        /// the first narrative) and `NAME_LANG` per language (that language's text).
        case narrative(name: String, meaning: String, source: String)
        /// For each target currency `C`: `value_c` (the amount converted), `rate_c` (units of the
        /// amount's currency per unit of C) and `rate_date_c` (the date of the rate used).
        /// `amount` names the column converted, for the documentation.
        case converted(amount: String)
    }

    /// The columns of the table for `languages` and target `currencies` (codes as given;
    /// lowercased in column names).
    public func expand(languages: [String], currencies: [String]) -> [Column] {
        fields.flatMap { field -> [Column] in
            switch field {
            case .column(let column): return [column]
            case .narrative(let name, let meaning, let source):
                return [Column(name, .text, "\(meaning) (the first requested language there is, else the first narrative)", source: source)]
                    + languages.map { Column("\(name)_\($0.lowercased())", .text, "\(meaning), in \($0)", source: source) }
            case .converted(let amount):
                return currencies.flatMap { currency -> [Column] in
                    let code = currency.lowercased()
                    return [
                        Column("value_\(code)", .decimal, "\(amount) in \(currency), empty when no rate applies", source: "\(amount) ÷ rate_\(code)"),
                        Column("rate_\(code)", .decimal, "units of the amount's currency per \(currency), rounded to 12 decimal places", source: "rates file, through USD"),
                        Column("rate_date_\(code)", .date, "the date of the rate used", source: "rates file"),
                    ]
                }
            }
        }
    }

    /// Whether the table has narrative fields, whose columns depend on the languages.
    public var hasNarratives: Bool {
        fields.contains { if case .narrative = $0 { true } else { false } }
    }
}
