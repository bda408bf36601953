internal import CLibXML2

// XPath 1.0 over libxml2: a ``Node`` tree is rebuilt as a libxml2 document, expressions are
// compiled once (``XPathCache``) and evaluated against it (``XPathDocument``). This file is the
// only XPath code that touches libxml2 pointers.

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

    /// The owning document; holding it keeps `raw` valid.
    let document: XPathDocument
    /// The `xmlNodePtr` (or `xmlAttrPtr`, `xmlDocPtr`, which share its leading layout).
    let raw: UnsafeMutableRawPointer

    init(document: XPathDocument, pointer: xmlNodePtr) {
        self.document = document
        self.raw = UnsafeMutableRawPointer(pointer)
    }

    var pointer: xmlNodePtr { raw.assumingMemoryBound(to: xmlNode.self) }

    public static func == (lhs: XPathNodeRef, rhs: XPathNodeRef) -> Bool {
        lhs.raw == rhs.raw && lhs.document === rhs.document
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(raw)
    }

    /// The kind of node.
    public var kind: Kind {
        switch pointer.pointee.type {
        case XML_DOCUMENT_NODE: .document
        case XML_ELEMENT_NODE: .element
        case XML_ATTRIBUTE_NODE: .attribute
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: .text
        default: .other
        }
    }

    /// Local name of an element or attribute; `#text` for text, `#document` for the document.
    public var name: String {
        switch kind {
        case .element, .attribute: swiftString(pointer.pointee.name) ?? ""
        case .text: "#text"
        case .document: "#document"
        case .other: ""
        }
    }

    /// `prefix:name` as the input spelled it (`xml:lang`), or ``name`` without a prefix.
    public var qualifiedName: String {
        let local = name
        guard kind == .element || kind == .attribute,
            let prefix = swiftString(pointer.pointee.ns?.pointee.prefix), !prefix.isEmpty
        else { return local }
        return "\(prefix):\(local)"
    }

    /// The XPath string-value: an attribute's value, a text node's text, the concatenated
    /// text of an element's descendants.
    public var stringValue: String {
        swiftStringFreeing(xmlXPathCastNodeToString(pointer)) ?? ""
    }

    /// An attribute's value or a text node's text; `nil` for elements and the document
    /// (the DOM's `nodeValue`).
    public var nodeValue: String? {
        switch kind {
        case .attribute, .text: stringValue
        default: nil
        }
    }

    /// The element, or for an attribute its owner element, or for a text node its parent.
    public var element: XPathNodeRef? {
        switch kind {
        case .element: return self
        case .attribute, .text, .other:
            guard let parent = pointer.pointee.parent else { return nil }
            return XPathNodeRef(document: document, pointer: parent).element
        case .document: return nil
        }
    }

    /// The parent node (an attribute's owner element); `nil` for the document.
    public var parent: XPathNodeRef? {
        guard kind != .document, let parent = pointer.pointee.parent else { return nil }
        return XPathNodeRef(document: document, pointer: parent)
    }

    /// The input line of the element (for attributes and text, of the element holding them),
    /// exact past line 65,535; 0 for the document or when the ``Node`` had no line.
    public var line: Int {
        guard let element, let stored = element.pointer.pointee._private else { return 0 }
        return Int(bitPattern: stored)
    }

    /// Evaluates `expression` with this node as the context node.
    /// - Throws: the expression's syntax or evaluation error, naming the expression.
    public func evaluate(_ expression: String) throws(XMLError) -> XPathValue {
        try document.evaluate(expression, context: self)
    }
}

/// A libxml2 document built from a ``Node`` tree, for XPath evaluation.
///
/// The tree is copied once into libxml2 (elements, attributes, namespaces, text); every element
/// remembers the line of its ``Node`` so results can report where they come from. The document
/// and its XPath context are freed in `deinit`. Not `Sendable`: one document belongs to one
/// thread; build one per thread (or per activity).
public final class XPathDocument {
    /// Labels errors (a file name, or an activity identifier).
    public let name: String
    private let doc: xmlDocPtr
    private let context: xmlXPathContextPtr
    private let cache: XPathCache
    private let errors = XPathErrorSink()

