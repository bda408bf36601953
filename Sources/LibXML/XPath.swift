internal import CLibXML2

// XPath 1.0 over libxml2: a document is a ``Node`` tree rebuilt in libxml2, or an element a
// reader detached (``XMLSubtree``) under a copy of its file's root; expressions are compiled
// once (``XPathCache``) and evaluated against it (``XPathDocument``).

/// The result of evaluating an XPath expression.
///
/// Maps libxml2's `xmlXPathObject`: `XPATH_NODESET` → ``nodes(_:)``, `XPATH_STRING` →
/// ``string(_:)``, `XPATH_NUMBER` → ``number(_:)``, `XPATH_BOOLEAN` → ``boolean(_:)``.
/// Not `Sendable`: node references belong to their document.
public enum XPathValue: Hashable {
    /// A node-set, in document order. Namespace nodes are left out.
    case nodes([XPathNodeRef])
    /// A string (`string(…)`, `concat(…)`).
    case string(String)
    /// A number (`count(…)`, arithmetic); NaN where XPath gives NaN.
    case number(Double)
    /// A boolean (comparisons, `not(…)`).
    case boolean(Bool)

    /// The nodes of a node-set, `nil` for the other types.
    public var nodes: [XPathNodeRef]? {
        if case .nodes(let nodes) = self { return nodes }
        return nil
    }
}

/// The result of an evaluation on the fast path: as ``XPathValue``, with bare ``XPathNode``s.
package enum XPathResult {
    case nodes([XPathNode])
    case string(String)
    case number(Double)
    case boolean(Bool)

    /// Whether the result is a node-set.
    package var isNodeSet: Bool {
        if case .nodes = self { return true }
        return false
    }
}

/// A node of an ``XPathDocument``: an element, an attribute, a text node or the document itself.
///
/// A reference keeps its document alive, so it never dangles; but it means something only in
/// its own document: evaluating relative to a node of another document throws. Cheap to copy;
/// two references are equal when they name the same node. Not `Sendable`.
public struct XPathNodeRef: Hashable {
    /// What kind of node a reference names (libxml2's `xmlElementType`, reduced).
    public enum Kind: Sendable, Hashable {
        /// The document node (the parent of the root element).
        case document
        /// An element.
        case element
        /// An attribute.
        case attribute
        /// Text or CDATA.
        case text
        /// Anything else libxml2 may return (comments, processing instructions).
        case other
    }

    /// The node, which keeps its document alive.
    let node: XPathNode

    init(_ node: XPathNode) {
        self.node = node
    }

    /// The owning document.
    var document: XPathDocument { node.document }

    /// The node as the fast path sees it (valid while this reference keeps its document).
    package var bare: XPathNode { node }

    /// The kind of node.
    public var kind: Kind { node.kind }

    /// Local name of an element or attribute; `#text` for text, `#document` for the document.
    public var name: String { node.name }

    /// `prefix:name` as the input spelled it (`xml:lang`), or ``name`` without a prefix.
    public var qualifiedName: String { node.qualifiedName }

    /// The XPath string-value: an attribute's value, a text node's text, the concatenated
    /// text of an element's descendants.
    public var stringValue: String { node.stringValue }

    /// An attribute's value or a text node's text; `nil` for elements and the document
    /// (the DOM's `nodeValue`).
    public var nodeValue: String? { node.nodeValue }

    /// The element, or for an attribute its owner element, or for a text node its parent.
    public var element: XPathNodeRef? { node.element.map(XPathNodeRef.init) }

    /// The parent node (an attribute's owner element); `nil` for the document.
    public var parent: XPathNodeRef? { node.parent.map(XPathNodeRef.init) }

    /// The input line of the element (for attributes and text, of the element holding them),
    /// exact past line 65,535; 0 for the document or when the element had no line.
    public var line: Int { node.line }

    /// Where the node starts in the input: an element's `<`, an attribute's name, a text's
    /// first character; for a node whose own position was not recorded, its element's.
    public var position: SourcePosition { node.position }

    /// Evaluates `expression` with this node as the context node.
    /// - Throws: the expression's syntax or evaluation error, naming the expression.
    public func evaluate(_ expression: String) throws(XMLError) -> XPathValue {
        try document.evaluate(expression, context: self)
    }
}

/// A libxml2 document for XPath evaluation, with its XPath context; both are freed in
/// `deinit`.
///
/// Built from a ``Node`` tree (copied once into libxml2), or around an ``XMLSubtree`` a reader
/// detached, which it borrows in place under a copy of the file's root element. Every element
/// knows its input line. Not `Sendable`: one document belongs to one thread.
public final class XPathDocument {
    /// Labels errors (a file name, or an activity identifier).
    public let name: String
    private let doc: xmlDocPtr
    private let context: xmlXPathContextPtr
    private let cache: XPathCache
    private let errors = XPathErrorSink()
    /// The borrowed subtree, linked under the root element while this document lives.
    private let borrowed: XMLSubtree?
    /// Where the nodes built here (from ``Node``s) start.
    private let positions = NodePositions()

