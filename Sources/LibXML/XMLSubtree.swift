internal import CLibXML2
import Platform
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An element subtree taken out of an ``XMLReader``'s document (``XMLReader/detach()``),
/// uncopied: it can be copied into a ``Node`` (``node(using:)``) or evaluated with XPath
/// (``XPathDocument/init(root:child:name:cache:)``) on another thread while the reader goes on.
///
/// Its names and namespaces live in the reader's document, which it keeps alive. When it goes,
/// its nodes are handed back to be freed by the reader's thread (the only one that touches the
/// parser's name dictionary while parsing), or at once if the reader is gone.
///
/// `Sendable` so that it can be handed to another thread: use it from one thread at a time.
public final class XMLSubtree: @unchecked Sendable {
    let node: xmlNodePtr
    private let owner: ParserDocument
    /// Where the subtree's nodes start in the input, as the reader recorded them.
    let positions: NodePositions?

    init(node: xmlNodePtr, owner: ParserDocument, positions: NodePositions? = nil) {
        self.node = node
        self.owner = owner
        self.positions = positions
    }

    deinit { owner.retire(node) }

    /// The line of the element's start tag, exact past 65,535.
    public var line: Int { elementLine(node) }

    /// Where the element's start tag begins (its `<`).
    public var position: SourcePosition { position(of: node) }

    /// Where `node` (of this subtree) starts as the reader recorded it; else its element's line.
    func position(of node: xmlNodePtr) -> SourcePosition {
        positions?.position(of: UnsafeRawPointer(node)) ?? SourcePosition(line: elementLine(node), column: 0)
    }

    /// Copies the subtree into a ``Node``, as ``XMLReader/expand()`` would have.
    /// - Parameters:
    ///   - copier: a copier of this thread, which keeps names it has seen.
    ///   - positions: gives the nodes the positions the reader recorded: each element's line
    ///     and column of its `<`, each attribute's position.
    public func node(using copier: XMLNodeCopier, positions: Bool = false) -> Node {
        copier.node(node, in: owner, positions: positions ? self.positions : nil)
    }

    /// The subtree's element read in place, without a copy.
    /// - Parameter copier: a copier of this thread, which keeps names it has seen.
    public func element(using copier: XMLNodeCopier) -> XMLElementView {
        copier.use(owner)
        return XMLElementView(node: node, subtree: self, copier: copier)
    }

    /// Where the first element reached by following, from this element, the first child named
    /// by each item of `path` (no namespace) starts; `nil` when there is none.
    public func position(at path: String...) -> SourcePosition? {
        var element = node
        for name in path {
            guard let child = XMLSubtree.firstChild(of: element, named: name) else { return nil }
            element = child
        }
        return position(of: element)
    }

    /// The text (text and CDATA joined, untrimmed) of the first element reached by following,
    /// from this element, the first child named by each item of `path` (no namespace); `nil`
    /// when there is none.
    public func text(at path: String...) -> String? {
        var element = node
        for name in path {
            guard let child = XMLSubtree.firstChild(of: element, named: name) else { return nil }
            element = child
        }
        return XMLNodeCopier.text(of: element)
    }

    private static func firstChild(of element: xmlNodePtr, named name: String) -> xmlNodePtr? {
        var child = element.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, current.pointee.ns == nil, let local = current.pointee.name,
                xmlStrEqual(local, name) != 0
            {
                return current
            }
            child = current.pointee.next
        }
        return nil
    }
}

/// The parser context and the document it builds, shared by an ``XMLReader`` and the subtrees
/// it detached; freed when the last of them goes.
///
/// Detached nodes are freed only where nothing can add to the parser's name dictionary at the
/// same time: on the reader's thread while it parses (``freeRetired()``), directly once parsing
/// has ended.
final class ParserDocument: @unchecked Sendable {
    let parser: xmlParserCtxtPtr
    /// Subtrees let go while the reader may still parse, and whether it may.
    private struct Retirement {
        var nodes: [xmlNodePtr] = []
        var parsing = true
    }
    private let retirement = Locked(Retirement())

    init(parser: xmlParserCtxtPtr) {
        self.parser = parser
    }

    deinit {
        retirement.withLock { state in
            for node in state.nodes { xmlFreeNode(node) }
        }
        if let document = parser.pointee.myDoc {
            xmlFreeDoc(document)
            parser.pointee.myDoc = nil
        }
        xmlFreeParserCtxt(parser)
    }

    /// A detached subtree is no longer used: frees it now if parsing has ended, or keeps it
    /// for the reader's thread. Any thread.
    func retire(_ node: xmlNodePtr) {
        retirement.withLock { state in
            if state.parsing {
                state.nodes.append(node)
            } else {
                xmlFreeNode(node)
            }
        }
    }

