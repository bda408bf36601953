import LibXML

/// A folder of one file per table (`TABLE.EXTENSION`), each put in place on commit, in the
/// order the tables were named: what the CSV and JSON Lines outputs share. Or, made with
/// ``init(opening:)``, sinks of the caller's (a network response, say).
final class TableFiles {
    private let opening: (String) throws -> ByteSink
    private var order: [String] = []
    private var sinks: [String: ByteSink] = [:]

    init(folder: String, fileExtension: String) {
        opening = { table in try ByteSink(path: "\(folder)/\(table).\(fileExtension)") }
    }

    /// Tables written into the sinks `opening` makes, by table name.
    init(opening: @escaping (String) throws -> ByteSink) {
        self.opening = opening
    }

    func prepare(tables: [String]) { order = tables }

    /// The file of `table`, opened.
    func open(_ table: String) throws -> ByteSink {
        let sink = try opening(table)
        sinks[table] = sink
        if !order.contains(table) { order.append(table) }
        return sink
    }

    /// Makes the file of `table` durable (see ``TableOutput/complete(table:)``).
    func complete(_ table: String) throws {
        try sinks[table]?.synchronize()
    }

    func commit() throws -> [String] {
        let opened = order.compactMap { sinks[$0] }
        for sink in opened { try sink.commit() }
        return opened.map(\.path)
    }

    func discard() {
        for sink in sinks.values { sink.discard() }
    }
}
