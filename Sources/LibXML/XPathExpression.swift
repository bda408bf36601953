internal import CLibXML2

/// An XPath 1.0 expression compiled by libxml2 (`xmlXPathCompExpr`), freed in `deinit`.
///
/// Get one from an ``XPathCache``; evaluate it with ``XPathDocument``. Not `Sendable`: a
/// compiled expression belongs to the thread of its cache.
public final class XPathExpression {
    /// The expression as written.
    public let text: String
    /// Numbers the expressions of one cache from 0, in the order they were compiled, so that
    /// callers can keep results per expression in an array.
    public let serial: Int
    let compiled: OpaquePointer
    /// The project's own reading of the expression, when it is of the forms rulesets use:
    /// evaluated by walking the nodes, with libxml2's results (see ``XPathSubset``).
    let program: XPathProgram?

    fileprivate init(text: String, serial: Int, compiled: OpaquePointer) {
        self.text = text
        self.serial = serial
        self.compiled = compiled
        program = XPathSubset.parse(text).map(XPathProgram.init)
    }

    /// Whether the expression is evaluated without libxml2's XPath engine (for tests).
    package var isWalked: Bool { program != nil }

    deinit { xmlXPathFreeCompExpr(compiled) }
}

/// Compiled XPath expressions, compiled once each.
///
/// Share one cache between the documents a single thread evaluates; when it holds `capacity`
/// expressions it starts over (expressions already handed out stay valid). Not `Sendable`.
public final class XPathCache {
    /// How many compiled expressions are kept at most.
    public let capacity: Int
    private var expressions: [String: XPathExpression] = [:]
    private var compiledCount = 0
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
        expressions.removeAll()
        if let compileContext { xmlXPathFreeContext(compileContext) }
    }

    /// How many expressions are compiled now.
    public var count: Int { expressions.count }

    /// Whether documents using this cache evaluate expressions of the subset by walking the
    /// nodes (``XPathSubset``); off, libxml2 evaluates everything (for tests that compare).
    package var walksSubset = true

    /// Compiles `expression` (or finds it compiled), to check its syntax early.
    /// - Throws: the syntax error, naming the expression and where in it the problem is.
    public func compile(_ expression: String) throws(XMLError) {
        _ = try self.expression(expression, file: "<xpath>")
    }

    /// The compiled form of `text`, compiled on first use.
    /// - Parameter file: labels the error.
    /// - Throws: the syntax error, naming the expression and where in it the problem is.
    public func expression(_ text: String, file: String = "<xpath>") throws(XMLError) -> XPathExpression {
        if let found = expressions[text] { return found }
        guard let compileContext else {
            throw XMLError(level: .fatal, file: file, message: "cannot create an XPath context (out of memory?)")
        }
        errors.reset()
        var compiled: OpaquePointer?
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "@") }) {
            // libxml2 compiles such an expression (`sector`, `//title`) as a pattern it
            // evaluates by streaming over every node below the context; in parentheses, which
            // change nothing else, it gets the ordinary evaluation, which reads only the
            // nodes the steps reach. A syntax error is reported on the expression as written.
            compiled = xmlXPathCtxtCompile(compileContext, "(\(text))")
            if compiled == nil || errors.first != nil {
                if let compiled { xmlXPathFreeCompExpr(compiled) }
                compiled = nil
                errors.reset()
            }
        }
        if compiled == nil { compiled = xmlXPathCtxtCompile(compileContext, text) }
        if let failure = errors.first {
            if let compiled { xmlXPathFreeCompExpr(compiled) }
            throw XMLError(level: .error, code: failure.code, file: file, message: failure.describe(text))
        }
        guard let compiled else {
            throw XMLError(level: .error, file: file, message: "XPath \"\(text)\": cannot compile")
        }
        if expressions.count >= capacity { expressions.removeAll(keepingCapacity: true) }
        let expression = XPathExpression(text: text, serial: compiledCount, compiled: compiled)
        compiledCount += 1
        expressions[text] = expression
        return expression
    }
}

// MARK: - Errors

/// One XPath error copied out of libxml2's `xmlError` (domain `XML_FROM_XPATH`).
struct XPathFailure {
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
final class XPathErrorSink {
    /// Reset and read on every evaluation, on the document's one thread: no run-time
    /// exclusivity checks (no access overlaps another).
    @exclusivity(unchecked) private(set) var failures: [XPathFailure] = []

    var first: XPathFailure? { failures.first }

    func reset() {
        if !failures.isEmpty { failures.removeAll(keepingCapacity: true) }
    }

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
