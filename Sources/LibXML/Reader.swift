internal import CLibXML2

/// The start tag of an element the reader is positioned on.
public struct ElementStart: Sendable, Hashable {
    public var name: String
    public var namespace: String?
    public var prefix: String?
    public var attributes: [Attribute]
    /// `xmlns` declarations made on this element: prefix (`nil` for the default) and URI.
    public var namespaceDeclarations: [NamespaceDeclaration]
    /// 0 for the root element.
    public var depth: Int
    public var line: Int
    public var isEmpty: Bool
    /// Where the start tag's `<` is: its line (before ``line``, where a tag spanning lines
    /// ends) and column; the column is 0 when unknown.
    public var position: SourcePosition = .unknown
}

/// One `xmlns` or `xmlns:prefix` declaration.
public struct NamespaceDeclaration: Sendable, Hashable {
    public var prefix: String?
    public var uri: String
    public init(prefix: String?, uri: String) {
        self.prefix = prefix
        self.uri = uri
    }
}

/// A streaming XML reader over libxml2's push parser.
///
/// It walks start tags in document order; at any element, ``expand()`` copies that element's
/// whole subtree into a ``Node`` and moves past it, and ``detach()`` hands the subtree itself
/// out (to be read on another thread). libxml2 builds the tree of the element being read; each
/// child of the root is freed as soon as the reader has moved past it (a detached one once its
/// ``XMLSubtree`` is gone), so memory holds a few subtrees (and one input chunk) at a time,
/// whatever the size of the file.
///
/// Line numbers are the parser's own, exact past 65,535 (libxml2 2.9 stores at most 65,535 in
/// a node; the reader records the real line as each element starts). Errors come back per
/// reader through the parser context's structured error handler.
///
/// Not `Sendable`: one reader belongs to one thread.
public final class XMLReader {
    /// The input's name, used in every error.
    public let name: String
    /// Warnings and non-fatal errors seen so far, in order.
    public private(set) var diagnostics: [XMLError] = []

    private let document: ParserDocument
    private var parser: xmlParserCtxtPtr { document.parser }
    private let input: InputContext
    private let state: ParseState
    private var feeder = ChunkFeeder()
    private var finished: Bool { feeder.finished }
    /// What stopped the parse, thrown once the events before it are handed out.
    private var failure: XMLError?
    /// The element the last `nextElement()` returned.
    private var current: (node: xmlNodePtr, depth: Int)?
    private let copier = XMLNodeCopier()

    /// Reads the file at `path` (`-` for standard input); gzip input is decompressed.
    public convenience init(path: String, options: ParseOptions = .default) throws(XMLError) {
        try self.init(name: path, source: FileSource(path: path), options: options)
    }

