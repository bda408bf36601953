internal import CLibXML2

/// An ``XPathSubset`` lowered for evaluation: flat tables of plain values, so that walking the
/// nodes retains and releases nothing, and every expression typed as XPath types it (in the
/// subset the type of an expression is known before evaluation: a path is a node-set,
/// `count` a number, `=` a boolean).
///
/// The tables are allocated once and freed in `deinit`; ``XPathWalker`` reads them.
final class XPathProgram {
    enum Kind {
        case nodes, string, number, boolean
    }

    /// One expression; operands are indices into ``ops``.
    enum Op {
        /// An index into ``paths``.
        case path(Int)
        /// Indices into ``members``: the paths of a union.
        case union(Range<Int>)
        case literal(UnsafePointer<xmlChar>, count: Int)
        case number(Double)
        case not(Int)
        case boolean(Int)
        case count(Int)
        case toNumber(Int?)
        case toString(Int?)
        case or(Int, Int)
        case and(Int, Int)
        case equal(Int, Int, negated: Bool)
        case relation(Int, XPathSubset.Relation, Int)
        case sum(Int, Int, subtracting: Bool)
        case negative(Int)
    }

    struct Path {
        var absolute: Bool
        /// Indices into ``steps``.
        var steps: Range<Int>
        /// Every step after the first goes to children, attributes or the node itself: from
        /// one context node, the nodes can be visited one by one (no two paths reach the same
        /// node), without collecting them first.
        var streams: Bool
        /// Visited one by one, the nodes come in document order (else, in reverse document
        /// order when ``reversed``, or in an order to sort).
        var ordered: Bool
        var reversed: Bool
    }

    struct Step {
        var axis: XPathSubset.Axis
        var test: Test
        /// Indices into ``predicates``.
        var predicates: Range<Int>
        /// Some predicate is a number: it selects by position.
        var positional: Bool
    }

    enum Test {
        case name(UnsafePointer<xmlChar>, count: Int)
        case xmlName(UnsafePointer<xmlChar>, count: Int)
        case text
        case node
    }

    let ops: UnsafeMutableBufferPointer<Op>
    let kinds: UnsafeMutableBufferPointer<Kind>
    let paths: UnsafeMutableBufferPointer<Path>
    let steps: UnsafeMutableBufferPointer<Step>
    /// Indices into ``ops``.
    let predicates: UnsafeMutableBufferPointer<Int>
    /// Indices into ``paths``.
    let members: UnsafeMutableBufferPointer<Int>
    /// The expression as a whole: an index into ``ops``.
    let root: Int
    /// Owns the bytes of names and literals the tables point to.
    private let texts: [CText]

    init(_ expression: XPathSubset) {
        var lowering = Lowering()
        root = lowering.lower(expression)
        ops = Self.buffer(lowering.ops)
        kinds = Self.buffer(lowering.kinds)
        paths = Self.buffer(lowering.paths)
        steps = Self.buffer(lowering.steps)
        predicates = Self.buffer(lowering.predicates)
        members = Self.buffer(lowering.members)
        texts = lowering.texts
    }

    deinit {
        // Plain values: nothing to deinitialise.
        ops.deallocate()
        kinds.deallocate()
        paths.deallocate()
        steps.deallocate()
        predicates.deallocate()
        members.deallocate()
    }

    private static func buffer<Element>(_ array: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, array.count))
        _ = buffer.initialize(from: array)
        return buffer
    }

    /// Builds the tables, children before parents.
    private struct Lowering {
        var ops: [Op] = []
        var kinds: [Kind] = []
        var paths: [Path] = []
        var steps: [Step] = []
        var predicates: [Int] = []
        var members: [Int] = []
        var texts: [CText] = []

        mutating func lower(_ expression: XPathSubset) -> Int {
            switch expression {
            case .path(let path): return add(.path(lower(path)), .nodes)
            case .union(let union):
                let indices = union.map { lower($0) }
                let start = members.count
                members += indices
                return add(.union(start..<members.count), .nodes)
            case .literal(let text):
                texts.append(text)
                return add(.literal(text.bytes, count: text.count), .string)
            case .number(let value): return add(.number(value), .number)
            case .not(let inner): return add(.not(lower(inner)), .boolean)
            case .boolean(let inner): return add(.boolean(lower(inner)), .boolean)
            case .count(let inner): return add(.count(lower(inner)), .number)
            case .toNumber(let inner): return add(.toNumber(inner.map { lower($0) }), .number)
            case .toString(let inner): return add(.toString(inner.map { lower($0) }), .string)
            case .or(let left, let right): return add(.or(lower(left), lower(right)), .boolean)
            case .and(let left, let right): return add(.and(lower(left), lower(right)), .boolean)
            case .equal(let left, let right, let negated): return add(.equal(lower(left), lower(right), negated: negated), .boolean)
            case .relation(let left, let relation, let right): return add(.relation(lower(left), relation, lower(right)), .boolean)
            case .sum(let left, let right, let subtracting):
                return add(.sum(lower(left), lower(right), subtracting: subtracting), .number)
            case .negative(let inner): return add(.negative(lower(inner)), .number)
            }
        }

        private mutating func add(_ op: Op, _ kind: Kind) -> Int {
            ops.append(op)
            kinds.append(kind)
            return ops.count - 1
        }

        private mutating func lower(_ path: XPathSubset.Path) -> Int {
            var lowered: [Step] = []
            for step in path.steps {
                let indices = step.predicates.map { lower($0) }
                let start = predicates.count
                predicates += indices
                let positional = indices.contains { kinds[$0] == .number }
                lowered.append(Step(axis: step.axis, test: test(step.test), predicates: start..<predicates.count, positional: positional))
            }
            let first = steps.count
            steps += lowered
            let axes = lowered.map(\.axis)
            let streams = axes.dropFirst().allSatisfy { $0 == .child || $0 == .attribute || $0 == .selfNode }
            let firstAxis = axes.first ?? .selfNode
            let ordered =
                streams
                && ([.child, .attribute, .selfNode, .parent].contains(firstAxis)
                    || (axes.count == 1 && (firstAxis == .descendant || firstAxis == .descendantOrSelf)))
            let reversed = streams && axes.count == 1 && firstAxis.isReverse
            paths.append(Path(absolute: path.absolute, steps: first..<steps.count, streams: streams, ordered: ordered, reversed: reversed))
            return paths.count - 1
        }

        private mutating func test(_ test: XPathSubset.NodeTest) -> Test {
            switch test {
            case .name(let text):
                texts.append(text)
                return .name(text.bytes, count: text.count)
            case .xmlName(let text):
                texts.append(text)
                return .xmlName(text.bytes, count: text.count)
            case .text: return .text
            case .node: return .node
            }
        }
    }
}
