/// The tables of a ``TableSet`` that one thread makes: it wants only those, so that rows of
/// the others are not even made on that thread.
final class TableShare: RowSink {
    private let tables: TableSet
    private let names: Set<String>

    /// The tables of `tables` named in `names` (those not written are left out).
    init(_ tables: TableSet, names: Set<String>) {
        self.tables = tables
        self.names = names.filter(tables.wants)
    }

    /// Whether the share holds no table.
    var isEmpty: Bool { names.isEmpty }

    /// The tables of the same set not in this share.
    func rest(of all: [String]) -> TableShare {
        TableShare(tables, names: Set(all).subtracting(names))
    }

    func wants(_ table: String) -> Bool { names.contains(table) }

    func add(_ table: String, _ values: [FieldValue]) throws {
        guard names.contains(table) else { return }
        try tables.add(table, values)
    }

    func builder(_ table: String) -> RowBuilder? {
        names.contains(table) ? tables.builder(table) : nil
    }
}