    /// Reads from any byte source; `name` labels errors.
    public init(name: String, source: any ByteSource, options: ParseOptions = .default) throws(XMLError) {
        LibXML2Runtime.ensure()
        self.name = name
        self.input = InputContext(source: source, name: name)
        self.state = ParseState(file: name)
        guard let parser = name.withCString({ xmlCreatePushParserCtxt(nil, nil, nil, 0, $0) }) else {
            throw XMLError(level: .fatal, file: name, message: "cannot create an XML parser (out of memory?)")
        }
        self.document = ParserDocument(parser: parser)
        copier.use(document)
        _ = xmlCtxtUseOptions(parser, options.flags | Int32(XML_PARSE_NOBLANKS.rawValue))
        parser.pointee._private = Unmanaged.passUnretained(state).toOpaque()
        if let sax = parser.pointee.sax {
            sax.pointee.startElementNs = { context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes in
                xmlSAX2StartElementNs(context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes)
                guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self),
                    let state = ParseState.of(parser), let node = parser.pointee.node
                else { return }
                // libxml2 2.9 keeps at most 65,535 in `line`: the real line is recorded.
                setElementLine(node, Int(parser.pointee.input?.pointee.line ?? 0))
                let count = Int(max(0, attributeCount - defaulted))
                state.positions.startElement(node, depth: state.depth, parser: parser, attributes: attributes, count: count)
                state.events.append(Event(node: node, depth: state.depth, isStart: true))
                state.depth += 1
            }
            sax.pointee.endElementNs = { context, localName, prefix, uri in
                if let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self),
                    let state = ParseState.of(parser), let node = parser.pointee.node
                {
                    state.depth -= 1
                    state.events.append(Event(node: node, depth: state.depth, isStart: false))
                    state.positions.endElement(depth: state.depth, parser: parser)
                }
                xmlSAX2EndElementNs(context, localName, prefix, uri)
            }
            // Text and CDATA as libxml2 adds them, noting where each new text node starts; what
            // else ends a text is noted so that the next one is not placed after it.
            sax.pointee.characters = { context, characters, count in
                addText(context, characters, count, inInput: true)
            }
            sax.pointee.cdataBlock = { context, characters, count in
                let (parser, parent) = textParent(context)
                let before = parent?.pointee.last
                xmlSAX2CDataBlock(context, characters, count)
                if let parser { ParseState.of(parser)?.positions.text(parser, nil, count: Int(count), parent: parent, before: before) }
            }
            sax.pointee.ignorableWhitespace = { context, _, _ in otherContent(context) }
            sax.pointee.comment = { context, text in
                xmlSAX2Comment(context, text)
                otherContent(context)
            }
            sax.pointee.processingInstruction = { context, target, data in
                xmlSAX2ProcessingInstruction(context, target, data)
                otherContent(context)
            }
            // An internal entity of plain text is added as text (as a parser that replaces
            // entities would), so that rules and checks that read text see it; one with markup
            // or references stays a reference. Both count against the expansion limit.
            sax.pointee.reference = { context, name in
                if let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let state = ParseState.of(parser), let name,
                    let entity = xmlGetDocEntity(parser.pointee.myDoc, name), entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY
                {
                    guard state.errors.allowsExpansion(parser, of: entity) else { return }
                    if let content = entity.pointee.content, isPlainText(content, count: Int(entity.pointee.length)) {
                        addText(context, content, entity.pointee.length, inInput: false)
                        return
                    }
                }
                xmlSAX2Reference(context, name)
                otherContent(context)
            }
            sax.pointee.getEntity = { context, name in
                guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self) else { return nil }
                return internalEntity(parser, name, errors: ParseState.of(parser)?.errors)
            }
            sax.pointee.getParameterEntity = { context, name in
                guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self) else { return nil }
                return parameterEntity(parser, name, errors: ParseState.of(parser)?.errors)
            }
            sax.pointee.externalSubset = { context, name, externalID, systemID in
                guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self) else { return }
                ParseState.of(parser)?.errors.externalSubsetNotLoaded(parser, name: name, systemID: systemID)
            }
            sax.pointee.serror = { context, error in
                guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let error,
                    let state = ParseState.of(parser)
                else { return }
                state.errors.record(error.pointee)
            }
            sax.pointee.initialized = XML_SAX2_MAGIC
        }
    }

    deinit {
        // The document itself goes when the last subtree detached from it does.
        document.parsingEnded()
    }

    /// The line the parser has reached (where a parse error was found, for instance).
    public var currentLine: Int { Int(parser.pointee.input?.pointee.line ?? 0) }

    /// Bytes consumed from the input so far, for progress reports.
    public var bytesRead: Int { input.bytesRead }

    /// Moves to the next start tag in document order and describes it; `nil` at the end.
    /// - Throws: the first fatal or error-level problem libxml2 reports (not well-formed,
    ///   undeclared prefix, encoding error, unreadable input), with line and column.
    public func nextElement() throws(XMLError) -> ElementStart? {
        while true {
            guard let event = try nextEvent() else {
                current = nil
                return nil
            }
            if event.isStart {
                current = (event.node, event.depth)
                let node = event.node
                let positions = state.positions.table(for: node)
                return ElementStart(
                    name: copier.name(node.pointee.name),
                    namespace: swiftString(node.pointee.ns?.pointee.href),
                    prefix: swiftString(node.pointee.ns?.pointee.prefix),
                    attributes: copier.attributes(of: node, positions: positions),
                    namespaceDeclarations: declarations(of: node),
                    depth: event.depth,
                    line: elementLine(node),
                    isEmpty: node.pointee.children == nil && state.events.first.map { !$0.isStart && $0.node == node } == true,
                    position: positions?.position(of: UnsafeRawPointer(node)) ?? SourcePosition(line: elementLine(node), column: 0))
            }
            release(event)
        }
    }

    /// Copies the element the reader stands on, with everything inside it, and moves past it.
    /// - Throws: a parse error met inside the subtree.
    public func expand() throws(XMLError) -> Node {
        guard let current else {
            throw XMLError(level: .fatal, file: name, line: currentLine, message: "expand() needs an element: call nextElement() first")
        }
        try parseUntilEnd(of: current.node)
        let copy = copier.node(current.node, in: document)
        try skip()
        return copy
    }

    /// Takes the element the reader stands on, with everything inside it, out of the reader's
    /// document without copying it, and moves past it. The subtree can be read on another
    /// thread while the reader goes on; it is freed (by the reader) once it is gone.
    /// - Throws: a parse error met inside the subtree.
    public func detach() throws(XMLError) -> XMLSubtree {
        guard let current else {
            throw XMLError(level: .fatal, file: name, line: currentLine, message: "detach() needs an element: call nextElement() first")
        }
        try parseUntilEnd(of: current.node)
        dropEvents(through: current.node)
        let node = current.node
        // What came before it (comments) goes now; the element leaves the document's tree.
        if let parent = node.pointee.parent {
            while let first = parent.pointee.children, first != node {
                state.positions.forget(first)
                xmlUnlinkNode(first)
                xmlFreeNode(first)
            }
        }
        xmlUnlinkNode(node)
        self.current = nil
        return XMLSubtree(node: node, owner: document, positions: state.positions.take(node))
    }

    /// Moves past the element the reader stands on without copying it.
    public func skip() throws(XMLError) {
        guard let current else { return }
        try parseUntilEnd(of: current.node)
        if let end = dropEvents(through: current.node) { release(end) }
        self.current = nil
    }

    /// Drops the queued events up to the end of `node`; returns that end event.
    @discardableResult
    private func dropEvents(through node: xmlNodePtr) -> Event? {
        while let event = state.events.first {
            state.events.removeFirst()
            if !event.isStart && event.node == node { return event }
        }
        return nil
    }

    // MARK: - Parsing

    /// The next event, parsing more input when none is queued; `nil` at the end.
    private func nextEvent() throws(XMLError) -> Event? {
        while state.events.isEmpty {
            if let failure { throw failure }
            guard !finished else { return nil }
            try parseChunk()
        }
        return state.events.removeFirst()
    }

    private func parseUntilEnd(of node: xmlNodePtr) throws(XMLError) {
        while !state.events.contains(where: { !$0.isStart && $0.node == node }) {
            if let failure { throw failure }
            guard !finished else {
                throw XMLError(level: .fatal, file: name, line: currentLine, message: "the document ended inside <\(copier.name(node.pointee.name))>")
            }
            try parseChunk()
        }
    }

    /// Feeds the parser one chunk of input (or the end of input).
    /// - Throws: what stopped the parse, once no event before it is left to hand out: every
    ///   child of the root that ends before the error is read, whatever the chunk holds, as
    ///   with the SAX reader. Input that is not XML at all (a web page) fails at once.
    private func parseChunk() throws(XMLError) {
        document.freeRetired()
        do throws(XMLError) {
            try feeder.feed(parser, from: input, errors: state.errors, diagnostics: &diagnostics)
        } catch {
            guard error.inputKind == nil, state.events.contains(where: { !$0.isStart && $0.depth == 1 }) else { throw error }
            failure = error
            return
        }
        if finished && parser.pointee.myDoc?.pointee.children == nil && state.events.isEmpty {
            throw input.naming(XMLError(level: .fatal, code: 4, file: name, line: max(currentLine, 1), column: 1, message: "Document is empty"))
        }
    }

    /// After the reader has moved past the end of a child of the root, frees that child and
    /// whatever came before it (white space, comments): nothing refers to them any more.
    private func release(_ event: Event) {
        guard !event.isStart, event.depth == 1, let parent = event.node.pointee.parent else { return }
        while let first = parent.pointee.children {
            state.positions.forget(first)
            xmlUnlinkNode(first)
            xmlFreeNode(first)
            if first == event.node { break }
        }
    }

    private func declarations(of node: xmlNodePtr) -> [NamespaceDeclaration] {
        var result: [NamespaceDeclaration] = []
        var ns = node.pointee.nsDef
        while let current = ns {
            result.append(NamespaceDeclaration(prefix: swiftString(current.pointee.prefix), uri: swiftString(current.pointee.href) ?? ""))
            ns = current.pointee.next
        }
        return result
    }
}

