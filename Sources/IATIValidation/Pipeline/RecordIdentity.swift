import LibXML

/// Names the records of a file as reports group them, and finds repeated identifiers.
struct RecordIdentity {
    /// The identifier element of records of this kind: `iati-identifier`,
    /// `organisation-identifier`.
    let identifierElement: String
    /// The element whose first narrative is the record's title: `title`, `name`.
    let titleElement: String
    /// Whether repeats are reported (activities; the official validator does not check
    /// organisation files).
    let reportsDuplicates: Bool
    private var seen: [String: (line: Int, count: Int)] = [:]

    init(root: String) {
        if root == "iati-organisations" {
            identifierElement = "organisation-identifier"
            titleElement = "name"
            reportsDuplicates = false
        } else {
            identifierElement = "iati-identifier"
            titleElement = "title"
            reportsDuplicates = true
        }
    }

    /// The identifier of `record` as written (trimmed), `nil` when it has none.
    func identifier(of record: Node) -> String? {
        Self.trimmed(record.child(identifierElement)?.text)
    }

    /// The text of the first narrative of the title (name), if any.
    func title(of record: Node) -> String? {
        Self.trimmed(record.child(titleElement)?.child("narrative")?.text)
    }

    /// The identifier of a detached record, as ``identifier(of:)-(Node)``.
    func identifier(of record: XMLSubtree) -> String? {
        Self.trimmed(record.text(at: identifierElement))
    }

    /// The title of a detached record, as ``title(of:)-(Node)``; the title's own text when it
    /// has no narrative (1.0x content in a file that declares 2.x, read as 1.0x).
    func title(of record: XMLSubtree) -> String? {
        Self.trimmed(record.text(at: titleElement, "narrative")) ?? Self.trimmed(record.text(at: titleElement))
    }

    /// The identifier of a record to check, as ``identifier(of:)-(Node)``.
    func identifier(of record: RuleRecord) -> String? {
        switch record {
        case .tree(let tree): identifier(of: tree)
        case .node(let node): identifier(of: node)
        }
    }

    /// The title of a record to check, as ``title(of:)-(Node)``.
    func title(of record: RuleRecord) -> String? {
        switch record {
        case .tree(let tree): title(of: tree)
        case .node(let node): title(of: node)
        }
    }

    private static func trimmed(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = String(text.trimmedXML)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Registers a record; returns the name reports group it under (`noIdentifier`, `id(2)`
    /// for a repeat) and, for a repeat, the line of the first record with that identifier.
    mutating func register(_ identifier: String?, line: Int) -> (name: String, firstLine: Int?) {
        let base = identifier ?? "noIdentifier"
        if let previous = seen[base] {
            let count = previous.count + 1
            seen[base] = (previous.line, count)
            return ("\(base)(\(count))", identifier == nil ? nil : previous.line)
        }
        seen[base] = (line, 1)
        return (base, nil)
    }
}
