/// Reads an XPath 1.0 expression into an ``XPathSubset``, or gives up (`nil`) at the first
/// form outside the subset. Only called on expressions libxml2 has compiled, so it need not
/// explain syntax errors: giving up is enough.
extension XPathSubset {
    static func parse(_ text: String) -> XPathSubset? {
        guard let tokens = XPathTokens.read(Array(text.utf8)) else { return nil }
        var parser = XPathSubsetParser(tokens: tokens)
        guard let expression = parser.expression(), parser.peek == .end else { return nil }
        return expression
    }
}

/// The lexical tokens of XPath 1.0 (section 3.7), as far as the subset needs them.
enum XPathToken: Equatable {
    case slash, doubleSlash, leftBracket, rightBracket, leftParen, rightParen, at, dot, dotDot, comma, pipe
    case plus, minus, equal, notEqual, less, lessOrEqual, greater, greaterOrEqual, doubleColon
    /// `*` as a name test or as multiplication: outside the subset either way.
    case star
    /// An NCName, or a QName written `prefix:local`.
    case name([UInt8])
    /// `and`, `or`, `div`, `mod` where the grammar makes them operators.
    case operatorName([UInt8])
    case literal([UInt8])
    case number(Double)
    case end
}

enum XPathTokens {
    /// The tokens of `bytes`, ending with `.end`; `nil` for a character outside the subset
    /// (`$`, for variables).
    static func read(_ bytes: [UInt8]) -> [XPathToken]? {
        var tokens: [XPathToken] = []
        var index = 0
        func byte(_ offset: Int = 0) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        while index < bytes.count {
            let current = bytes[index]
            if isSpace(current) {
                index += 1
                continue
            }
            if let (token, length) = punctuation(current, next: byte(1)) {
                tokens.append(token)
                index += length
            } else if current == UInt8(ascii: "'") || current == UInt8(ascii: "\"") {
                guard let close = bytes[(index + 1)...].firstIndex(of: current) else { return nil }
                tokens.append(.literal(Array(bytes[(index + 1)..<close])))
                index = close + 1
            } else if isDigit(current) || (current == UInt8(ascii: ".") && byte(1).map(isDigit) == true) {
                var end = index
                while end < bytes.count, isDigit(bytes[end]) || bytes[end] == UInt8(ascii: ".") { end += 1 }
                guard let number = Double(String(decoding: bytes[index..<end], as: UTF8.self)) else { return nil }
                tokens.append(.number(number))
                index = end
            } else if current == UInt8(ascii: ".") {
                let isParent = byte(1) == UInt8(ascii: ".")
                tokens.append(isParent ? .dotDot : .dot)
                index += isParent ? 2 : 1
            } else if isNameStart(current) {
                var end = nameEnd(bytes, from: index)
                if end + 1 < bytes.count, bytes[end] == UInt8(ascii: ":"), isNameStart(bytes[end + 1]) {
                    end = nameEnd(bytes, from: end + 1)
                }
                let name = Array(bytes[index..<end])
                tokens.append(follows(operandIn: tokens) ? .operatorName(name) : .name(name))
                index = end
            } else {
                return nil
            }
        }
        tokens.append(.end)
        return tokens
    }

    private static func punctuation(_ byte: UInt8, next: UInt8?) -> (XPathToken, Int)? {
        switch byte {
        case UInt8(ascii: "/"): return next == UInt8(ascii: "/") ? (.doubleSlash, 2) : (.slash, 1)
        case UInt8(ascii: "["): return (.leftBracket, 1)
        case UInt8(ascii: "]"): return (.rightBracket, 1)
        case UInt8(ascii: "("): return (.leftParen, 1)
        case UInt8(ascii: ")"): return (.rightParen, 1)
        case UInt8(ascii: "@"): return (.at, 1)
        case UInt8(ascii: ","): return (.comma, 1)
        case UInt8(ascii: "|"): return (.pipe, 1)
        case UInt8(ascii: "+"): return (.plus, 1)
        case UInt8(ascii: "-"): return (.minus, 1)
        case UInt8(ascii: "*"): return (.star, 1)
        case UInt8(ascii: "="): return (.equal, 1)
        case UInt8(ascii: "!"): return next == UInt8(ascii: "=") ? (.notEqual, 2) : nil
        case UInt8(ascii: "<"): return next == UInt8(ascii: "=") ? (.lessOrEqual, 2) : (.less, 1)
        case UInt8(ascii: ">"): return next == UInt8(ascii: "=") ? (.greaterOrEqual, 2) : (.greater, 1)
        case UInt8(ascii: ":"): return next == UInt8(ascii: ":") ? (.doubleColon, 2) : nil
        default: return nil
        }
    }

