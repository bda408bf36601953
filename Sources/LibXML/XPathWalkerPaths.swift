internal import CLibXML2

/// Location paths: each step goes along its axis from a context node, keeps the nodes that
/// pass its node test and predicates (positions counted along the axis), and hands each on to
/// the next step, or, where steps can reach a node twice or out of order, collects and sorts.
extension XPathWalker {
    /// Calls `body` with each node `path` selects from `node`, until it returns `true`; whether
    /// it did. Only for a path that ``XPathProgram/Path/streams``.
    func stream(_ path: XPathProgram.Path, from node: xmlNodePtr, _ body: (xmlNodePtr) throws(Unsupported) -> Bool)
        throws(Unsupported) -> Bool
    {
        try stream(path.steps, from: path.absolute ? documentNode : node, body)
    }

    private func stream(_ remaining: Range<Int>, from node: xmlNodePtr, _ body: (xmlNodePtr) throws(Unsupported) -> Bool)
        throws(Unsupported) -> Bool
    {
        guard let index = remaining.first else { return try body(node) }
        let rest = (index + 1)..<remaining.upperBound
        return try eachSelected(by: index, from: node) { found throws(Unsupported) in try stream(rest, from: found, body) }
    }

    /// A path of any steps: step by step, each set collected, sorted into document order and
    /// rid of duplicates where the step could upset them.
    func select(_ path: XPathProgram.Path, from node: xmlNodePtr) throws(Unsupported) -> [xmlNodePtr] {
        var nodes = [path.absolute ? documentNode : node]
        for index in path.steps {
            var selected: [xmlNodePtr] = []
            for context in nodes {
                _ = try eachSelected(by: index, from: context) { selected.append($0); return false }
            }
            nodes = try Self.inDocumentOrder(selected)
            if nodes.isEmpty { break }
        }
        return nodes
    }

    /// Sorted by libxml2's own document order, duplicates removed.
    static func inDocumentOrder(_ nodes: [xmlNodePtr]) throws(Unsupported) -> [xmlNodePtr] {
        guard nodes.count > 1 else { return nodes }
        var comparable = true
        let sorted = nodes.sorted { first, second in
            let order = xmlXPathCmpNodes(first, second)
            if order == -2 { comparable = false }
            return order == 1
        }
        guard comparable else { throw Unsupported() }
        var unique: [xmlNodePtr] = []
        unique.reserveCapacity(sorted.count)
        for node in sorted where unique.last != node { unique.append(node) }
        return unique
    }

    // MARK: One step from one node

    /// Calls `body` with what step `index` selects from `context`, in the axis's order, until
    /// it returns `true`; whether it did. Each predicate counts positions among the nodes the
    /// predicates before it kept.
    private func eachSelected(by index: Int, from context: xmlNodePtr, _ body: (xmlNodePtr) throws(Unsupported) -> Bool)
        throws(Unsupported) -> Bool
    {
        let step = steps[index]
        let filters = predicates[step.predicates]
        guard step.positional else {
            return try visit(step.axis, from: context) { candidate throws(Unsupported) in
                guard try Self.passes(candidate, step.test, on: step.axis) else { return false }
                for predicate in filters where !(try truth(predicate, at: candidate)) { return false }
                return try body(candidate)
            }
        }
        return try withUnsafeTemporaryAllocation(of: Int.self, capacity: filters.count) { positions throws(Unsupported) in
            positions.initialize(repeating: 0)
            return try visit(step.axis, from: context) { candidate throws(Unsupported) in
                guard try Self.passes(candidate, step.test, on: step.axis) else { return false }
                for (offset, predicate) in filters.enumerated() {
                    positions[offset] += 1
                    if kind(predicate) == .number {
                        guard Double(positions[offset]) == (try number(predicate, at: candidate)) else { return false }
                    } else {
                        guard try truth(predicate, at: candidate) else { return false }
                    }
                }
                return try body(candidate)
            }
        }
    }

