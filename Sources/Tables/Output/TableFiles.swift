import LibXML

/// A folder of one file per table (`TABLE.EXTENSION`), each put in place on commit, in the
/// order the tables were named: what the CSV and JSON Lines outputs share.
final class TableFiles {
    private let folder: String
    private let fileExtension: String
    private var order: [String] = []
    private var sinks: [String: ByteSink] = [:]

    init(folder: String, fileExtension: String) {
        self.folder = folder
        self.fileExtension = fileExtension
    }

    func prepare(tables: [String]) { order = tables }

    /// The file of `table`, opened.
    func open(_ table: String) throws -> ByteSink {
        let sink = try ByteSink(path: "\(folder)/\(table).\(fileExtension)")
        sinks[table] = sink
        if !order.contains(table) { order.append(table) }
        return sink
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