    /// XPath 1.0, 3.7: after a token that ends an operand, a name is an operator name.
    private static func follows(operandIn tokens: [XPathToken]) -> Bool {
        switch tokens.last {
        case .name, .literal, .number, .rightParen, .rightBracket, .dot, .dotDot, .star: true
        default: false
        }
    }

    private static func nameEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start
        while end < bytes.count, isNameStart(bytes[end]) || isDigit(bytes[end]) || bytes[end] == UInt8(ascii: "-")
            || bytes[end] == UInt8(ascii: ".")
        {
            end += 1
        }
        return end
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// ASCII letters, `_`, and any byte of a multi-byte UTF-8 character.
    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_") || byte >= 0x80
    }
}

/// Recursive descent over XPath 1.0's expression grammar (section 3), lowest precedence first.
struct XPathSubsetParser {
    private let tokens: [XPathToken]
    private var index = 0

    init(tokens: [XPathToken]) { self.tokens = tokens }

    var peek: XPathToken { tokens[index] }
    private var next: XPathToken { index + 1 < tokens.count ? tokens[index + 1] : .end }

    private mutating func take(_ token: XPathToken) -> Bool {
        guard peek == token else { return false }
        index += 1
        return true
    }

    mutating func expression() -> XPathSubset? { or() }

    private mutating func or() -> XPathSubset? {
        chain("or", of: { $0.and() }, XPathSubset.or)
    }

    private mutating func and() -> XPathSubset? {
        chain("and", of: { $0.equality() }, XPathSubset.and)
    }

    /// Operands joined by the operator name `word`, left to right.
    private mutating func chain(
        _ word: String, of operand: (inout Self) -> XPathSubset?, _ join: (XPathSubset, XPathSubset) -> XPathSubset
    ) -> XPathSubset? {
        guard var left = operand(&self) else { return nil }
        let token = XPathToken.operatorName(Array(word.utf8))
        while take(token) {
            guard let right = operand(&self) else { return nil }
            left = join(left, right)
        }
        return left
    }

    private mutating func equality() -> XPathSubset? {
        guard var left = relational() else { return nil }
        while peek == .equal || peek == .notEqual {
            let negated = peek == .notEqual
            index += 1
            guard let right = relational() else { return nil }
            left = .equal(left, right, negated: negated)
        }
        return left
    }

    private mutating func relational() -> XPathSubset? {
        guard var left = additive() else { return nil }
        while let relation = Self.relation(peek) {
            index += 1
            guard let right = additive() else { return nil }
            left = .relation(left, relation, right)
        }
        return left
    }

    private static func relation(_ token: XPathToken) -> XPathSubset.Relation? {
        switch token {
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        default: nil
        }
    }

    private mutating func additive() -> XPathSubset? {
        guard var left = unary() else { return nil }
        while peek == .plus || peek == .minus {
            let subtracting = peek == .minus
            index += 1
            guard let right = unary() else { return nil }
            left = .sum(left, right, subtracting: subtracting)
        }
        // `*`, `div` and `mod` are outside the subset.
        if peek == .star || peek == .operatorName(Array("div".utf8)) || peek == .operatorName(Array("mod".utf8)) { return nil }
        return left
    }

    private mutating func unary() -> XPathSubset? {
        if take(.minus) { return unary().map { .negative($0) } }
        return union()
    }

    private mutating func union() -> XPathSubset? {
        guard let first = pathOrPrimary() else { return nil }
        guard peek == .pipe else { return first }
        guard case .path(let firstPath) = first else { return nil }
        var paths = [firstPath]
        while take(.pipe) {
            guard case .path(let path) = pathOrPrimary() else { return nil }
            paths.append(path)
        }
        return .union(paths)
    }

    /// A location path, or a literal, number, function call or parenthesised expression
    /// (without predicates or steps after it: filter expressions are outside the subset).
    private mutating func pathOrPrimary() -> XPathSubset? {
        let primary: XPathSubset?
        switch peek {
        case .literal(let bytes):
            index += 1
            primary = .literal(CText(bytes))
        case .number(let value):
            index += 1
            primary = .number(value)
        case .leftParen:
            index += 1
            guard let inner = expression(), take(.rightParen) else { return nil }
            primary = inner
        case .name(let name) where next == .leftParen && !Self.isNodeType(name):
            primary = functionCall(name)
        default:
            return locationPath().map { .path($0) }
        }
        if peek == .leftBracket || peek == .slash || peek == .doubleSlash { return nil }
        return primary
    }

    private static func isNodeType(_ name: [UInt8]) -> Bool {
        name == Array("node".utf8) || name == Array("text".utf8) || name == Array("comment".utf8)
            || name == Array("processing-instruction".utf8)
    }

