internal import CLibXML2

/// An XPath 1.0 expression of the forms rulesets are written in, parsed by the project so that
/// ``XPathDocument`` can evaluate it by walking libxml2's nodes directly, without
/// `xmlXPathCompiledEval` (its contexts, node-set objects and sorting cost more than the walk).
///
/// The forms: location paths, absolute or relative, whose steps go along the child, attribute,
/// parent, self, ancestor(-or-self) and descendant(-or-self) axes (`a/b`, `@x`, `@xml:lang`,
/// `..`, `.`, `//a`, `text()`, `node()`), with predicates (`[@type = '1' or not(@type)]`,
/// `[1]`); unions of paths; string and number literals; `or`, `and`, `=`, `!=`, `<`, `<=`, `>`,
/// `>=`, `+`, `-`; and the functions `not`, `boolean`, `count`, `number` and `string`.
/// ``parse(_:)`` gives `nil` for anything else (other axes and functions, `*`, variables,
/// filter expressions), which libxml2 then evaluates as before. Results are those of libxml2's
/// evaluation, value for value; the tests compare the two on real files.
indirect enum XPathSubset {
    case path(Path)
    case union([Path])
    case literal(CText)
    case number(Double)
    case not(XPathSubset)
    case boolean(XPathSubset)
    /// The argument is a path or a union.
    case count(XPathSubset)
    /// `number()` (the context node) or `number(x)`.
    case toNumber(XPathSubset?)
    /// `string()` (the context node) or `string(x)`.
    case toString(XPathSubset?)
    case or(XPathSubset, XPathSubset)
    case and(XPathSubset, XPathSubset)
    case equal(XPathSubset, XPathSubset, negated: Bool)
    case relation(XPathSubset, Relation, XPathSubset)
    case sum(XPathSubset, XPathSubset, subtracting: Bool)
    case negative(XPathSubset)

    enum Relation {
        case less, lessOrEqual, greater, greaterOrEqual
    }

    /// A location path.
    struct Path {
        /// Starts at the document node (`/…`), else at the context node.
        var absolute: Bool
        var steps: [Step]
    }

    /// One step: an axis, a node test and the predicates that filter what they select.
    struct Step {
        var axis: Axis
        var test: NodeTest
        var predicates: [XPathSubset]
    }

    enum Axis {
        case child, attribute, parent, selfNode, ancestor, ancestorOrSelf, descendant, descendantOrSelf

        /// Whether positions count from the context node outwards (reverse document order).
        var isReverse: Bool { self == .ancestor || self == .ancestorOrSelf }
    }

    enum NodeTest {
        /// A name without a prefix: no namespace.
        case name(CText)
        /// `xml:name`: the XML namespace, which the `xml` prefix always names.
        case xmlName(CText)
        /// `text()`: text and CDATA nodes.
        case text
        /// `node()`: any node.
        case node
    }
}

/// A NUL-terminated byte string the expression owns (a name or a literal), compared with
/// libxml2's strings in place.
final class CText {
    let bytes: UnsafeMutablePointer<xmlChar>
    let count: Int

    init<Bytes: Collection<UInt8>>(_ source: Bytes) {
        count = source.count
        bytes = .allocate(capacity: count + 1)
        _ = UnsafeMutableBufferPointer(start: bytes, count: count).initialize(from: source)
        bytes[count] = 0
    }

    deinit { bytes.deallocate() }
}
