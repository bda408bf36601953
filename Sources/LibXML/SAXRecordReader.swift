internal import CLibXML2

/// A streaming reader over libxml2's SAX2 callbacks that builds no libxml2 tree: the root's
/// start tag, then each child of the root with its subtree as a compact ``RawRecord``.
///
/// Names are interned once per input (libxml2 hands the same pointer for the same name), so
/// an element costs a table lookup, its attributes and text a copy into the record's buffer.
/// Parse options, refused external entities, exact lines and errors are those of
/// ``XMLReader``: the same input gives the same content and the same errors.
///
/// Not `Sendable`: one reader belongs to one thread; the records it returns are values that
/// may go to any thread.
public final class SAXRecordReader {
    /// The input's name, used in every error.
    public let name: String
    /// Warnings and non-fatal errors seen so far, in order.
    public private(set) var diagnostics: [XMLError] = []

    private let parser: xmlParserCtxtPtr
    private let input: InputContext
    private let state: SAXState
    private var feeder = ChunkFeeder()
    private var finished: Bool { feeder.finished }
    /// What stopped the parse, thrown once the records completed before it are handed out.
    private var failure: XMLError?

    /// Reads from any byte source; `name` labels errors.
    /// - Parameter keepsUnicodeForm: leaves decomposed text as written; by default it is put
    ///   in composed form (NFC) and counted in each record's ``RawRecord/normalisedTexts``.
    public init(name: String, source: any ByteSource, options: ParseOptions = .default, keepsUnicodeForm: Bool = false) throws(XMLError) {
        LibXML2Runtime.ensure()
        self.name = name
        self.input = InputContext(source: source, name: name)
        self.state = SAXState(file: name)
        state.build.pointee.normalisesText = !keepsUnicodeForm
        var handler = xmlSAXHandler()
        xmlSAXVersion(&handler, 2)
        handler.startElementNs = saxStartElement
        handler.endElementNs = saxEndElement
        handler.characters = saxCharacters
        handler.cdataBlock = saxCharacters
        handler.ignorableWhitespace = { _, _, _ in }
        handler.reference = saxReference
        // Comments and processing instructions are not kept, but they are children for the
        // white space rules (see `isIgnorableBlank`).
        handler.comment = { context, _ in saxOtherChild(context) }
        handler.processingInstruction = { context, _, _ in saxOtherChild(context) }
        handler.getEntity = { context, name in
            guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self) else { return nil }
            return internalEntity(parser, name, errors: SAXState.of(parser)?.errors)
        }
        handler.getParameterEntity = { context, name in
            guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self) else { return nil }
            return parameterEntity(parser, name, errors: SAXState.of(parser)?.errors)
        }
        handler.externalSubset = { context, name, externalID, systemID in
            guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self) else { return }
            SAXState.of(parser)?.errors.externalSubsetNotLoaded(parser, name: name, systemID: systemID)
        }
        handler.serror = { context, error in
            guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let error,
                let state = SAXState.of(parser)
            else { return }
            state.errors.record(error.pointee)
        }
        guard let parser = name.withCString({ xmlCreatePushParserCtxt(&handler, nil, nil, 0, $0) }) else {
            throw XMLError(level: .fatal, file: name, message: "cannot create an XML parser (out of memory?)")
        }
        self.parser = parser
        _ = xmlCtxtUseOptions(parser, options.flags | Int32(XML_PARSE_NOBLANKS.rawValue))
        parser.pointee._private = Unmanaged.passUnretained(state).toOpaque()
        state.build.pointee.parser = parser
    }

    deinit {
        if let document = parser.pointee.myDoc {
            xmlFreeDoc(document)
            parser.pointee.myDoc = nil
        }
        xmlFreeParserCtxt(parser)
    }

    /// Bytes consumed from the input so far, for progress reports.
    public var bytesRead: Int { input.bytesRead }

    /// The line the parser has reached.
    public var currentLine: Int { Int(parser.pointee.input?.pointee.line ?? 0) }

    /// The root element's start tag; `nil` when the input holds no element.
    /// - Throws: the first fatal or error-level problem libxml2 reports.
    public func root() throws(XMLError) -> ElementStart? {
        while state.build.pointee.root == nil && !finished { try parseChunk() }
        return state.build.pointee.root
    }

    /// The next child of the root with its subtree; `nil` at the end of the document.
    /// - Throws: the first fatal or error-level problem libxml2 reports, once the records
    ///   complete before it have been returned.
    public func next() throws(XMLError) -> RawRecord? {
        while state.build.pointee.completed.isEmpty {
            if let failure { throw failure }
            guard !finished else {
                if let open = state.build.pointee.openElementName() {
                    throw XMLError(level: .fatal, file: name, line: currentLine, message: "the document ended inside <\(open)>")
                }
                return nil
            }
            try parseChunk()
        }
        return state.build.pointee.completed.removeFirst()
    }

    /// Feeds the parser one chunk of input (or the end of input).
    /// - Throws: what stopped the parse, once no record completed before it is left to hand
    ///   out (they come first, as with the tree reader: whatever a chunk holds, every record
    ///   that ends before the error is read). Input that is not XML at all (a web page) fails
    ///   at once.
    private func parseChunk() throws(XMLError) {
        do throws(XMLError) {
            try feeder.feed(parser, from: input, errors: state.errors, diagnostics: &diagnostics)
        } catch {
            guard error.inputKind == nil, !state.build.pointee.completed.isEmpty else { throw error }
            failure = error
            return
        }
        if finished && state.build.pointee.root == nil {
            throw input.naming(XMLError(level: .fatal, code: 4, file: name, line: max(currentLine, 1), column: 1, message: "Document is empty"))
        }
    }
}

