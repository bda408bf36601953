public import LibXML

/// One record (an `iati-activity`, an `iati-organisation`) in compact form, read-only: every
/// element as a row of small integers (its name, its children, its attributes, its text and
/// line), texts and values as ranges of two byte buffers. What the typed model
/// (``Activity`` and the types inside it) is a view over, through ``RecordElement``.
///
/// Made from the compact road's record as it is laid out in canonical form
/// (``init(record:layout:table:names:)``: the record's bytes are shared, not copied), or from a
/// ``LibXML/Node`` (records that took the upgrade, and callers that hold nodes). Immutable once
/// made, so it crosses threads freely.
public final class RecordTree: Sendable {
    /// A range of ``bytes`` or, for ``Span/inScratch``, of ``scratch``.
    struct Span: Sendable {
        var inScratch: Bool
        var start: Int32
        var count: Int32
    }

    struct Element: Sendable {
        /// Index into ``names``.
        var name: Int32
        var childStart: Int32
        var childCount: Int32
        var attributeStart: Int32
        var attributeCount: Int32
        var text: Span
        var line: Int32
    }

    struct Attribute: Sendable {
        /// Index into ``names``.
        var name: Int32
        var value: Span
    }

    let elements: [Element]
    /// Children in canonical order; each element's run is contiguous.
    let children: [Int32]
    let attributes: [Attribute]
    /// The names the ids stand for; shared by the trees of one file (see ``TreeNames``).
    let names: [XMLName]
    /// The ids of the names in no namespace, by local name: a lookup by name compares ids.
    let standardNames: NameIndex
    let bytes: [UInt8]
    let scratch: [UInt8]

    init(elements: [Element], children: [Int32], attributes: [Attribute], names: TreeNames, bytes: [UInt8], scratch: [UInt8]) {
        self.elements = elements
        self.children = children
        self.attributes = attributes
        self.names = names.names
        self.standardNames = names.standardNames
        self.bytes = bytes
        self.scratch = scratch
    }

    /// The record's own element.
    public var root: RecordElement { RecordElement(tree: self, index: 0) }

    /// The name an element's ``RecordElement/nameNumber`` stands for.
    public func name(numbered number: Int) -> XMLName { names[number] }

    /// Calls `body` with the bytes of a span.
    func withBytes<Result>(of span: Span, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        if span.count == 0 { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try (span.inScratch ? scratch : bytes).withUnsafeBytes { buffer in
            try body(UnsafeRawBufferPointer(rebasing: buffer[Int(span.start)..<Int(span.start + span.count)]))
        }
    }

    /// The text of a span.
    func string(_ span: Span) -> String {
        if span.count == 0 { return "" }
        return (span.inScratch ? scratch : bytes).withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(span.start)..<Int(span.start + span.count)]), as: UTF8.self)
        }
    }
}

// MARK: - Making a tree

extension RecordTree {
    /// The tree of a record laid out in canonical form: names as the canonical form gives
    /// them, the record's bytes shared. `names`: the ids of the names met so far, which the
    /// trees one encoder makes share (kept with the ``SpecTable`` whose ids they extend).
    convenience init(record: RawRecord, layout: CanonicalLayout, table: SpecTable, names: inout TreeNames) {
        var elements: [Element] = []
        elements.reserveCapacity(record.elements.count)
        var attributes: [Attribute] = []
        attributes.reserveCapacity(layout.attributes.count)
        for index in 0..<record.elements.count {
            let specIndex = layout.spec[index]
            let name =
                specIndex >= 0
                ? names.id(key: Int(specIndex)) { XMLName(local: table.info(specIndex).spec.name) }
                : names.id(key: -1 - Int(record.elements[index].name)) { table.name(record.elements[index].name) }
            let attributeStart = Int(layout.attributeStart[index])
            let attributeCount = Int(layout.attributeCount[index])
            for position in attributeStart..<(attributeStart + attributeCount) {
                let attribute = layout.attributes[position]
                // Keys apart from the elements': a slot of a spec, else the reader's name id.
                let key = attribute.slot >= 0 ? (1 << 40) + (Int(specIndex) << 16) + Int(attribute.slot) : -(1 << 40) - Int(attribute.name)
                let name = names.id(key: key) { layout.attributeName(position, owner: index, table: table) }
                attributes.append(Attribute(name: name, value: Span(attribute.value)))
            }
            elements.append(Element(
                name: name, childStart: layout.childStart[index], childCount: layout.childCount[index],
                attributeStart: Int32(attributes.count - attributeCount), attributeCount: Int32(attributeCount),
                text: Span(layout.text[index]), line: record.elements[index].line))
        }
        self.init(
            elements: elements, children: layout.children, attributes: attributes, names: names,
            bytes: record.bytes, scratch: layout.scratch)
    }

