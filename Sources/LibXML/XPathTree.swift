internal import CLibXML2

/// Copies a ``Node`` tree into a libxml2 document for XPath. Every node it creates is linked
/// into the document at once, so `xmlFreeDoc` frees all of it whatever happens next. The
/// positions the nodes carry (columns of elements, positions of attributes) go to `positions`.
struct XPathTreeBuilder {
    let doc: xmlDocPtr
    let file: String
    let positions: NodePositions
    private var generatedPrefixes = 0

    init(doc: xmlDocPtr, file: String, positions: NodePositions) {
        self.doc = doc
        self.file = file
        self.positions = positions
    }

    /// Copies `node` and its subtree under `parent`, or as the document's root element.
    @discardableResult
    mutating func build(_ node: Node, parent: xmlNodePtr?) throws(XMLError) -> xmlNodePtr {
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
        setElementLine(element, node.line)
        if node.column > 0 { positions.record(UnsafeRawPointer(element), node.position) }

        if let uri = node.namespace {
            element.pointee.ns = try namespace(uri: uri, prefix: node.prefix, on: element, forAttribute: false)
        }
        for attribute in node.attributes {
            var ns: xmlNsPtr? = nil
            if let uri = attribute.namespace {
                ns = try namespace(uri: uri, prefix: attribute.prefix, on: element, forAttribute: true)
            }
            // xmlNewNsProp stores the value as text, without entity parsing.
            guard let made = xmlNewNsProp(element, ns, attribute.name, attribute.value) else { throw outOfMemory() }
            positions.record(UnsafeRawPointer(made), attribute.position)
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
        return element
    }

    /// Makes the detached element `node` the only child of `root`, in place: its nodes keep
    /// their own document (names, namespaces), which XPath does not need to be `root`'s.
    static func link(_ node: xmlNodePtr, under root: xmlNodePtr) {
        node.pointee.parent = root
        node.pointee.prev = nil
        node.pointee.next = nil
        root.pointee.children = node
        root.pointee.last = node
    }

    /// Undoes ``link(_:under:)``, so that freeing the root leaves `node` alone.
    static func unlink(_ node: xmlNodePtr) {
        if let root = node.pointee.parent {
            root.pointee.children = nil
            root.pointee.last = nil
        }
        node.pointee.parent = nil
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