// MARK: - The SAX callbacks

/// What the callbacks share with the reader, reachable from the parser context. The state
/// they build lives behind a pointer this object owns: a struct reached through a pointer
/// has no run-time exclusivity checks on the hot path (one element, one callback).
private final class SAXState {
    let errors: ErrorSink
    let build: UnsafeMutablePointer<RecordBuild>

    init(file: String) {
        errors = ErrorSink(file: file)
        build = .allocate(capacity: 1)
        build.initialize(to: RecordBuild())
    }

    deinit {
        build.deinitialize(count: 1)
        build.deallocate()
    }

    static func of(_ parser: xmlParserCtxtPtr) -> SAXState? {
        parser.pointee._private.map { Unmanaged<SAXState>.fromOpaque($0).takeUnretainedValue() }
    }
}

/// The record being built and the records complete.
private struct RecordBuild {
    var root: ElementStart?
    var depth = 0
    var record = RawRecord()
    /// Open elements of the record being built, innermost last.
    var open: [OpenElement] = []
    var completed: [RawRecord] = []
    var names = NameInterner()
    /// Whether completed records have their text put in composed form (NFC).
    var normalisesText = true
    /// The document's parser: text reported through another (libxml2 parses an internal
    /// entity's text in a context of its own) is an entity's.
    var parser: xmlParserCtxtPtr?
    /// Whether the text of the entity being referenced came as characters (libxml2 2.9
    /// parses it again at each reference when it builds no tree), so that the reference
    /// itself adds nothing.
    var entityTextCame = false

    /// The name of the innermost open element, if any.
    func openElementName() -> String? {
        guard let last = open.last else { return root == nil || depth == 0 ? nil : root?.name }
        return names.local(of: record.elements[Int(last.index)].name)
    }

    mutating func name(local: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?) -> Int32 {
        var added: (name: XMLName, id: Int32)?
        let id = names.id(local: local, prefix: prefix, uri: uri) { added = ($0, $1) }
        if let added {
            if record.newNames.isEmpty { record.firstNewName = added.id }
            record.newNames.append(added.name)
        }
        return id
    }

    mutating func appendText(_ text: UnsafePointer<xmlChar>, _ length: Int) {
        guard let top = open.indices.last, length > 0 else { return }
        if open[top].kinds.elements == 0 { open[top].kinds.firstIsText = true }
        open[top].kinds.lastIsText = true
        let index = Int(open[top].index)
        let element = record.elements[index]
        let start = Int32(record.bytes.count)
        record.bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: length))
        if element.textCount == 0 && open[top].morePieces.isEmpty {
            record.elements[index].textStart = start
            record.elements[index].textCount = Int32(length)
        } else if open[top].morePieces.isEmpty && element.textStart + element.textCount == start {
            record.elements[index].textCount += Int32(length)
        } else {
            // Text resumed after a child: joined when the element ends.
            open[top].morePieces.append((start, Int32(length)))
        }
    }

    /// A child that is not text (an element, comment or processing instruction) starts in the
    /// innermost open element.
    mutating func noteOtherChild() {
        guard let top = open.indices.last else { return }
        open[top].textRun = 0
        open[top].kinds.elements += 1
        open[top].kinds.lastIsText = false
    }

    /// Joins the text of an element whose text came in pieces around its children.
    mutating func joinPieces(of index: Int, _ pieces: [(Int32, Int32)]) {
        guard !pieces.isEmpty else { return }
        let element = record.elements[index]
        // Gathered apart first: appending a slice of the buffer to itself would copy it whole.
        var joined = [UInt8](record.bytes[Int(element.textStart)..<Int(element.textStart + element.textCount)])
        for (pieceStart, count) in pieces { joined += record.bytes[Int(pieceStart)..<Int(pieceStart + count)] }
        let start = record.bytes.count
        record.bytes += joined
        record.elements[index].textStart = Int32(start)
        record.elements[index].textCount = Int32(record.bytes.count - start)
    }
}

