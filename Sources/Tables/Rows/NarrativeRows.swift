import IATI
import LibXML

/// The `narratives` table's rows of one activity, from its record: every `narrative` element
/// at any depth, in document order, with its place, so that no language is lost whatever the
/// other tables show; inside extension elements too (their steps in the path keep their
/// prefix: `x:memo[1]/narrative[1]`). A `narrative` in a namespace is not the standard's.
struct NarrativeRows {
    let identifier: Cell
    let position: Cell
    /// The language of narratives that state none: the activity's, else the file's.
    let defaultLanguage: String?

    func add(record: RecordElement, to sink: some RowSink) throws {
        guard let table = sink.builder("narratives") else { return }
        let walk = Walk(table: table, key: RowBuilder.Piece([identifier, position]), defaultLanguage: defaultLanguage, tree: record.tree)
        try walk.visit(record)
    }

    /// The state of one walk: the path to the element being visited, as bytes, and the
    /// sibling counts of the elements open. Names are compared by their numbers in the tree.
    private final class Walk {
        /// What the walk knows of a name number: not met yet, the standard's `narrative`, or
        /// any other element (an extension's too, and a `narrative` in a namespace).
        enum Kind: UInt8 { case unknown, other, narrative }

        let table: RowBuilder
        /// The activity's cells on every row.
        let key: RowBuilder.Piece
        /// The `language` cell of a narrative that states none.
        let defaultLanguage: Cell
        /// The language a narrative inherits, lowercase.
        let inherited: String?
        let tree: RecordTree
        // Read and written for every element, by the walk's one thread: no run-time
        // exclusivity checks (no access overlaps another).
        /// By name number: its kind, and the local name's bytes once known.
        @exclusivity(unchecked) var kinds: [Kind] = []
        @exclusivity(unchecked) var locals: [[UInt8]] = []
        @exclusivity(unchecked) var path: [UInt8] = []
        /// Per child name of each open element, how many met so far: the open elements'
        /// entries one after another (an element has few distinct names among its children).
        @exclusivity(unchecked) var siblings: [(name: Int, count: Int)] = []

        init(table: RowBuilder, key: RowBuilder.Piece, defaultLanguage: String?, tree: RecordTree) {
            self.table = table
            self.key = key
            inherited = defaultLanguage?.lowercased()
            self.defaultLanguage = .optional(inherited)
            self.tree = tree
        }

        func kind(_ number: Int) -> Kind {
            if number < kinds.count, kinds[number] != .unknown { return kinds[number] }
            if number >= kinds.count {
                kinds.append(contentsOf: repeatElement(.unknown, count: number + 1 - kinds.count))
                locals.append(contentsOf: repeatElement([], count: number + 1 - locals.count))
            }
            let name = tree.name(numbered: number)
            let kind: Kind = name.namespace == nil && name.local == "narrative" ? .narrative : .other
            kinds[number] = kind
            locals[number] = Array((name.namespace != nil ? name.prefix.map { $0 + ":" + name.local } ?? name.local : name.local).utf8)
            return kind
        }

        func visit(_ element: RecordElement) throws {
            let firstSibling = siblings.count
            defer { siblings.removeSubrange(firstSibling...) }
            try element.forEachChild { child in
                let number = child.nameNumber
                let kind = kind(number)
                let sibling: Int
                if let known = siblings[firstSibling...].firstIndex(where: { $0.name == number }) {
                    siblings[known].count += 1
                    sibling = siblings[known].count
                } else {
                    siblings.append((number, 1))
                    sibling = 1
                }
                // Leaves other than narratives hold none: no path to make.
                guard kind == .narrative || child.hasChildren else { return }
                let parentEnd = path.count
                defer { path.removeSubrange(parentEnd...) }
                if parentEnd > 0 { path.append(UInt8(ascii: "/")) }
                path.append(contentsOf: locals[number])
                path.append(UInt8(ascii: "["))
                Self.appendDigits(sibling, to: &path)
                path.append(UInt8(ascii: "]"))
                guard kind == .narrative else {
                    try visit(child)
                    return
                }
                try addRow(child, parent: element)
            }
        }

        private func addRow(_ narrative: RecordElement, parent: RecordElement) throws {
            // The canonical record gives every narrative its language (its own, else the one it
            // inherits): one of its own is told by differing from the inherited one.
            let language = narrative.attribute("lang", namespace: XMLNamespace.xml).flatMap { $0.isEmpty ? nil : $0.lowercased() }
            table.append(key)
            path.withUnsafeBytes { table.appendText($0) }
            table.append(.text(parent.name))
            table.append(language.map { .text($0) } ?? defaultLanguage)
            table.append(.boolean(language != nil && language != inherited))
            try narrative.withTextBytes { text in
                // Canonical records hold trimmed text: white space at an end is rare, and
                // trimmed by whole characters.
                if let first = text.first, let last = text.last, Self.isSpace(first) || Self.isSpace(last) {
                    table.append(.text(narrative.text.trimmingXMLWhitespace()))
                } else {
                    table.appendText(text)
                }
                try table.endRow()
            }
        }

        /// Appends the decimal digits of `number` (a sibling's position: 1 or more), with no
        /// string made for it. (`FixedDecimal.appendPlainText(to:)` writes the same digits at
        /// 0.4% more of a whole run's instructions: there is a position per element.)
        private static func appendDigits(_ number: Int, to path: inout [UInt8]) {
            if number >= 10 { appendDigits(number / 10, to: &path) }
            path.append(UInt8(ascii: "0") + UInt8(number % 10))
        }

        /// XML white space: space, tab, CR, LF.
        private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    }
}
