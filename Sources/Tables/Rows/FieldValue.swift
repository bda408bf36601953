import IATI

/// The value of one field of a row (see ``TableDefinition/Field``) before the row is laid out
/// in columns: narratives become one column per language, converted amounts three per currency.
enum FieldValue: Sendable, Hashable {
    case cell(Cell)
    case narratives([Narrative])
    /// The cells of a ``TableDefinition/Field/converted(amount:)`` field, in column order.
    case converted([Cell])
}