/// An element of the record being built that has not ended yet.
private struct OpenElement {
    var index: Int32
    /// Text that came after one of its children (rarely any), joined when it ends.
    var morePieces: [(Int32, Int32)] = []
    /// What the tree builder would hold as its first and last child.
    var kinds = ChildKinds()
    /// Bytes of the text run now growing (the tree builder's last text node).
    var textRun = 0
}

private func saxStartElement(
    _ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?, _ namespaceCount: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
    _ attributeCount: Int32, _ defaulted: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
    guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let state = SAXState.of(parser)?.build else { return }
    let line = Int(parser.pointee.input?.pointee.line ?? 0)
    if state.pointee.depth > maximumDepth, !liftsLimits(parser) {
        stop(parser, code: Int(XML_ERR_INTERNAL_ERROR.rawValue), message: "Excessive depth in document: \(maximumDepth) use XML_PARSE_HUGE option")
        return
    }
    defer { state.pointee.depth += 1 }
    if state.pointee.depth == 0 {
        state.pointee.root = rootStart(localName, prefix, uri, namespaceCount, namespaces, attributeCount, attributes, line: line, parser: parser)
        return
    }
    if state.pointee.depth == 1 {
        state.pointee.record = RawRecord()
        state.pointee.open.removeAll(keepingCapacity: true)
    }
    state.pointee.noteOtherChild()
    let index = Int32(state.pointee.record.elements.count)
    let attributeStart = Int32(state.pointee.record.attributes.count)
    for position in 0..<Int(max(attributeCount, 0)) {
        guard let attributes else { break }
        let base = position * 5
        let id = state.pointee.name(local: attributes[base], prefix: attributes[base + 1], uri: attributes[base + 2])
        let start = Int32(state.pointee.record.bytes.count)
        if let value = attributes[base + 3], let end = attributes[base + 4] {
            appendAttributeValue(value, count: end - value, parser: parser, into: &state.pointee.record.bytes)
        }
        state.pointee.record.attributes.append(RawAttribute(name: id, valueStart: start, valueCount: Int32(state.pointee.record.bytes.count) - start))
    }
    state.pointee.record.elements.append(RawElement(
        name: state.pointee.name(local: localName, prefix: prefix, uri: uri), parent: state.pointee.open.last?.index ?? -1, end: index + 1,
        line: Int32(clamping: line), attributeStart: attributeStart,
        attributeCount: Int32(state.pointee.record.attributes.count) - attributeStart, textStart: 0, textCount: 0))
    state.pointee.open.append(OpenElement(index: index))
}

/// The most elements open at once, as libxml2's tree builder allows them without
/// `XML_PARSE_HUGE`; the SAX parser alone does not count them, and records nested deeper
/// would only be walked by recursion.
private let maximumDepth = 256

/// The longest text node libxml2's tree builder takes without `XML_PARSE_HUGE`
/// (`XML_MAX_TEXT_LENGTH`).
private let maximumTextLength = 10_000_000

/// Whether the parse runs with `XML_PARSE_HUGE`, which lifts ``maximumDepth`` and
/// ``maximumTextLength``.
private func liftsLimits(_ parser: xmlParserCtxtPtr) -> Bool {
    parser.pointee.options & Int32(XML_PARSE_HUGE.rawValue) != 0
}

/// Stops the parse with a fatal error at the parser's position, in the words libxml2's tree
/// builder uses for the same limit, so that every command says the same.
private func stop(_ parser: xmlParserCtxtPtr, code: Int, message: String) {
    guard let errors = SAXState.of(parser)?.errors else { return }
    errors.pendingWarning(XMLError(
        level: .fatal, code: code, file: errors.file, line: Int(parser.pointee.input?.pointee.line ?? 0),
        column: Int(parser.pointee.input?.pointee.col ?? 0), message: message))
    xmlStopParser(parser)
}

private func saxEndElement(
    _ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?
) {
    guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let state = SAXState.of(parser)?.build else { return }
    state.pointee.depth -= 1
    guard state.pointee.depth >= 1, let closing = state.pointee.open.popLast() else { return }
    let index = closing.index
    state.pointee.joinPieces(of: Int(index), closing.morePieces)
    state.pointee.record.elements[Int(index)].end = Int32(state.pointee.record.elements.count)
    if state.pointee.depth == 1 {
        if state.pointee.normalisesText, state.pointee.record.mayHoldDecomposedText { state.pointee.record.normaliseToNFC() }
        state.pointee.completed.append(state.pointee.record)
        state.pointee.record = RawRecord()
    }
}