    /// Frees the retired subtrees; on the reader's thread, between parse steps.
    func freeRetired() {
        let nodes = retirement.withLock { state in
            let nodes = state.nodes
            if !state.nodes.isEmpty { state.nodes.removeAll(keepingCapacity: true) }
            return nodes
        }
        for node in nodes { xmlFreeNode(node) }
    }

    /// The reader is gone: nothing parses any more.
    func parsingEnded() {
        let nodes = retirement.withLock { state in
            state.parsing = false
            let nodes = state.nodes
            state.nodes = []
            return nodes
        }
        for node in nodes { xmlFreeNode(node) }
    }
}

/// Copies libxml2 elements into ``Node`` values, keeping the names it has seen (names are
/// interned by the parser, so a name's address stands for it within one document).
///
/// Not `Sendable`: one per thread.
public final class XMLNodeCopier {
    /// Names seen, by address, in a direct-mapped table (a name that collides with another
    /// is simply copied again): cheaper than hashing on every element. Owned by this copier.
    private let names: UnsafeMutablePointer<(address: UnsafeRawPointer?, name: String)>
    private static let nameSlots = 1024
    /// The document the cached names belong to, kept alive so its addresses are not reused.
    private var document: ParserDocument?

    public init() {
        names = .allocate(capacity: Self.nameSlots)
        names.initialize(repeating: (nil, ""), count: Self.nameSlots)
    }

    deinit {
        names.deinitialize(count: Self.nameSlots)
        names.deallocate()
    }

    /// Copies `node` (of `owner`'s document) and its subtree, with the positions in
    /// `positions` if any.
    func node(_ node: xmlNodePtr, in owner: ParserDocument, positions: NodePositions? = nil) -> Node {
        use(owner)
        return copy(node, positions: positions)
    }

    /// Makes `owner`'s document the one whose names are cached (the cache starts over when the
    /// document changes).
    func use(_ owner: ParserDocument) {
        if document !== owner {
            for index in 0..<Self.nameSlots { names[index] = (nil, "") }
            namespaces.removeAll(keepingCapacity: true)
            document = owner
        }
    }

    /// Namespaces met lately (`xml:` on every `xml:lang`), by address; an entry is used only
    /// if the namespace there still has the same URI and prefix, as a declaration inside a
    /// freed record may have left its address to another.
    private var namespaces: [(address: UnsafeRawPointer, uri: String, prefix: String?)] = []

    /// Whether `text` (a C string) spells `string`.
    private static func same(_ string: String, _ text: UnsafePointer<xmlChar>) -> Bool {
        string.withCString { strcmp($0, UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self)) == 0 }
    }

    func namespace(_ ns: xmlNsPtr?) -> (uri: String?, prefix: String?) {
        guard let ns, let href = ns.pointee.href else { return (nil, nil) }
        let address = UnsafeRawPointer(ns)
        let prefix = ns.pointee.prefix
        for entry in namespaces where entry.address == address && Self.same(entry.uri, href) {
            switch (entry.prefix, prefix) {
            case (nil, nil): return (entry.uri, nil)
            case (let cached?, let current?) where Self.same(cached, current): return (entry.uri, cached)
            default: continue
            }
        }
        let uri = String(cString: href)
        let prefixText = swiftString(prefix)
        if namespaces.count >= 8 { namespaces.removeFirst() }
        namespaces.append((address, uri, prefixText))
        return (uri, prefixText)
    }

    func name(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        let address = UnsafeRawPointer(pointer)
        let slot = (Int(bitPattern: address) >> 3) & (Self.nameSlots - 1)
        if names[slot].address == address { return names[slot].name }
        let name = String(cString: pointer)
        names[slot] = (address, name)
        return name
    }

    /// The attributes of `node`, each with its position in `positions` if recorded there.
    func attributes(of node: xmlNodePtr, positions: NodePositions? = nil) -> [Attribute] {
        guard node.pointee.properties != nil else { return [] }
        var count = 0
        var counted = node.pointee.properties
        while let current = counted {
            count += 1
            counted = current.pointee.next
        }
        var result: [Attribute] = []
        result.reserveCapacity(count)
        var attribute = node.pointee.properties
        while let current = attribute {
            let (uri, prefix) = namespace(current.pointee.ns)
            result.append(Attribute(
                name: name(current.pointee.name), namespace: uri, prefix: prefix, value: Self.value(of: current),
                position: positions?.position(of: UnsafeRawPointer(current)) ?? .unknown))
            attribute = current.pointee.next
        }
        return result
    }

    private static func value(of attribute: xmlAttrPtr) -> String {
        if let child = attribute.pointee.children, child.pointee.next == nil,
            child.pointee.type == XML_TEXT_NODE, let content = child.pointee.content
        {
            return String(cString: content)
        }
        return swiftStringFreeing(xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1)) ?? ""
    }

    /// An element's own character data: its text and CDATA children joined, and the text of
    /// internal entity references (entities are not substituted while parsing).
    static func text(of node: xmlNodePtr) -> String {
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    if text.isEmpty { text = String(cString: content) } else { text += String(cString: content) }
                }
            case XML_ENTITY_REF_NODE:
                text += swiftStringFreeing(xmlNodeGetContent(current)) ?? ""
            default:
                break
            }
            child = current.pointee.next
        }
        return text
    }

    private func copy(_ node: xmlNodePtr, positions: NodePositions?) -> Node {
        var children: [Node] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { children.append(copy(current, positions: positions)) }
            child = current.pointee.next
        }
        let (uri, prefix) = namespace(node.pointee.ns)
        // With positions, the line is that of the `<` (where a start tag spanning lines begins).
        let position = positions?.position(of: UnsafeRawPointer(node))
        return Node(
            name: name(node.pointee.name), namespace: uri, prefix: prefix,
            attributes: attributes(of: node, positions: positions),
            children: children,
            text: Self.text(of: node),
            line: position?.line ?? elementLine(node), column: position?.column ?? 0)
    }
}

