/// Where the rows of an activity go, table by table.
protocol RowSink: AnyObject {
    /// Whether `table` is written at all (rows of other tables are not even made).
    func wants(_ table: String) -> Bool
    func add(_ table: String, _ values: [FieldValue]) throws
    /// The builder of `table`'s rows made cell by cell (a table without narrative fields),
    /// `nil` when the table is not written.
    func builder(_ table: String) -> RowBuilder?
}