    /// Calls `body` with every node on `axis` from `context`, in the axis's order, until it
    /// returns `true`; whether it did.
    private func visit(_ axis: XPathSubset.Axis, from context: xmlNodePtr, _ body: (xmlNodePtr) throws(Unsupported) -> Bool)
        throws(Unsupported) -> Bool
    {
        switch axis {
        case .child:
            guard Self.hasChildAxis(context) else { return false }
            var child = context.pointee.children
            while let current = child {
                if try body(current) { return true }
                child = current.pointee.next
            }
            return false
        case .attribute:
            guard context.pointee.type == XML_ELEMENT_NODE else { return false }
            var attribute = context.pointee.properties
            while let current = attribute {
                if try body(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) { return true }
                attribute = current.pointee.next
            }
            return false
        case .selfNode:
            return try body(context)
        case .parent:
            guard let parent = try Self.parent(of: context) else { return false }
            return try body(parent)
        case .ancestor, .ancestorOrSelf:
            var current = axis == .ancestorOrSelf ? context : try Self.parent(of: context)
            while let node = current {
                if try body(node) { return true }
                current = try Self.parent(of: node)
            }
            return false
        case .descendant, .descendantOrSelf:
            if axis == .descendantOrSelf, try body(context) { return true }
            guard Self.hasChildAxis(context) else { return false }
            return try descend(below: context, body)
        }
    }

    /// Every node below `root`, in document order (attributes are not on the axis).
    private func descend(below root: xmlNodePtr, _ body: (xmlNodePtr) throws(Unsupported) -> Bool) throws(Unsupported) -> Bool {
        var child = root.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                if try body(current) { return true }
                if try descend(below: current, body) { return true }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_COMMENT_NODE, XML_PI_NODE:
                if try body(current) { return true }
            default:
                // An entity reference (libxml2 walks into the entity's nodes), a DTD: not the
                // walker's to decide.
                throw Unsupported()
            }
            child = current.pointee.next
        }
        return false
    }

    private static func hasChildAxis(_ node: xmlNodePtr) -> Bool {
        node.pointee.type == XML_ELEMENT_NODE || node.pointee.type == XML_DOCUMENT_NODE
    }

    /// The parent on the parent axis (an attribute's element); none for the document.
    private static func parent(of node: xmlNodePtr) throws(Unsupported) -> xmlNodePtr? {
        switch node.pointee.type {
        case XML_DOCUMENT_NODE:
            return nil
        case XML_ELEMENT_NODE, XML_ATTRIBUTE_NODE, XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_COMMENT_NODE, XML_PI_NODE:
            guard let parent = node.pointee.parent else { throw Unsupported() }
            let type = parent.pointee.type
            guard type == XML_ELEMENT_NODE || type == XML_DOCUMENT_NODE else { throw Unsupported() }
            return parent
        default:
            throw Unsupported()
        }
    }

    // MARK: Node tests

    /// The node test on `axis`: a name matches the axis's principal kind (attributes on the
    /// attribute axis, elements elsewhere) in the namespace the name gives.
    private static func passes(_ node: xmlNodePtr, _ test: XPathProgram.Test, on axis: XPathSubset.Axis) throws(Unsupported) -> Bool {
        switch test {
        case .node:
            // Which of libxml2's other kinds (an entity reference, a DTD) `node()` takes is
            // libxml2's to say.
            switch node.pointee.type {
            case XML_ELEMENT_NODE, XML_ATTRIBUTE_NODE, XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_COMMENT_NODE, XML_PI_NODE,
                XML_DOCUMENT_NODE:
                return true
            default:
                throw Unsupported()
            }
        case .text:
            return node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE
        case .name(let name, let count):
            return isPrincipal(node, on: axis) && node.pointee.ns == nil && isNamed(node, name, count)
        case .xmlName(let name, let count):
            guard isPrincipal(node, on: axis), let namespace = node.pointee.ns else { return false }
            return xmlStrEqual(namespace.pointee.href, xmlNamespaceURI) != 0 && isNamed(node, name, count)
        }
    }

    private static func isPrincipal(_ node: xmlNodePtr, on axis: XPathSubset.Axis) -> Bool {
        node.pointee.type == (axis == .attribute ? XML_ATTRIBUTE_NODE : XML_ELEMENT_NODE)
    }

    /// Whether the node's local name is the `count` bytes of `name` (NUL-terminated).
    @inline(__always)
    private static func isNamed(_ node: xmlNodePtr, _ name: UnsafePointer<xmlChar>, _ count: Int) -> Bool {
        guard let own = node.pointee.name else { return false }
        // Stops at the first difference, so `own` is never read past its terminator.
        for index in 0...count where own[index] != name[index] { return false }
        return true
    }

    private static let xmlNamespaceURI: [xmlChar] = Array("http://www.w3.org/XML/1998/namespace".utf8) + [0]
}
