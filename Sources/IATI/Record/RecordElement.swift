public import LibXML

/// One element of a ``RecordTree``: a place in the record, read on demand. The typed model's
/// values (``Activity``, ``Transaction``, …) hold one and read their fields through it.
///
/// Two elements are equal when they are the same place in the same tree.
public struct RecordElement: Sendable, Hashable {
    public let tree: RecordTree
    let index: Int32

    init(tree: RecordTree, index: Int32) {
        self.tree = tree
        self.index = index
    }

    public static func == (lhs: RecordElement, rhs: RecordElement) -> Bool {
        lhs.tree === rhs.tree && lhs.index == rhs.index
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(tree))
        hasher.combine(index)
    }

    private var element: RecordTree.Element { tree.elements[Int(index)] }

    /// The element's name: local name, namespace (`nil` for the standard's elements) and prefix.
    public var qualifiedName: XMLName { tree.names[Int(element.name)] }

    /// Local name.
    public var name: String { qualifiedName.local }

    /// Namespace URI, `nil` for elements of the standard.
    public var namespace: String? { qualifiedName.namespace }

    /// The element's name as a number: the elements of the trees read from one file have the
    /// same number for the same name, which ``RecordTree/name(numbered:)`` gives back. For walks
    /// over every element, which compare numbers where names would cost a string each.
    public var nameNumber: Int { Int(element.name) }

    /// Line of the start tag in the input, 0 when unknown.
    public var line: Int { Int(element.line) }

    /// The element's own text as the record holds it (canonical records: trimmed).
    public var text: String { tree.string(element.text) }

    /// Calls `body` with the UTF-8 bytes of the element's own text, as ``text`` has them,
    /// without making a string.
    public func withTextBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try tree.withBytes(of: element.text, body)
    }

    /// The element children, in the record's order.
    public var children: [RecordElement] {
        let element = element
        return (element.childStart..<(element.childStart + element.childCount)).map {
            RecordElement(tree: tree, index: tree.children[Int($0)])
        }
    }

    /// Calls `body` with each element child, in the record's order (no array made).
    public func forEachChild(_ body: (RecordElement) throws -> Void) rethrows {
        let element = element
        for position in element.childStart..<(element.childStart + element.childCount) {
            try body(RecordElement(tree: tree, index: tree.children[Int(position)]))
        }
    }

    /// Whether the element has element children.
    public var hasChildren: Bool { element.childCount > 0 }

    /// Element children of the standard (no namespace) with this local name.
    public func children(named name: String) -> [RecordElement] {
        var found: [RecordElement] = []
        forEachChild(named: name) { found.append($0) }
        return found
    }

    /// The first element child of the standard with this local name.
    public func child(_ name: String) -> RecordElement? {
        guard let id = tree.standardNames[name] else { return nil }
        let element = element
        for position in element.childStart..<(element.childStart + element.childCount) {
            let child = tree.children[Int(position)]
            if tree.elements[Int(child)].name == id { return RecordElement(tree: tree, index: child) }
        }
        return nil
    }

    /// Calls `body` with each element child of the standard with this local name, in order.
    public func forEachChild(named name: String, _ body: (RecordElement) throws -> Void) rethrows {
        guard let id = tree.standardNames[name] else { return }
        let element = element
        for position in element.childStart..<(element.childStart + element.childCount) {
            let child = tree.children[Int(position)]
            if tree.elements[Int(child)].name == id { try body(RecordElement(tree: tree, index: child)) }
        }
    }

    /// The value of the attribute with this local name and namespace, as written (canonical
    /// records: trimmed and normalised).
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        let element = element
        let range = element.attributeStart..<(element.attributeStart + element.attributeCount)
        if namespace == nil {
            // An element has few attributes: comparing their names costs less than hashing.
            let length = name.utf8.count
            for position in range {
                let attribute = tree.attributes[Int(position)]
                let attributeName = tree.names[Int(attribute.name)]
                if attributeName.namespace == nil, attributeName.local.utf8.count == length, attributeName.local == name {
                    return tree.string(attribute.value)
                }
            }
            return nil
        }
        for position in range {
            let attribute = tree.attributes[Int(position)]
            let attributeName = tree.names[Int(attribute.name)]
            if attributeName.local == name && attributeName.namespace == namespace { return tree.string(attribute.value) }
        }
        return nil
    }

    /// The attributes' names and values, in the record's order.
    public var attributes: [(name: XMLName, value: String)] {
        let element = element
        return (element.attributeStart..<(element.attributeStart + element.attributeCount)).map {
            let attribute = tree.attributes[Int($0)]
            return (tree.names[Int(attribute.name)], tree.string(attribute.value))
        }
    }
}
