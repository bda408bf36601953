internal import CLibXML2

/// Evaluates an ``XPathProgram`` on the nodes of one libxml2 document, with XPath 1.0's rules
/// as libxml2 applies them: node-sets in document order without duplicates, node-sets compared
/// by their nodes' string-values, strings read as numbers by libxml2's own
/// `xmlXPathCastStringToNumber`. A node-set is visited node by node where that is enough (a
/// test of existence, a count, a comparison), and collected only when it is the result.
///
/// It gives up (throws ``Unsupported``) where libxml2's tree has a node it does not walk the
/// same way (an entity reference under a descendant step, a node of an unexpected kind); the
/// caller then evaluates with libxml2.
struct XPathWalker {
    struct Unsupported: Error {}

    let ops: UnsafeMutableBufferPointer<XPathProgram.Op>
    let kinds: UnsafeMutableBufferPointer<XPathProgram.Kind>
    let paths: UnsafeMutableBufferPointer<XPathProgram.Path>
    let steps: UnsafeMutableBufferPointer<XPathProgram.Step>
    let predicates: UnsafeMutableBufferPointer<Int>
    let members: UnsafeMutableBufferPointer<Int>
    /// The document node: where absolute paths start.
    let documentNode: xmlNodePtr

    /// Reads `program`'s tables: the caller keeps `program` alive while it uses the walker.
    init(_ program: XPathProgram, documentNode: xmlNodePtr) {
        ops = program.ops
        kinds = program.kinds
        paths = program.paths
        steps = program.steps
        predicates = program.predicates
        members = program.members
        self.documentNode = documentNode
    }

    func kind(_ op: Int) -> XPathProgram.Kind { kinds[op] }

    // MARK: Values of each type (XPath 1.0, 4.2–4.4)

    func truth(_ op: Int, at node: xmlNodePtr) throws(Unsupported) -> Bool {
        switch ops[op] {
        case .path, .union: return try forEachNode(op, at: node) { _ in true }
        case .count(let inner): return try forEachNode(inner, at: node) { _ in true }
        case .literal(_, let count): return count > 0
        case .number(let value): return value != 0 && !value.isNaN
        case .not(let inner): return !(try truth(inner, at: node))
        case .boolean(let inner): return try truth(inner, at: node)
        case .toString: return !(try string(op, at: node)).isEmpty
        case .or(let left, let right): return try truth(left, at: node) ? true : try truth(right, at: node)
        case .and(let left, let right): return try truth(left, at: node) ? try truth(right, at: node) : false
        case .equal(let left, let right, let negated): return try equal(left, right, negated: negated, at: node)
        case .relation(let left, let relation, let right): return try compare(left, relation, right, at: node)
        case .toNumber, .sum, .negative:
            let value = try number(op, at: node)
            return value != 0 && !value.isNaN
        }
    }

    func number(_ op: Int, at node: xmlNodePtr) throws(Unsupported) -> Double {
        switch ops[op] {
        case .path, .union: return try first(op, at: node).map(Self.number(of:)) ?? .nan
        case .literal(let bytes, _): return xmlXPathCastStringToNumber(bytes)
        case .number(let value): return value
        case .count(let inner): return Double(try count(inner, at: node))
        case .toNumber(let inner): return try inner.map { inner throws(Unsupported) in try number(inner, at: node) } ?? Self.number(of: node)
        case .toString: return Self.number(try string(op, at: node))
        case .sum(let left, let right, let subtracting):
            let first = try number(left, at: node)
            let second = try number(right, at: node)
            return subtracting ? first - second : first + second
        case .negative(let inner): return -(try number(inner, at: node))
        case .not, .boolean, .or, .and, .equal, .relation: return try truth(op, at: node) ? 1 : 0
        }
    }

    func string(_ op: Int, at node: xmlNodePtr) throws(Unsupported) -> [UInt8] {
        switch ops[op] {
        case .path, .union: return try first(op, at: node).map { Self.withStringValue(of: $0, Self.bytes) } ?? []
        case .literal(let bytes, let count): return Array(UnsafeBufferPointer(start: bytes, count: count))
        case .toString(let inner):
            guard let inner else { return Self.withStringValue(of: node, Self.bytes) }
            return try string(inner, at: node)
        case .not, .boolean, .or, .and, .equal, .relation: return Array((try truth(op, at: node) ? "true" : "false").utf8)
        case .number, .count, .toNumber, .sum, .negative:
            let formatted = xmlXPathCastNumberToString(try number(op, at: node))
            defer { iatix_xmlFree(formatted) }
            return formatted.map { Self.bytes($0) } ?? []
        }
    }

    /// A node-set, in document order, without duplicates.
    func nodes(_ op: Int, at node: xmlNodePtr) throws(Unsupported) -> [xmlNodePtr] {
        switch ops[op] {
        case .path(let index):
            return try nodes(path: index, at: node)
        case .union(let range):
            var found: [xmlNodePtr] = []
            var parts = 0
            for member in members[range] {
                let part = try nodes(path: member, at: node)
                if !part.isEmpty { parts += 1 }
                found += part
            }
            return parts > 1 ? try Self.inDocumentOrder(found) : found
        default:
            throw Unsupported()  // not a node-set: the parser lets no such operand through
        }
    }

    private func nodes(path index: Int, at node: xmlNodePtr) throws(Unsupported) -> [xmlNodePtr] {
        let path = paths[index]
        guard path.streams else { return try select(path, from: node) }
        var found: [xmlNodePtr] = []
        _ = try stream(path, from: node) { found.append($0); return false }
        if path.reversed { found.reverse() }
        return path.ordered || path.reversed ? found : try Self.inDocumentOrder(found)
    }