private func saxCharacters(_ context: UnsafeMutableRawPointer?, _ text: UnsafePointer<xmlChar>?, _ length: Int32) {
    guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let state = SAXState.of(parser)?.build, let text,
        let kinds = state.pointee.open.last?.kinds
    else { return }
    if parser != state.pointee.parser || parser.pointee.inputNr > 1 { state.pointee.entityTextCame = true }
    if isIgnorableBlank(text, Int(length), kinds: kinds, parser: parser) { return }
    // The tree builder's bound on one text node, refused alike.
    let top = state.pointee.open.count - 1
    state.pointee.open[top].textRun += Int(length)
    if state.pointee.open[top].textRun > maximumTextLength, !liftsLimits(parser) {
        stop(parser, code: Int(XML_ERR_NO_MEMORY.rawValue), message: "xmlSAX2Characters: huge text node")
        return
    }
    if !kinds.sawMixedText, text[0] == 0x20 || text[0] == 0x09 || text[0] == 0x0A || text[0] == 0x0D || text[0] >= 0x80 {
        state.pointee.open[top].kinds.sawMixedText = true
    }
    state.pointee.appendText(text, Int(length))
}

/// What an element has held so far, as the tree builder would see its children.
private struct ChildKinds {
    /// Children that are not text: elements, comments, processing instructions.
    var elements = 0
    var firstIsText = false
    var lastIsText = false
    /// Text that libxml2 marks as mixed content (its space state -2): from then on the
    /// element's white space is kept.
    var sawMixedText = false
}

/// Whether the tree builder would drop this white space (`XML_PARSE_NOBLANKS`): libxml2 decides
/// it from the tree it builds (`areBlanks`), which a SAX reader does not have, so the same
/// rules are applied here to what the element has held so far. White space is kept under
/// `xml:space="preserve"`, after mixed text, when text follows, in an element that holds only
/// it, and beside text. (libxml2's own space state cannot be read for this: without a tree it
/// keeps every white space, and marks the element mixed.)
private func isIgnorableBlank(_ text: UnsafePointer<xmlChar>, _ length: Int, kinds: ChildKinds, parser: xmlParserCtxtPtr) -> Bool {
    for offset in 0..<length {
        let byte = text[offset]
        if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return false }
    }
    if kinds.sawMixedText { return false }
    if let space = parser.pointee.space, space.pointee == 1 { return false }
    guard let cursor = parser.pointee.input?.pointee.cur else { return false }
    let next = cursor[0]
    if next != UInt8(ascii: "<") && next != 0x0D { return false }
    if kinds.elements == 0 {
        // `<a>  </a>` keeps its white space; so does an element whose text came before.
        return !(next == UInt8(ascii: "<") && cursor[1] == UInt8(ascii: "/")) && !kinds.lastIsText
    }
    return !kinds.lastIsText && !kinds.firstIsText
}

/// A comment or processing instruction: a child that is neither text nor element.
private func saxOtherChild(_ context: UnsafeMutableRawPointer?) {
    guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let state = SAXState.of(parser)?.build else { return }
    state.pointee.noteOtherChild()
}

/// An entity reference in text: the text of an internal entity, as the tree copier reads it,
/// unless it came already as characters (see ``RecordBuild/entityTextCame``). Counted against
/// the document's expansion limit (``ErrorSink/allowsExpansion(_:of:)``).
private func saxReference(_ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
    guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let owner = SAXState.of(parser) else { return }
    let state = owner.build
    let came = state.pointee.entityTextCame
    state.pointee.entityTextCame = false
    guard let name, let entity = xmlGetDocEntity(parser.pointee.myDoc, name),
        entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY || entity.pointee.etype == XML_INTERNAL_PREDEFINED_ENTITY,
        let content = entity.pointee.content, owner.errors.allowsExpansion(parser, of: entity), !came
    else { return }
    state.pointee.appendText(content, Int(xmlStrlen(content)))
}