    /// Builds a document whose root element is `root`.
    /// - Parameters:
    ///   - root: the root element; its whole subtree is copied.
    ///   - name: labels errors (`XMLError.file`).
    ///   - cache: compiled expressions to share with other documents; a private one by default.
    /// - Throws: an `XMLError` when libxml2 cannot allocate the tree.
    public init(root: Node, name: String = "<xpath>", cache: XPathCache = XPathCache()) throws(XMLError) {
        LibXML2Runtime.ensure()
        self.name = name
        self.cache = cache
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

        var builder = TreeBuilder(doc: doc, file: name)
        try builder.build(root, parent: nil)
        // Stamps document order on the elements, so node-set sorting is cheap.
        _ = xmlXPathOrderDocElems(doc)

        self.doc = doc
        self.context = context
        ownsDoc = false
        ownsContext = false
        errors.install(on: context)
    }

    deinit {
        xmlXPathFreeContext(context)
        xmlFreeDoc(doc)
    }

    /// The document node (the context of absolute expressions).
    public var documentNode: XPathNodeRef {
        XPathNodeRef(document: self, pointer: UnsafeMutableRawPointer(doc).assumingMemoryBound(to: xmlNode.self))
    }

    /// The root element.
    public var rootElement: XPathNodeRef? {
        guard let root = xmlDocGetRootElement(doc) else { return nil }
        return XPathNodeRef(document: self, pointer: root)
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
        let compiled = try cache.compiled(expression, file: name)
        errors.reset()
        context.pointee.node = node?.pointer ?? UnsafeMutableRawPointer(doc).assumingMemoryBound(to: xmlNode.self)
        context.pointee.contextSize = -1
        context.pointee.proximityPosition = -1
        let object = xmlXPathCompiledEval(compiled, context)
        defer { if let object { xmlXPathFreeObject(object) } }
        if let failure = errors.first {
            throw XMLError(level: .error, code: failure.code, file: name, message: failure.describe(expression))
        }
        guard let object else {
            throw XMLError(level: .error, file: name, message: "XPath \"\(expression)\": evaluation failed")
        }
        switch object.pointee.type {
        case XPATH_NODESET:
            var result: [XPathNodeRef] = []
            if let set = object.pointee.nodesetval, let table = set.pointee.nodeTab {
                let count = Int(set.pointee.nodeNr)
                result.reserveCapacity(count)
                for index in 0..<count {
                    // Namespace nodes in a node-set are copies owned by the set: leave them out.
                    guard let item = table[index], item.pointee.type != XML_NAMESPACE_DECL else { continue }
                    result.append(XPathNodeRef(document: self, pointer: item))
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
                message: "XPath \"\(expression)\": unsupported result type \(object.pointee.type.rawValue)")
        }
    }
}

/// Compiled XPath expressions (`xmlXPathCompExpr`), compiled once and freed in `deinit`.
///
/// Share one cache between the documents a single thread evaluates; when it holds `capacity`
/// expressions it starts over. Not `Sendable`.
public final class XPathCache {
    /// How many compiled expressions are kept at most.
    public let capacity: Int
    private var compiledExpressions: [String: OpaquePointer] = [:]
    /// A document-less context, only for compiling, so syntax errors come back through its
    /// error handler instead of libxml2's global one.
    private let compileContext: xmlXPathContextPtr?
    private let errors = XPathErrorSink()

    /// - Parameter capacity: the most expressions kept compiled at once.
    public init(capacity: Int = 1024) {
        LibXML2Runtime.ensure()
        self.capacity = max(1, capacity)
        compileContext = xmlXPathNewContext(nil)
        if let compileContext { errors.install(on: compileContext) }
    }

    deinit {
        for expression in compiledExpressions.values { xmlXPathFreeCompExpr(expression) }
        if let compileContext { xmlXPathFreeContext(compileContext) }
    }

    /// How many expressions are compiled now.
    public var count: Int { compiledExpressions.count }