    /// Calls `body` with each node of a node-set, in no set order, until it returns `true`;
    /// whether it did.
    func forEachNode(_ op: Int, at node: xmlNodePtr, _ body: (xmlNodePtr) throws(Unsupported) -> Bool) throws(Unsupported) -> Bool {
        if case .path(let index) = ops[op], paths[index].streams {
            return try stream(paths[index], from: node, body)
        }
        for found in try nodes(op, at: node) where try body(found) { return true }
        return false
    }

    /// The first node of a node-set in document order.
    private func first(_ op: Int, at node: xmlNodePtr) throws(Unsupported) -> xmlNodePtr? {
        if case .path(let index) = ops[op], paths[index].streams, paths[index].ordered {
            var found: xmlNodePtr?
            _ = try stream(paths[index], from: node) { found = $0; return true }
            return found
        }
        return try nodes(op, at: node).first
    }

    private func count(_ op: Int, at node: xmlNodePtr) throws(Unsupported) -> Int {
        if case .path(let index) = ops[op], paths[index].streams {
            var count = 0
            _ = try stream(paths[index], from: node) { _ in count += 1; return false }
            return count
        }
        return try nodes(op, at: node).count
    }

    // MARK: Comparisons (XPath 1.0, 3.4)

    private func equal(_ left: Int, _ right: Int, negated: Bool, at node: xmlNodePtr) throws(Unsupported) -> Bool {
        switch (kinds[left], kinds[right]) {
        case (.nodes, .nodes):
            let values = try nodes(right, at: node).map { Self.withStringValue(of: $0, Self.bytes) }
            guard !values.isEmpty else { return false }
            return try forEachNode(left, at: node) { found in
                Self.withStringValue(of: found) { text in values.contains { Self.same(text, $0) != negated } }
            }
        case (.nodes, let other), (let other, .nodes):
            let (set, value) = kinds[left] == .nodes ? (left, right) : (right, left)
            switch other {
            case .boolean:
                return (try truth(set, at: node) == truth(value, at: node)) != negated
            case .number:
                let wanted = try number(value, at: node)
                return try forEachNode(set, at: node) { found in
                    let number = Self.number(of: found)
                    return negated ? number != wanted : number == wanted
                }
            default:
                let wanted = try string(value, at: node)
                return try forEachNode(set, at: node) { found in
                    Self.withStringValue(of: found) { Self.same($0, wanted) != negated }
                }
            }
        case (.boolean, _), (_, .boolean):
            return (try truth(left, at: node) == truth(right, at: node)) != negated
        case (.number, _), (_, .number):
            return (try number(left, at: node) == number(right, at: node)) != negated
        default:
            return (try string(left, at: node) == string(right, at: node)) != negated
        }
    }

    private func compare(_ left: Int, _ relation: XPathSubset.Relation, _ right: Int, at node: xmlNodePtr) throws(Unsupported) -> Bool {
        func holds(_ first: Double, _ second: Double) -> Bool {
            switch relation {
            case .less: first < second
            case .lessOrEqual: first <= second
            case .greater: first > second
            case .greaterOrEqual: first >= second
            }
        }
        switch (kinds[left], kinds[right]) {
        case (.nodes, .nodes):
            let values = try nodes(right, at: node).map(Self.number(of:))
            return try forEachNode(left, at: node) { found in
                let number = Self.number(of: found)
                return values.contains { holds(number, $0) }
            }
        case (.nodes, .boolean), (.boolean, .nodes):
            return holds(try truth(left, at: node) ? 1 : 0, try truth(right, at: node) ? 1 : 0)
        case (.nodes, _):
            let other = try number(right, at: node)
            return try forEachNode(left, at: node) { holds(Self.number(of: $0), other) }
        case (_, .nodes):
            let other = try number(left, at: node)
            return try forEachNode(right, at: node) { holds(other, Self.number(of: $0)) }
        default:
            return holds(try number(left, at: node), try number(right, at: node))
        }
    }

    // MARK: Strings of nodes

    static func number(of node: xmlNodePtr) -> Double {
        withStringValue(of: node) { xmlXPathCastStringToNumber($0) }
    }

    private static func number(_ bytes: [UInt8]) -> Double {
        (bytes + [0]).withUnsafeBufferPointer { xmlXPathCastStringToNumber($0.baseAddress) }
    }

    private static func bytes(_ text: UnsafePointer<xmlChar>) -> [UInt8] {
        Array(UnsafeBufferPointer(start: text, count: Int(xmlStrlen(text))))
    }

    /// Whether the NUL-terminated `text` is `bytes`.
    private static func same(_ text: UnsafePointer<xmlChar>, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<buffer.count where text[index] != buffer[index] { return false }
            return text[buffer.count] == 0
        }
    }

    /// Calls `body` with the string-value of `node`: in place for the usual attribute (one
    /// text child) and for text, else as libxml2 makes it.
    static func withStringValue<Result>(of node: xmlNodePtr, _ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
        switch node.pointee.type {
        case XML_ATTRIBUTE_NODE:
            if let text = node.pointee.children, text.pointee.next == nil, text.pointee.type == XML_TEXT_NODE,
                let content = text.pointee.content
            {
                return body(content)
            }
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content { return body(content) }
        default:
            break
        }
        guard let made = xmlXPathCastNodeToString(node) else {
            var nothing: xmlChar = 0
            return body(&nothing)
        }
        defer { iatix_xmlFree(made) }
        return body(made)
    }
}