/// An element of an ``XMLSubtree`` read in place: what ``Node`` holds (names, attributes,
/// text, element children), copied out only as it is asked for. It keeps its subtree (and so
/// the reader's document) alive, so it never dangles; not `Sendable` (it uses its thread's
/// ``XMLNodeCopier``).
public struct XMLElementView {
    let node: xmlNodePtr
    /// The owner of `node`; holding it keeps `node` valid.
    let subtree: XMLSubtree
    let copier: XMLNodeCopier

    /// Local name, without prefix.
    public var name: String { copier.name(node.pointee.name) }
    /// Namespace URI, `nil` for no namespace.
    public var namespace: String? { copier.namespace(node.pointee.ns).uri }
    /// `prefix:name`, or the local name when there is no prefix.
    public var qualifiedName: String {
        let (_, prefix) = copier.namespace(node.pointee.ns)
        if let prefix, !prefix.isEmpty { return "\(prefix):\(name)" }
        return name
    }
    /// Line of the start tag, exact past 65,535.
    public var line: Int { elementLine(node) }
    /// Where the start tag's `<` is, as the reader recorded it (else ``line``, column unknown).
    public var position: SourcePosition { subtree.position(of: node) }
    /// The attributes, copied (each access copies them again: keep the result); their
    /// positions are looked up only when asked for (``position(ofAttributeAt:)``).
    public var attributes: [Attribute] { copier.attributes(of: node) }
    /// Where the name of the attribute at `index` of ``attributes`` starts; the element's
    /// position when that is not known.
    public func position(ofAttributeAt index: Int) -> SourcePosition {
        var attribute = node.pointee.properties
        for _ in 0..<index { attribute = attribute?.pointee.next }
        guard let attribute, let known = subtree.positions?.position(of: UnsafeRawPointer(attribute)) else { return position }
        return known
    }
    /// The element's own character data, as ``Node/text``.
    public var text: String { XMLNodeCopier.text(of: node) }
    /// Whether the element's own character data holds anything but XML white space (space,
    /// tab, line feed, carriage return), read in place: the indentation between the children
    /// of most elements is not copied out to be looked at.
    public var hasNonSpaceText: Bool {
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if var byte = current.pointee.content {
                    while byte.pointee != 0 {
                        guard isSpace(byte.pointee) else { return true }
                        byte += 1
                    }
                }
            case XML_ENTITY_REF_NODE:
                // An entity's replacement text, as `text` reads it.
                if let content = swiftStringFreeing(xmlNodeGetContent(current)),
                    content.utf8.contains(where: { !isSpace($0) })
                {
                    return true
                }
            default:
                break
            }
            child = current.pointee.next
        }
        return false
    }
    /// Where the element's text starts (its first text or CDATA child), else where the
    /// element starts.
    public var textPosition: SourcePosition {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE {
                return subtree.positions?.position(of: UnsafeRawPointer(current)) ?? position
            }
            child = current.pointee.next
        }
        return position
    }
    /// The element children, in document order.
    public var children: Children { Children(first: node.pointee.children, subtree: subtree, copier: copier) }

    /// The element children of an ``XMLElementView``.
    public struct Children: Sequence {
        let first: xmlNodePtr?
        let subtree: XMLSubtree
        let copier: XMLNodeCopier

        public func makeIterator() -> Iterator { Iterator(upcoming: first, subtree: subtree, copier: copier) }

        /// Walks the sibling list, element nodes only.
        public struct Iterator: IteratorProtocol {
            var upcoming: xmlNodePtr?
            let subtree: XMLSubtree
            let copier: XMLNodeCopier

            public mutating func next() -> XMLElementView? {
                while let current = upcoming {
                    upcoming = current.pointee.next
                    if current.pointee.type == XML_ELEMENT_NODE { return XMLElementView(node: current, subtree: subtree, copier: copier) }
                }
                return nil
            }
        }
    }
}