    /// Compiles `expression` (or finds it compiled), to check its syntax early.
    /// - Throws: the syntax error, naming the expression and where in it the problem is.
    public func compile(_ expression: String) throws(XMLError) {
        _ = try compiled(expression, file: "<xpath>")
    }

    func compiled(_ expression: String, file: String) throws(XMLError) -> OpaquePointer {
        if let found = compiledExpressions[expression] { return found }
        guard let compileContext else {
            throw XMLError(level: .fatal, file: file, message: "cannot create an XPath context (out of memory?)")
        }
        errors.reset()
        let compiled = xmlXPathCtxtCompile(compileContext, expression)
        if let failure = errors.first {
            if let compiled { xmlXPathFreeCompExpr(compiled) }
            throw XMLError(level: .error, code: failure.code, file: file, message: failure.describe(expression))
        }
        guard let compiled else {
            throw XMLError(level: .error, file: file, message: "XPath \"\(expression)\": cannot compile")
        }
        if compiledExpressions.count >= capacity {
            for expression in compiledExpressions.values { xmlXPathFreeCompExpr(expression) }
            compiledExpressions.removeAll(keepingCapacity: true)
        }
        compiledExpressions[expression] = compiled
        return compiled
    }
}

// MARK: - Errors

/// One XPath error copied out of libxml2's `xmlError` (domain `XML_FROM_XPATH`).
private struct XPathFailure {
    var code: Int
    var message: String
    /// Offset in the expression where the parser stopped (`xmlError.int1`).
    var offset: Int

    func describe(_ expression: String) -> String {
        var text = "XPath \"\(expression)\": \(message)"
        if offset > 0 && offset <= expression.utf8.count { text += " (at offset \(offset))" }
        return text
    }
}

/// Collects the errors of one XPath context, installed as its structured error handler
/// (`xmlXPathContext.error` with `userData`), so nothing goes through libxml2's global state.
private final class XPathErrorSink {
    private(set) var failures: [XPathFailure] = []

    var first: XPathFailure? { failures.first }

    func reset() { failures.removeAll(keepingCapacity: true) }

    func install(on context: xmlXPathContextPtr) {
        context.pointee.userData = Unmanaged.passUnretained(self).toOpaque()
        context.pointee.error = { userData, error in
            guard let userData, let error else { return }
            Unmanaged<XPathErrorSink>.fromOpaque(userData).takeUnretainedValue().record(error.pointee)
        }
        // An unknown function would make libxml2 print through its global generic error handler
        // before raising the error; answering the lookup with a function that raises it instead
        // keeps the error on this context only.
        context.pointee.funcLookupData = UnsafeMutableRawPointer(context)
        context.pointee.funcLookupFunc = { data, name, uri in
            guard let data else { return nil }
            let context = data.assumingMemoryBound(to: xmlXPathContext.self)
            if let functions = context.pointee.funcHash, xmlHashLookup2(functions, name, uri) != nil {
                return nil  // a registered function: libxml2's own lookup finds it
            }
            return { parser, _ in
                xmlXPathErr(parser, Int32(XPATH_UNKNOWN_FUNC_ERROR.rawValue))
            }
        }
    }

    private func record(_ error: xmlError) {
        // libxml2's XPath errors come without `message`; their code says what went wrong.
        var message = error.message.map { String(cString: $0) } ?? Self.describe(code: Int(error.code))
        while let last = message.last, last == "\n" || last == " " { message.removeLast() }
        failures.append(XPathFailure(code: Int(error.code), message: message, offset: Int(error.int1)))
    }

