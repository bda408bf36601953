/// Where flat tables go: a folder of CSV or JSON Lines files, or one workbook.
///
/// The run first names every table it will write, in order (``prepare(tables:)``: a workbook
/// makes its sheets in that order), then opens each with its final columns when those are
/// known (``open(table:columns:)``), writes rows into it, and ends with ``commit()``, which
/// puts every file in place, or ``discard()``, which leaves nothing behind. Tables may be open
/// at the same time and written in turn.
public protocol TableOutput: AnyObject {
    /// Names the tables to be written, in the order they are to appear.
    func prepare(tables: [String]) throws
    /// Starts `table` with its header.
    func open(table: String, columns: [Column]) throws -> any RowWriter
    /// Says that `table` has all its rows: an output may make it durable now, so that
    /// ``commit()`` has less to wait for. Called on any one thread, for tables other threads
    /// no longer write (only when ``writesTablesApart``).
    func complete(table: String) throws
    /// Finishes every table and puts the outputs in place.
    /// - Returns: the paths written.
    func commit() throws -> [String]
    /// Drops everything written so far.
    func discard()
    /// Whether two tables may be written on two threads at once (each table by one thread):
    /// true of outputs whose tables share nothing, such as a folder of files.
    var writesTablesApart: Bool { get }
}

extension TableOutput {
    /// Tables share one workbook or one database connection unless the output says otherwise.
    public var writesTablesApart: Bool { false }

    /// Nothing to do before ``commit()``.
    public func complete(table: String) throws {}
}

/// The rows of one table, in order; each row has one cell per column.
public protocol RowWriter: AnyObject {
    func write(_ row: [Cell]) throws
}
