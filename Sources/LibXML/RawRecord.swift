/// A qualified name met in the input: local name, namespace URI and the prefix as written.
public struct XMLName: Sendable, Hashable {
    public var local: String
    public var namespace: String?
    public var prefix: String?

    public init(local: String, namespace: String? = nil, prefix: String? = nil) {
        self.local = local
        self.namespace = namespace
        self.prefix = prefix
    }
}

/// One element of a ``RawRecord``: indices into the record's arrays, nothing allocated.
public struct RawElement: Sendable {
    /// Index into the reader's name table (``RawRecord/newNames`` extends it).
    public var name: Int32
    /// Index of the parent in ``RawRecord/elements``, -1 for the record's own element.
    public var parent: Int32
    /// One past the last element of this element's subtree: the next sibling, if any.
    public var end: Int32
    public var line: Int32
    public var attributeStart: Int32
    public var attributeCount: Int32
    /// The element's own character data (text, CDATA and entity text joined), untrimmed, as a
    /// range of ``RawRecord/bytes``.
    public var textStart: Int32
    public var textCount: Int32
}

/// An attribute of a ``RawElement``: its name and its value as a range of ``RawRecord/bytes``.
public struct RawAttribute: Sendable {
    public var name: Int32
    public var valueStart: Int32
    public var valueCount: Int32
}

/// An element of the root with everything inside it, as the SAX reader built it: elements in
/// document order (each subtree contiguous), attributes and text as ranges of one byte buffer.
/// A value, cheap to hand to another thread; names are ids into the reader's table, which
/// ``newNames`` extends (a consumer that applies every record's new names in order has them all).
public struct RawRecord: Sendable {
    public var elements: [RawElement] = []
    public var attributes: [RawAttribute] = []
    public var bytes: [UInt8] = []
    /// Names first met in this record; their ids start at ``firstNewName``.
    public var newNames: [XMLName] = []
    public var firstNewName: Int32 = 0
    /// How many texts and attribute values the reader rewrote in composed Unicode (NFC);
    /// see `UnicodeForm.swift`.
    public var normalisedTexts = 0

    public init() {}

    /// The UTF-8 text of a byte range.
    @inline(__always)
    public func string(_ start: Int32, _ count: Int32) -> String {
        if count == 0 { return "" }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(start)..<Int(start + count)]), as: UTF8.self)
        }
    }

    /// The element at `index` with its subtree as a ``Node``, exactly as the tree copier
    /// would give it (for code that works on nodes: the upgrade, root extensions).
    public func node(at index: Int = 0, names: NameTable) -> Node {
        let element = elements[index]
        let name = names[element.name]
        var node = Node(
            name: name.local, namespace: name.namespace, prefix: name.prefix,
            text: string(element.textStart, element.textCount), line: Int(element.line))
        if element.attributeCount > 0 {
            node.attributes.reserveCapacity(Int(element.attributeCount))
            for position in Int(element.attributeStart)..<Int(element.attributeStart + element.attributeCount) {
                let attribute = attributes[position]
                let attributeName = names[attribute.name]
                node.attributes.append(Attribute(
                    name: attributeName.local, namespace: attributeName.namespace, prefix: attributeName.prefix,
                    value: string(attribute.valueStart, attribute.valueCount)))
            }
        }
        var child = index + 1
        while child < Int(element.end) {
            node.children.append(self.node(at: child, names: names))
            child = Int(elements[child].end)
        }
        return node
    }
}

/// The names of one input, by id, as a consumer of ``RawRecord``s rebuilds them.
public struct NameTable: Sendable {
    public private(set) var names: [XMLName] = []

    public init() {}

    /// Adds the names a record met first (records must be applied in order).
    public mutating func apply(_ record: RawRecord) {
        guard !record.newNames.isEmpty else { return }
        precondition(Int(record.firstNewName) == names.count, "records applied out of order")
        names += record.newNames
    }

    public subscript(id: Int32) -> XMLName { names[Int(id)] }

    public var count: Int { names.count }
}