/// A start or end tag the parser has seen and the reader has not yet handed out.
private struct Event {
    var node: xmlNodePtr
    var depth: Int
    var isStart: Bool
}

/// What the SAX callbacks share with the reader, reachable from the parser context.
private final class ParseState {
    // Reached from every SAX callback and every step of the reader, on the reader's thread:
    // no run-time exclusivity checks (no access overlaps another).
    @exclusivity(unchecked) var events: Deque<Event> = Deque()
    @exclusivity(unchecked) var depth = 0
    let errors: ErrorSink
    let positions = ReaderPositions()

    init(file: String) { errors = ErrorSink(file: file) }

    static func of(_ parser: xmlParserCtxtPtr) -> ParseState? {
        parser.pointee._private.map { Unmanaged<ParseState>.fromOpaque($0).takeUnretainedValue() }
    }
}

/// The parser and the element text would be added to, from a SAX callback's context.
private func textParent(_ context: UnsafeMutableRawPointer?) -> (xmlParserCtxtPtr?, xmlNodePtr?) {
    let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self)
    return (parser, parser?.pointee.node)
}

/// Adds text as libxml2's tree builder does, noting where a new text node starts: read off
/// the input when `text` lies in it (`inInput`), else unknown (an entity's replacement text).
private func addText(_ context: UnsafeMutableRawPointer?, _ text: UnsafePointer<xmlChar>?, _ count: Int32, inInput: Bool) {
    let (parser, parent) = textParent(context)
    let before = parent?.pointee.last
    xmlSAX2Characters(context, text, count)
    if let parser { ParseState.of(parser)?.positions.text(parser, inInput ? text : nil, count: Int(count), parent: parent, before: before) }
}

