import IATI
import LibXML

/// The `narratives` table's rows of one activity, from its record: every `narrative` element
/// at any depth, in document order, with its place, so that no language is lost whatever the
/// other tables show.
struct NarrativeRows {
    let identifier: Cell
    let position: Cell
    /// The language of narratives that state none: the activity's, else the file's.
    let defaultLanguage: String?

    func add(record: RecordElement, to sink: some RowSink) throws {
        guard let table = sink.builder("narratives") else { return }
        var walk = Walk(table: table, key: RowBuilder.Piece([identifier, position]))
        try walk.visit(record, rows: self)
    }

    /// The state of one walk: the path to the element being visited, as bytes (made into a
    /// string only for a narrative's row), and the sibling counts of the elements open.
    private struct Walk {
        let table: RowBuilder
        /// The activity's cells on every row.
        let key: RowBuilder.Piece
        var path: [UInt8] = []
        /// Per child name of each open element, how many met so far: the open elements'
        /// entries one after another (an element has few distinct names among its children).
        var siblings: [(name: String, count: Int)] = []

        init(table: RowBuilder, key: RowBuilder.Piece) {
            self.table = table
            self.key = key
        }

        mutating func visit(_ element: RecordElement, rows: NarrativeRows) throws {
            let firstSibling = siblings.count
            defer { siblings.removeSubrange(firstSibling...) }
            try element.forEachChild { child in
                guard child.namespace == nil else { return }
                let name = child.name
                let sibling: Int
                if let known = siblings[firstSibling...].firstIndex(where: { $0.name == name }) {
                    siblings[known].count += 1
                    sibling = siblings[known].count
                } else {
                    siblings.append((name, 1))
                    sibling = 1
                }
                let isNarrative = name == "narrative"
                // Leaves other than narratives hold none: no path to make.
                guard isNarrative || child.hasChildren else { return }
                let parentEnd = path.count
                defer { path.removeSubrange(parentEnd...) }
                if parentEnd > 0 { path.append(UInt8(ascii: "/")) }
                path.append(contentsOf: name.utf8)
                path.append(UInt8(ascii: "["))
                path.append(contentsOf: String(sibling).utf8)
                path.append(UInt8(ascii: "]"))
                guard isNarrative else {
                    try visit(child, rows: rows)
                    return
                }
                let stated = child.attribute("lang", namespace: XMLNamespace.xml).flatMap { $0.isEmpty ? nil : $0 }
                table.append(key)
                table.append(.text(String(decoding: path, as: UTF8.self)))
                table.append(.text(element.name))
                table.append(.optional((stated ?? rows.defaultLanguage)?.lowercased()))
                table.append(.boolean(stated != nil))
                table.append(.text(child.text.trimmingXMLWhitespace()))
                try table.endRow()
            }
        }
    }
}