    /// The meaning of an XPath error code (`xmlParserErrors` from `XML_XPATH_EXPRESSION_OK`,
    /// in the order of libxml2's `xmlXPathError`).
    static func describe(code: Int) -> String {
        let names = [
            "no error", "bad number", "unfinished literal", "bad start of literal",
            "expected $ for a variable reference", "undefined variable", "invalid predicate",
            "invalid expression", "missing closing curly brace", "unknown function", "invalid operand",
            "invalid type", "wrong number of arguments", "invalid context size", "invalid context position",
            "out of memory", "syntax error", "resource error", "sub-resource error",
            "undeclared namespace prefix", "encoding error", "character out of the XML range",
            "invalid or incomplete context", "stack usage error", "forbidden variable",
            "operation limit exceeded", "recursion limit exceeded",
        ]
        let index = code - Int(XML_XPATH_EXPRESSION_OK.rawValue)
        return names.indices.contains(index) ? names[index] : "XPath error \(code)"
    }
}

// MARK: - Building the libxml2 tree

/// Copies a ``Node`` tree into a libxml2 document. Every node it creates is linked into the
/// document at once, so `xmlFreeDoc` frees all of it whatever happens next.
private struct TreeBuilder {
    let doc: xmlDocPtr
    let file: String
    private var generatedPrefixes = 0

    init(doc: xmlDocPtr, file: String) {
        self.doc = doc
        self.file = file
    }

    mutating func build(_ node: Node, parent: xmlNodePtr?) throws(XMLError) {
        guard let element = xmlNewDocNode(doc, nil, node.name, nil) else { throw outOfMemory() }
        if let parent {
            guard xmlAddChild(parent, element) != nil else {
                xmlFreeNode(element)
                throw outOfMemory()
            }
        } else {
            // Frees a previous root, if any; there is none here.
            _ = xmlDocSetRootElement(doc, element)
        }
        // Lines past 65,535 do not fit `xmlNode.line`; the exact one rides in `_private`.
        element.pointee.line = UInt16(clamping: node.line)
        element.pointee._private = UnsafeMutableRawPointer(bitPattern: max(0, node.line))

        if let uri = node.namespace {
            element.pointee.ns = try namespace(uri: uri, prefix: node.prefix, on: element, forAttribute: false)
        }
        for attribute in node.attributes {
            var ns: xmlNsPtr? = nil
            if let uri = attribute.namespace {
                ns = try namespace(uri: uri, prefix: attribute.prefix, on: element, forAttribute: true)
            }
            // xmlNewNsProp stores the value as text, without entity parsing.
            guard xmlNewNsProp(element, ns, attribute.name, attribute.value) != nil else { throw outOfMemory() }
        }
        if !node.text.isEmpty {
            // Node keeps an element's character data joined, so it goes in as one text node
            // before the element children (mixed content loses its interleaving).
            guard let text = xmlNewDocText(doc, node.text) else { throw outOfMemory() }
            guard xmlAddChild(element, text) != nil else {
                xmlFreeNode(text)
                throw outOfMemory()
            }
        }
        for child in node.children {
            try build(child, parent: element)
        }
    }

    /// The namespace in scope at `element` for `uri`, declared on `element` when none fits.
    private mutating func namespace(uri: String, prefix: String?, on element: xmlNodePtr, forAttribute: Bool)
        throws(XMLError) -> xmlNsPtr
    {
        if uri == XMLNamespace.xml {
            guard let ns = xmlSearchNsByHref(doc, element, uri) else { throw outOfMemory() }
            return ns
        }
        let wanted = (prefix?.isEmpty ?? true) ? nil : prefix
        if forAttribute && wanted == nil {
            // An attribute in a namespace needs a prefix: reuse any prefixed declaration.
            if let ns = xmlSearchNsByHref(doc, element, uri), ns.pointee.prefix != nil { return ns }
        } else if let ns = xmlSearchNs(doc, element, wanted), swiftString(ns.pointee.href) == uri {
            return ns
        }
        var declared: String? = wanted
        if forAttribute && declared == nil {
            generatedPrefixes += 1
            declared = "ns\(generatedPrefixes)"
        }
        if let ns = xmlNewNs(element, uri, declared) { return ns }
        // The prefix is already declared on this element for another URI: invent one.
        generatedPrefixes += 1
        guard let ns = xmlNewNs(element, uri, "ns\(generatedPrefixes)") else { throw outOfMemory() }
        return ns
    }

    private func outOfMemory() -> XMLError {
        XMLError(level: .fatal, file: file, message: "cannot build the XPath document (out of memory?)")
    }
}