/// An attribute value as the tree would hold it: libxml2 hands references it did not replace
/// (`&#38;` for `&amp;`, internal entities) still escaped when it builds no tree.
private func appendAttributeValue(_ value: UnsafePointer<xmlChar>, count: Int, parser: xmlParserCtxtPtr, into bytes: inout [UInt8]) {
    let raw = UnsafeBufferPointer(start: value, count: count)
    guard raw.contains(UInt8(ascii: "&")) else {
        bytes.append(contentsOf: raw)
        return
    }
    // The same decoding the tree builder does (xmlStringLenGetNodeList, then joined).
    guard let list = xmlStringLenGetNodeList(parser.pointee.myDoc, value, Int32(count)) else { return }
    defer { xmlFreeNodeList(list) }
    if let text = xmlNodeListGetString(parser.pointee.myDoc, list, 1) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: Int(xmlStrlen(text))))
        iatix_xmlFree(text)
    }
}

/// The root's start tag, with its attributes and namespace declarations.
private func rootStart(
    _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
    _ namespaceCount: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
    _ attributeCount: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, line: Int, parser: xmlParserCtxtPtr
) -> ElementStart {
    var declarations: [NamespaceDeclaration] = []
    for position in 0..<Int(max(namespaceCount, 0)) {
        guard let namespaces else { break }
        declarations.append(NamespaceDeclaration(prefix: swiftString(namespaces[2 * position]), uri: swiftString(namespaces[2 * position + 1]) ?? ""))
    }
    // Where the tag and its attributes start, as the tree reader records them.
    let count = Int(max(attributeCount, 0))
    var places: [SourcePosition] = []
    var matching = true
    let tag = InputPositions.startTag(parser)
    if let tag {
        InputPositions.attributes(of: tag) { written, place in
            let index = places.count
            guard matching, index < count, let attributes,
                InputPositions.spells(written, prefix: attributes[5 * index + 1], local: attributes[5 * index])
            else {
                matching = false
                return
            }
            places.append(place)
        }
    }
    let start = tag?.position ?? .unknown
    var list: [Attribute] = []
    for position in 0..<count {
        guard let attributes else { break }
        let base = position * 5
        var bytes: [UInt8] = []
        if let value = attributes[base + 3], let end = attributes[base + 4] {
            appendAttributeValue(value, count: end - value, parser: parser, into: &bytes)
        }
        list.append(Attribute(
            name: swiftString(attributes[base]) ?? "", namespace: swiftString(attributes[base + 2]),
            prefix: swiftString(attributes[base + 1]), value: String(decoding: bytes, as: UTF8.self),
            position: position < places.count ? places[position] : .unknown))
    }
    return ElementStart(
        name: swiftString(localName) ?? "", namespace: swiftString(uri), prefix: swiftString(prefix), attributes: list,
        namespaceDeclarations: declarations, depth: 0, line: line, isEmpty: false,
        position: start.isKnown ? start : SourcePosition(line: line, column: 0))
}

// MARK: - Names

/// Interns names by the addresses libxml2 hands (its dictionary gives one address per
/// string), falling back to the names' text, so a name is turned into a Swift string once.
private struct NameInterner {
    private struct Key: Hashable {
        var local: UnsafeRawPointer?
        var prefix: UnsafeRawPointer?
        var uri: UnsafeRawPointer?
    }

    /// The names met lately, direct-mapped by address: most lookups end here, unhashed.
    private static let slots = 512
    private var recent = [(key: Key, id: Int32)](repeating: (Key(local: nil, prefix: nil, uri: nil), -1), count: slots)
    private var byAddress: [Key: Int32] = [:]
    private var byName: [XMLName: Int32] = [:]
    private var locals: [String] = []

    var count: Int { locals.count }

    func local(of id: Int32) -> String { locals[Int(id)] }

    /// The id of a name; `added` is called when the name is new to this input.
    mutating func id(
        local: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?, added: (XMLName, Int32) -> Void
    ) -> Int32 {
        let key = Key(local: local.map(UnsafeRawPointer.init), prefix: prefix.map(UnsafeRawPointer.init), uri: uri.map(UnsafeRawPointer.init))
        let slot = (Int(bitPattern: key.local) >> 3 &+ Int(bitPattern: key.uri) >> 5) & (Self.slots - 1)
        if recent[slot].key == key { return recent[slot].id }
        if let id = byAddress[key] {
            recent[slot] = (key, id)
            return id
        }
        let name = XMLName(local: swiftString(local) ?? "", namespace: swiftString(uri), prefix: swiftString(prefix))
        let id: Int32
        if let known = byName[name] {
            id = known
        } else {
            id = Int32(locals.count)
            locals.append(name.local)
            byName[name] = id
            added(name, id)
        }
        // Addresses are stable within one parse (the parser's dictionary); bounded all the same.
        if byAddress.count > 1 << 16 { byAddress.removeAll() }
        byAddress[key] = id
        recent[slot] = (key, id)
        return id
    }
}
