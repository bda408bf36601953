internal import CLibXML2

/// A node of an ``XPathDocument`` as the evaluator's fast path sees it (the public
/// ``XPathNodeRef`` wraps it): the node's address and the document, which it keeps alive, so
/// it never dangles. Two nodes are equal when they name the same node of the same document.
package struct XPathNode: Hashable {
    let raw: UnsafeMutableRawPointer
    /// The owner of the node; holding it keeps `raw` valid.
    let document: XPathDocument

    init(_ pointer: xmlNodePtr, in document: XPathDocument) {
        raw = UnsafeMutableRawPointer(pointer)
        self.document = document
    }

    package static func == (lhs: XPathNode, rhs: XPathNode) -> Bool {
        lhs.raw == rhs.raw && lhs.document === rhs.document
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(raw)
    }

    var pointer: xmlNodePtr { raw.assumingMemoryBound(to: xmlNode.self) }

    /// The kind of node.
    package var kind: XPathNodeRef.Kind {
        switch pointer.pointee.type {
        case XML_DOCUMENT_NODE: .document
        case XML_ELEMENT_NODE: .element
        case XML_ATTRIBUTE_NODE: .attribute
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: .text
        default: .other
        }
    }

    /// Local name of an element or attribute; `#text` for text, `#document` for the document.
    package var name: String {
        switch kind {
        case .element, .attribute: swiftString(pointer.pointee.name) ?? ""
        case .text: "#text"
        case .document: "#document"
        case .other: ""
        }
    }

    /// `prefix:name` as the input spelled it (`xml:lang`), or ``name`` without a prefix.
    package var qualifiedName: String {
        let local = name
        guard kind == .element || kind == .attribute,
            let prefix = swiftString(pointer.pointee.ns?.pointee.prefix), !prefix.isEmpty
        else { return local }
        return "\(prefix):\(local)"
    }

    /// The XPath string-value: an attribute's value, a text node's text, the concatenated
    /// text of an element's descendants.
    package var stringValue: String {
        XPathWalker.withStringValue(of: pointer) { String(cString: $0) }
    }

    /// An attribute's value or a text node's text; `nil` for elements and the document
    /// (the DOM's `nodeValue`).
    package var nodeValue: String? {
        switch kind {
        case .attribute, .text: stringValue
        default: nil
        }
    }

    /// The element, or for an attribute its owner element, or for a text node its parent.
    package var element: XPathNode? {
        var node = pointer
        while node.pointee.type != XML_ELEMENT_NODE {
            guard node.pointee.type != XML_DOCUMENT_NODE, let parent = node.pointee.parent else { return nil }
            node = parent
        }
        return XPathNode(node, in: document)
    }

    /// The nearest element, from this node's own element upwards, whose local name is one of
    /// `names` (no namespace); `nil` when there is none.
    package func ancestorOrSelf(namedOneOf names: [String]) -> XPathNode? {
        var node: xmlNodePtr? = element?.pointer
        while let current = node, current.pointee.type == XML_ELEMENT_NODE {
            if current.pointee.ns == nil, let local = current.pointee.name,
                names.contains(where: { xmlStrEqual(local, $0) != 0 })
            {
                return XPathNode(current, in: document)
            }
            node = current.pointee.parent
        }
        return nil
    }

    /// The parent node (an attribute's owner element); `nil` for the document.
    package var parent: XPathNode? {
        guard kind != .document, let parent = pointer.pointee.parent else { return nil }
        return XPathNode(parent, in: document)
    }

    /// The input line of the element (for attributes and text, of the element holding them),
    /// exact past line 65,535; 0 for the document or when the element had no line.
    package var line: Int {
        element.map { elementLine($0.pointer) } ?? 0
    }

    /// Where the node starts in the input (see ``XPathNodeRef/position``): as recorded, else
    /// its element's position, else its element's line with the column unknown.
    package var position: SourcePosition {
        if let known = document.position(of: pointer) { return known }
        guard let element else { return .unknown }
        if element.raw != raw, let known = document.position(of: element.pointer) { return known }
        return SourcePosition(line: elementLine(element.pointer), column: 0)
    }
}

/// The line of an element's start tag, exact past 65,535: libxml2 2.9 keeps at most 65,535 in
/// `xmlNode.line`; the reader and the XPath tree builder keep the real line in the element's
/// `psvi` slot then (unused without schema validation).
func elementLine(_ node: xmlNodePtr) -> Int {
    let line = Int(node.pointee.line)
    if line == 65_535, let recorded = node.pointee.psvi { return Int(bitPattern: recorded) }
    return line
}

/// Records `line` on `node` as ``elementLine(_:)`` reads it.
func setElementLine(_ node: xmlNodePtr, _ line: Int) {
    node.pointee.line = UInt16(clamping: max(0, line))
    if line >= 65_535 { node.pointee.psvi = UnsafeMutableRawPointer(bitPattern: line) }
}
