/// Where the rows of an activity go, table by table.
protocol RowSink: AnyObject {
    /// Whether `table` is written at all (rows of other tables are not even made).
    func wants(_ table: String) -> Bool
    func add(_ table: String, _ values: [FieldValue]) throws
    /// Adds a row already laid out in cells (a table without narrative fields).
    func add(_ table: String, cells: [Cell]) throws
}