    /// The tree of a node and everything inside it, in the node's order.
    public convenience init(node: Node) {
        var builder = NodeTreeBuilder()
        builder.add(node)
        self.init(
            elements: builder.elements, children: builder.children, attributes: builder.attributes,
            names: builder.names, bytes: [], scratch: builder.scratch)
    }
}

extension RecordTree.Span {
    init(_ value: CanonicalLayout.Value) {
        self.init(inScratch: value.inScratch, start: value.start, count: value.count)
    }
}

/// The names of trees, each once, by id: one set for the trees of one file that one encoder
/// makes (copied into each tree without copying the arrays), or one per tree copied from a node.
struct TreeNames {
    private(set) var names: [XMLName] = []
    /// Ids of the names in no namespace, by local name.
    private(set) var standardNames = NameIndex()
    private var byKey = KeyIndex()
    private var byName: [XMLName: Int32] = [:]

    /// The id of a name known by a small integer key (a spec index, a reader's name id).
    mutating func id(key: Int, _ make: () -> XMLName) -> Int32 {
        if let id = byKey[key] { return id }
        let id = id(of: make())
        byKey.set(key, id)
        return id
    }

    /// The id of a name; a name in no namespace is known by its local name alone (a prefix
    /// there means nothing).
    mutating func id(of name: XMLName) -> Int32 {
        var name = name
        if name.namespace == nil { name.prefix = nil }
        if let id = byName[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        byName[name] = id
        if name.namespace == nil { standardNames.set(name.local, id: id) }
        return id
    }
}

/// Copies a ``Node`` tree into a ``RecordTree``'s rows: elements in document order, each
/// element's children as one run.
private struct NodeTreeBuilder {
    var elements: [RecordTree.Element] = []
    var children: [Int32] = []
    var attributes: [RecordTree.Attribute] = []
    var names = TreeNames()
    var scratch: [UInt8] = []

    /// Adds `node` and its subtree in document order; returns the node's index.
    @discardableResult
    mutating func add(_ node: Node) -> Int32 {
        let index = Int32(elements.count)
        let name = names.id(of: XMLName(local: node.name, namespace: node.namespace, prefix: node.prefix))
        let attributeStart = Int32(attributes.count)
        for attribute in node.attributes {
            let attributeName = names.id(of: XMLName(local: attribute.name, namespace: attribute.namespace, prefix: attribute.prefix))
            attributes.append(RecordTree.Attribute(name: attributeName, value: span(attribute.value)))
        }
        elements.append(RecordTree.Element(
            name: name, childStart: 0, childCount: Int32(node.children.count),
            attributeStart: attributeStart, attributeCount: Int32(node.attributes.count),
            text: span(node.text), line: Int32(clamping: node.line)))
        // The children's run goes after their own subtrees' runs: still one run.
        let run = node.children.map { add($0) }
        elements[Int(index)].childStart = Int32(children.count)
        children += run
        return index
    }

    private mutating func span(_ text: String) -> RecordTree.Span {
        let start = Int32(scratch.count)
        scratch += text.utf8
        return RecordTree.Span(inScratch: true, start: start, count: Int32(scratch.count) - start)
    }
}