/// Whether an entity's replacement text is text alone: no markup, no reference.
private func isPlainText(_ content: UnsafePointer<xmlChar>, count: Int) -> Bool {
    !UnsafeBufferPointer(start: content, count: count).contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }
}

/// Content that is not text was read (see ``ReaderPositions/otherContent()``).
private func otherContent(_ context: UnsafeMutableRawPointer?) {
    guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self) else { return }
    ParseState.of(parser)?.positions.otherContent()
}

/// A queue with O(1) removal at the front.
private struct Deque<Element> {
    private var storage: [Element] = []
    private var head = 0

    var isEmpty: Bool { head == storage.count }
    var first: Element? { isEmpty ? nil : storage[head] }

    mutating func append(_ element: Element) { storage.append(element) }

    @discardableResult
    mutating func removeFirst() -> Element {
        let element = storage[head]
        head += 1
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        }
        return element
    }

    func contains(where predicate: (Element) -> Bool) -> Bool {
        storage[head...].contains(where: predicate)
    }
}

/// The byte source and what reading it cost, reachable from libxml2's input callbacks (the
/// reader's and the schema validator's).
final class InputContext {
    /// The source, read through a peek at its first bytes (one wrapper: a source already
    /// sniffed is reused).
    let source: SniffingSource
    let name: String
    var bytesRead = 0
    var failure: XMLError?