    private mutating func functionCall(_ name: [UInt8]) -> XPathSubset? {
        index += 2  // the name and `(`
        var arguments: [XPathSubset] = []
        if !take(.rightParen) {
            repeat {
                guard let argument = expression() else { return nil }
                arguments.append(argument)
            } while take(.comma)
            guard take(.rightParen) else { return nil }
        }
        switch (String(decoding: name, as: UTF8.self), arguments.count) {
        case ("not", 1): return .not(arguments[0])
        case ("boolean", 1): return .boolean(arguments[0])
        case ("count", 1):
            switch arguments[0] {
            case .path, .union: return .count(arguments[0])
            default: return nil
            }
        case ("number", 0): return .toNumber(nil)
        case ("number", 1): return .toNumber(arguments[0])
        case ("string", 0): return .toString(nil)
        case ("string", 1): return .toString(arguments[0])
        default: return nil
        }
    }

    // MARK: Location paths

    private mutating func locationPath() -> XPathSubset.Path? {
        var path = XPathSubset.Path(absolute: false, steps: [])
        if take(.slash) {
            path.absolute = true
            // `/` alone selects the document node.
            guard Self.startsStep(peek) else { return path }
        } else if take(.doubleSlash) {
            path.absolute = true
            path.steps.append(Self.descendantOrSelfNode)
        }
        guard let first = step() else { return nil }
        path.steps.append(first)
        while peek == .slash || peek == .doubleSlash {
            if peek == .doubleSlash { path.steps.append(Self.descendantOrSelfNode) }
            index += 1
            guard let next = step() else { return nil }
            path.steps.append(next)
        }
        return Self.merged(path)
    }

    private static var descendantOrSelfNode: XPathSubset.Step { XPathSubset.Step(axis: .descendantOrSelf, test: .node, predicates: []) }

    private static func startsStep(_ token: XPathToken) -> Bool {
        switch token {
        case .name, .at, .dot, .dotDot, .star: true
        default: false
        }
    }

    private mutating func step() -> XPathSubset.Step? {
        if take(.dot) { return XPathSubset.Step(axis: .selfNode, test: .node, predicates: []) }
        if take(.dotDot) { return XPathSubset.Step(axis: .parent, test: .node, predicates: []) }
        var axis = XPathSubset.Axis.child
        if take(.at) {
            axis = .attribute
        } else if case .name(let name) = peek, next == .doubleColon {
            guard let named = Self.axis(String(decoding: name, as: UTF8.self)) else { return nil }
            axis = named
            index += 2
        }
        guard let test = nodeTest() else { return nil }
        var predicates: [XPathSubset] = []
        while take(.leftBracket) {
            guard let predicate = expression(), take(.rightBracket) else { return nil }
            predicates.append(predicate)
        }
        return XPathSubset.Step(axis: axis, test: test, predicates: predicates)
    }

    private static func axis(_ name: String) -> XPathSubset.Axis? {
        switch name {
        case "child": .child
        case "attribute": .attribute
        case "parent": .parent
        case "self": .selfNode
        case "ancestor": .ancestor
        case "ancestor-or-self": .ancestorOrSelf
        case "descendant": .descendant
        case "descendant-or-self": .descendantOrSelf
        default: nil
        }
    }

    private mutating func nodeTest() -> XPathSubset.NodeTest? {
        guard case .name(let name) = peek else { return nil }
        index += 1
        if take(.leftParen) {
            guard take(.rightParen) else { return nil }
            if name == Array("text".utf8) { return .text }
            if name == Array("node".utf8) { return .node }
            return nil
        }
        guard let colon = name.firstIndex(of: UInt8(ascii: ":")) else { return .name(CText(name)) }
        // Only the `xml` prefix is bound without a namespace declaration.
        guard name[..<colon].elementsEqual("xml".utf8) else { return nil }
        return .xmlName(CText(name[(colon + 1)...]))
    }

    /// `descendant-or-self::node()/child::x` as `descendant::x` when the child step has no
    /// predicate (a predicate's positions would count differently): one walk, in document
    /// order.
    private static func merged(_ path: XPathSubset.Path) -> XPathSubset.Path {
        var steps: [XPathSubset.Step] = []
        for step in path.steps {
            if step.axis == .child, step.predicates.isEmpty, let last = steps.last, last.axis == .descendantOrSelf,
                case .node = last.test, last.predicates.isEmpty
            {
                steps[steps.count - 1] = XPathSubset.Step(axis: .descendant, test: step.test, predicates: [])
            } else {
                steps.append(step)
            }
        }
        return XPathSubset.Path(absolute: path.absolute, steps: steps)
    }
}
