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
        var positions: [String: Int] = [:]
        for child in element.children where child.namespace == nil {
            let sibling = positions[child.name, default: 0] + 1
            positions[child.name] = sibling
            let childPath = path.isEmpty ? "\(child.name)[\(sibling)]" : "\(path)/\(child.name)[\(sibling)]"
            guard child.name == "narrative" else {
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