    init(source: any ByteSource, name: String) {
        self.source = SniffingSource.wrapping(source)
        self.name = name
    }

    /// `error` with the input named when its first bytes tell what it is (a PDF, an empty
    /// file, an HTML page): what both readers throw instead of libxml2's words.
    func naming(_ error: XMLError) -> XMLError {
        InputKind.naming(error, head: source.peekedBytes)
    }

    /// Fills `chunk` from the source; the count, 0 at the end, -1 on failure (see `failure`).
    func read(_ chunk: inout [CChar]) -> Int {
        chunk.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return Int(read(base.assumingMemoryBound(to: CChar.self), buffer.count))
        }
    }

    func read(_ buffer: UnsafeMutablePointer<CChar>, _ length: Int) -> Int32 {
        do {
            let count = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: length))
            bytesRead += count
            return Int32(count)
        } catch let error as XMLError {
            failure = error
            return -1
        } catch {
            failure = XMLError(level: .fatal, file: name, message: "cannot read: \(error)")
            return -1
        }
    }
}

/// Feeds a push parser its input, one chunk at a time, and turns what libxml2 reports into
/// thrown errors and diagnostics: the part both readers share.
struct ChunkFeeder {
    private var chunk = [CChar](repeating: 0, count: 1 << 16)
    /// Whether the end of input was fed, or the parse failed.
    private(set) var finished = false

    /// Feeds one chunk (or the end of input); warnings go to `diagnostics`.
    /// - Throws: the input's failure, the first error-level problem libxml2 reports, or a
    ///   parser that stopped on input that is not well-formed.
    mutating func feed(_ parser: xmlParserCtxtPtr, from input: InputContext, errors: ErrorSink, diagnostics: inout [XMLError]) throws(XMLError) {
        let count = input.read(&chunk)
        if let failure = input.failure { throw failure }
        let status = chunk.withUnsafeBufferPointer { buffer in
            xmlParseChunk(parser, buffer.baseAddress, Int32(max(count, 0)), count <= 0 ? 1 : 0)
        }
        if count <= 0 { finished = true }
        for error in errors.drain() {
            if error.level >= .error {
                finished = true
                throw input.naming(error)
            }
            diagnostics.append(error)
        }
        if status != 0 && parser.pointee.wellFormed == 0 {
            finished = true
            throw input.naming(XMLError(
                level: .fatal, file: input.name, line: Int(parser.pointee.input?.pointee.line ?? 0),
                message: "the XML parser stopped (not well-formed input)"))
        }
    }
}

/// Collects libxml2's structured errors for one parse or validation.
final class ErrorSink {
    let file: String
    private var pending: [XMLError] = []
    /// What was reported as not loaded (see `notLoaded`), so that a reference is reported once.
    var refused: Set<String> = []
    /// Bytes of text the document's internal entity references added (see `allowsExpansion`).
    var expanded = 0

    init(file: String) { self.file = file }

    func record(_ error: xmlError) {
        let level: XMLError.Level =
            switch error.level {
            case XML_ERR_FATAL: .fatal
            case XML_ERR_ERROR: .error
            default: .warning
            }
        var message = swiftString(UnsafePointer(error.message.map { UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self) })) ?? "unknown error"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        pending.append(XMLError(
            level: level, code: Int(error.code), file: file,
            line: Int(error.line), column: Int(error.int2), message: message))
    }

    func pendingWarning(_ warning: XMLError) { pending.append(warning) }

    func drain() -> [XMLError] {
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }
}
