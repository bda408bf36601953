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
        try walk(record, path: "", to: sink)
    }

    private func walk(_ element: RecordElement, path: String, to sink: some RowSink) throws {
        // Siblings counted by name; an element has few distinct names among its children.
        var positions: [(name: String, count: Int)] = []
        for child in element.children where child.namespace == nil {
            let name = child.name
            let sibling: Int
            if let known = positions.firstIndex(where: { $0.name == name }) {
                positions[known].count += 1
                sibling = positions[known].count
            } else {
                positions.append((name, 1))
                sibling = 1
            }
            let isNarrative = name == "narrative"
            // Leaves other than narratives hold none: no path to make.
            guard isNarrative || child.hasChildren else { continue }
            let childPath = path.isEmpty ? "\(name)[\(sibling)]" : "\(path)/\(name)[\(sibling)]"
            guard isNarrative else {
                try walk(child, path: childPath, to: sink)
                continue
            }
            let stated = child.attribute("lang", namespace: XMLNamespace.xml).flatMap { $0.isEmpty ? nil : $0 }
            try sink.add(
                "narratives",
                [
                    .cell(identifier), .cell(position), .cell(.text(childPath)), .cell(.text(element.name)),
                    .cell(.optional((stated ?? defaultLanguage)?.lowercased())), .cell(.boolean(stated != nil)),
                    .cell(.text(child.text.trimmingXMLWhitespace())),
                ])
        }
    }
}