    /// Builds a document whose root element is `root`.
    /// - Parameters:
    ///   - root: the root element; its whole subtree is copied.
    ///   - name: labels errors (`XMLError.file`).
    ///   - cache: compiled expressions to share with other documents; a private one by default.
    /// - Throws: an `XMLError` when libxml2 cannot allocate the tree.
    public convenience init(root: Node, name: String = "<xpath>", cache: XPathCache = XPathCache()) throws(XMLError) {
        try self.init(root: root, borrowing: nil, name: name, cache: cache)
    }

    /// Makes a document of `subtree` as the only child of `root`, without copying the subtree:
    /// it is linked in place while this document lives, and given back in `deinit`.
    /// - Parameters:
    ///   - root: the root element (its attributes and namespaces; its children are ignored).
    ///   - subtree: an element a reader detached; it may be in one document at a time.
    ///   - name: labels errors.
    ///   - cache: compiled expressions to share with other documents.
    /// - Throws: an `XMLError` when the subtree is already in a document, or libxml2 cannot
    ///   allocate the root.
    public convenience init(root: Node, child subtree: XMLSubtree, name: String = "<xpath>", cache: XPathCache = XPathCache())
        throws(XMLError)
    {
        var bare = root
        bare.children = []
        try self.init(root: bare, borrowing: subtree, name: name, cache: cache)
    }

    private init(root: Node, borrowing subtree: XMLSubtree?, name: String, cache: XPathCache) throws(XMLError) {
        LibXML2Runtime.ensure()
        self.name = name
        self.cache = cache
        if let subtree, subtree.node.pointee.parent != nil {
            throw XMLError(level: .error, file: name, message: "the subtree is already in an XPath document")
        }
        guard let doc = xmlNewDoc("1.0") else {
            throw XMLError(level: .fatal, file: name, message: "cannot create an XML document (out of memory?)")
        }
        // From here `doc` has one owner: this object, or the error path below.
        var ownsDoc = true
        defer { if ownsDoc { xmlFreeDoc(doc) } }
        guard let context = xmlXPathNewContext(doc) else {
            throw XMLError(level: .fatal, file: name, message: "cannot create an XPath context (out of memory?)")
        }
        var ownsContext = true
        defer { if ownsContext { xmlXPathFreeContext(context) } }

        var builder = XPathTreeBuilder(doc: doc, file: name, positions: positions)
        let rootElement = try builder.build(root, parent: nil)
        if let subtree { XPathTreeBuilder.link(subtree.node, under: rootElement) }
        // Stamps document order on the elements, so node-set sorting is cheap.
        _ = xmlXPathOrderDocElems(doc)
        // Reuses libxml2's XPath objects between evaluations.
        _ = xmlXPathContextSetCache(context, 1, -1, 0)

        self.doc = doc
        self.context = context
        self.borrowed = subtree
        ownsDoc = false
        ownsContext = false
        errors.install(on: context)
    }

    /// Where `node` starts, as the reader recorded it (a borrowed subtree's nodes) or as the
    /// ``Node`` it was built from said; `nil` when neither knows.
    func position(of node: xmlNodePtr) -> SourcePosition? {
        let address = UnsafeRawPointer(node)
        return borrowed?.positions?.position(of: address) ?? positions.position(of: address)
    }

    deinit {
        xmlXPathFreeContext(context)
        // The borrowed subtree goes back to its owner before the document is freed.
        if let borrowed { XPathTreeBuilder.unlink(borrowed.node) }
        xmlFreeDoc(doc)
    }

    /// The document node (the context of absolute expressions).
    public var documentNode: XPathNodeRef { XPathNodeRef(documentRoot) }

    /// The root element.
    public var rootElement: XPathNodeRef? {
        guard let root = xmlDocGetRootElement(doc) else { return nil }
        return XPathNodeRef(XPathNode(root, in: self))
    }

    /// The document node as a bare node.
    package var documentRoot: XPathNode {
        XPathNode(documentPointer, in: self)
    }

    /// Evaluates an XPath 1.0 expression.
    /// - Parameters:
    ///   - expression: compiled on first use and cached.
    ///   - context: the context node; the document node when `nil`.
    /// - Returns: the value; node-sets in document order.
    /// - Throws: a syntax or evaluation error (unknown function, bad type, undeclared prefix),
    ///   or a context node from another document; the message names the expression.
    public func evaluate(_ expression: String, context node: XPathNodeRef? = nil) throws(XMLError) -> XPathValue {
        if let node, node.document !== self {
            throw XMLError(
                level: .error, file: name,
                message: "XPath \"\(expression)\": the context node belongs to another document")
        }
        let compiled = try cache.expression(expression, file: name)
        switch try evaluate(compiled, at: node?.node ?? documentRoot) {
        case .nodes(let nodes): return .nodes(nodes.map(XPathNodeRef.init))
        case .string(let text): return .string(text)
        case .number(let number): return .number(number)
        case .boolean(let flag): return .boolean(flag)
        }
    }

    /// Evaluates a compiled expression with `node` (a node of this document) as the context:
    /// by walking the nodes when the expression is of the subset the project reads
    /// (``XPathSubset``), else by libxml2.
    /// - Throws: an evaluation error naming the expression, or a node of another document.
    package func evaluate(_ expression: XPathExpression, at node: XPathNode) throws(XMLError) -> XPathResult {
        guard node.document === self else {
            throw XMLError(
                level: .error, file: name,
                message: "XPath \"\(expression.text)\": the context node belongs to another document")
        }
        if cache.walksSubset, let result = walk(expression, at: node) { return result }
        return try evaluateByLibXML2(expression, at: node)
    }

    /// ``evaluate(_:at:)`` by the subset's walk; `nil` for an expression outside the subset,
    /// or where the walk leaves it to libxml2.
    package func walk(_ expression: XPathExpression, at node: XPathNode) -> XPathResult? {
        guard let program = expression.program, !hasEntityReferences else { return nil }
        let walker = XPathWalker(program, documentNode: documentPointer)
        let root = program.root
        return withExtendedLifetime(program) { () -> XPathResult? in
            do {
                switch walker.kind(root) {
                case .nodes: return .nodes(try walker.nodes(root, at: node.pointer).map { XPathNode($0, in: self) })
                case .string: return .string(String(decoding: try walker.string(root, at: node.pointer), as: UTF8.self))
                case .number: return .number(try walker.number(root, at: node.pointer))
                case .boolean: return .boolean(try walker.truth(root, at: node.pointer))
                }
            } catch {
                return nil
            }
        }
    }

    /// Whether an element or attribute of the document holds an entity reference: libxml2's
    /// XPath reads the entity's text in some places and not in others (a node-set compared with
    /// a string is hashed without it), so the walk leaves such a document to libxml2.
    private lazy var hasEntityReferences: Bool = Self.containsEntityReference(below: documentPointer)

    /// The document as the node libxml2's XPath starts absolute paths from.
    private var documentPointer: xmlNodePtr { UnsafeMutableRawPointer(doc).assumingMemoryBound(to: xmlNode.self) }

    private static func containsEntityReference(below node: xmlNodePtr) -> Bool {
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ENTITY_REF_NODE:
                return true
            case XML_ELEMENT_NODE:
                var attribute = current.pointee.properties
                while let property = attribute {
                    var value = property.pointee.children
                    while let part = value {
                        if part.pointee.type == XML_ENTITY_REF_NODE { return true }
                        value = part.pointee.next
                    }
                    attribute = property.pointee.next
                }
                if containsEntityReference(below: current) { return true }
            default:
                break
            }
            child = current.pointee.next
        }
        return false
    }

    /// ``evaluate(_:at:)`` by libxml2's XPath engine, whatever the expression.
    package func evaluateByLibXML2(_ expression: XPathExpression, at node: XPathNode) throws(XMLError) -> XPathResult {
        errors.reset()
        context.pointee.node = node.pointer
        context.pointee.contextSize = -1
        context.pointee.proximityPosition = -1
        let object = xmlXPathCompiledEval(expression.compiled, context)
        defer { if let object { xmlXPathFreeObject(object) } }
        if let failure = errors.first {
            throw XMLError(level: .error, code: failure.code, file: name, message: failure.describe(expression.text))
        }
        guard let object else {
            throw XMLError(level: .error, file: name, message: "XPath \"\(expression.text)\": evaluation failed")
        }
        switch object.pointee.type {
        case XPATH_NODESET:
            var result: [XPathNode] = []
            if let set = object.pointee.nodesetval, let table = set.pointee.nodeTab, set.pointee.nodeNr > 0 {
                let count = Int(set.pointee.nodeNr)
                result.reserveCapacity(count)
                for index in 0..<count {
                    // Namespace nodes in a node-set are copies owned by the set: leave them out.
                    guard let item = table[index], item.pointee.type != XML_NAMESPACE_DECL else { continue }
                    result.append(XPathNode(item, in: self))
                }
            }
            return .nodes(result)
        case XPATH_BOOLEAN:
            return .boolean(object.pointee.boolval != 0)
        case XPATH_NUMBER:
            return .number(object.pointee.floatval)
        case XPATH_STRING:
            return .string(swiftString(object.pointee.stringval) ?? "")
        default:
            throw XMLError(
                level: .error, file: name,
                message: "XPath \"\(expression.text)\": unsupported result type \(object.pointee.type.rawValue)")
        }
    }
}

