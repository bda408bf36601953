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

/// A streaming XML reader over libxml2's `xmlTextReader`.
///
/// It walks start tags in document order; at any element, ``expand()`` copies that element's
/// whole subtree into a ``Node`` and moves past it, so memory holds one subtree at a time.
/// Errors come back per reader through libxml2's structured error handler.
///
/// Not `Sendable`: one reader belongs to one thread.
public final class XMLReader {
    /// The input's name, used in every error.
    public let name: String
    /// Warnings and non-fatal errors seen so far, in order.
    public private(set) var diagnostics: [XMLError] = []

    private let reader: xmlTextReaderPtr
    private let input: InputContext
    private let sink: ErrorSink
    /// After `expand()` the reader already stands on the node after the subtree.
    private var standingOnUnread = false
    private var nameCache: [UnsafeRawPointer: String] = [:]

    /// Reads the file at `path` (`-` for standard input); gzip input is decompressed.
    public convenience init(path: String, options: ParseOptions = .default) throws(XMLError) {
        try self.init(name: path, source: FileSource(path: path), options: options)
    }

    /// Reads from any byte source; `name` labels errors.
    public init(name: String, source: any ByteSource, options: ParseOptions = .default) throws(XMLError) {
        LibXML2Runtime.ensure()
        self.name = name
        let input = InputContext(source: source, name: name)
        let context = Unmanaged.passUnretained(input).toOpaque()
        guard let reader = xmlReaderForIO(
            { context, buffer, length in
                guard let context, let buffer else { return -1 }
                let input = Unmanaged<InputContext>.fromOpaque(context).takeUnretainedValue()
                return input.read(buffer, Int(length))
            },
            nil, context, nil, nil, options.flags)
        else {
            throw XMLError(level: .fatal, file: name, message: "cannot create an XML reader (out of memory?)")
        }
        self.reader = reader
        self.input = input
        self.sink = ErrorSink(file: name)
        iatix_reader_set_errors(reader, { context, error in
            guard let context, let error else { return }
            Unmanaged<ErrorSink>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }, Unmanaged.passUnretained(sink).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
    }

    /// The line the parser has reached (an approximation of the current position).
    public var currentLine: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// Bytes consumed from the input so far, for progress reports.
    public var bytesRead: Int { input.bytesRead }

    /// Moves to the next start tag in document order and describes it; `nil` at the end.
    /// - Throws: the first fatal or error-level problem libxml2 reports (not well-formed,
    ///   undeclared prefix, encoding error, unreadable input), with line and column.
    public func nextElement() throws(XMLError) -> ElementStart? {
        while true {
            if standingOnUnread {
                standingOnUnread = false
            } else {
                let status = xmlTextReaderRead(reader)
                try check(status)
                if status == 0 { return nil }
            }
            if xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue),
                let node = xmlTextReaderCurrentNode(reader)
            {
                return ElementStart(
                    name: cachedName(node.pointee.name),
                    namespace: swiftString(node.pointee.ns?.pointee.href),
                    prefix: swiftString(node.pointee.ns?.pointee.prefix),
                    attributes: attributes(of: node),
                    namespaceDeclarations: declarations(of: node),
                    depth: Int(xmlTextReaderDepth(reader)),
                    line: Int(xmlGetLineNo(node)),
                    isEmpty: xmlTextReaderIsEmptyElement(reader) == 1)
            }
        }
    }

    /// Copies the element the reader stands on, with everything inside it, and moves past it.
    /// - Throws: a parse error met inside the subtree.
    public func expand() throws(XMLError) -> Node {
        guard let node = xmlTextReaderExpand(reader) else {
            try check(-1)
            throw XMLError(level: .fatal, file: name, line: currentLine, message: "cannot expand element")
        }
        try check(1)
        let copy = makeNode(node)
        let status = xmlTextReaderNext(reader)
        try check(status)
        standingOnUnread = status == 1
        return copy
    }

    /// Moves past the element the reader stands on without copying it.
    public func skip() throws(XMLError) {
        let status = xmlTextReaderNext(reader)
        try check(status)
        standingOnUnread = status == 1
    }

    // MARK: - Errors

    private func check(_ status: Int32) throws(XMLError) {
        if let failure = input.failure {
            throw failure
        }
        let new = sink.drain()
        for error in new {
            if error.level >= .error { throw error }
            diagnostics.append(error)
        }
        if status < 0 {
            throw XMLError(level: .fatal, file: name, line: currentLine, message: "the XML parser stopped (not well-formed input)")
        }
    }

    // MARK: - Copying out of libxml2

    private func cachedName(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        let key = UnsafeRawPointer(pointer)
        if let name = nameCache[key] { return name }
        let name = String(cString: pointer)
        // Names come from the parser's dictionary, so a pointer stays one name for the reader's life.
        if nameCache.count < 4096 { nameCache[key] = name }
        return name
    }

    private func attributes(of node: xmlNodePtr) -> [Attribute] {
        var result: [Attribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            result.append(Attribute(
                name: cachedName(current.pointee.name),
                namespace: swiftString(current.pointee.ns?.pointee.href),
                prefix: swiftString(current.pointee.ns?.pointee.prefix),
                value: attributeValue(current)))
            attribute = current.pointee.next
        }
        return result
    }

    private func attributeValue(_ attribute: xmlAttrPtr) -> String {
        if let child = attribute.pointee.children, child.pointee.next == nil,
            child.pointee.type == XML_TEXT_NODE, let content = child.pointee.content
        {
            return String(cString: content)
        }
        return swiftStringFreeing(xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1)) ?? ""
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

    private func makeNode(_ node: xmlNodePtr) -> Node {
        var children: [Node] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(makeNode(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            case XML_ENTITY_REF_NODE:
                // Entities are not substituted while parsing (no XML_PARSE_NOENT); their text is
                // taken here, within libxml2's expansion limits.
                text += swiftStringFreeing(xmlNodeGetContent(current)) ?? ""
            default:
                break  // comments and processing instructions carry no data
            }
            child = current.pointee.next
        }
        return Node(
            name: cachedName(node.pointee.name),
            namespace: swiftString(node.pointee.ns?.pointee.href),
            prefix: swiftString(node.pointee.ns?.pointee.prefix),
            attributes: attributes(of: node),
            children: children,
            text: text,
            line: Int(xmlGetLineNo(node)))
    }
}

/// The byte source and what reading it cost, reachable from libxml2's input callback.
private final class InputContext {
    let source: any ByteSource
    let name: String
    var bytesRead = 0
    var failure: XMLError?

    init(source: any ByteSource, name: String) {
        self.source = source
        self.name = name
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

/// Collects libxml2's structured errors for one parse or validation.
final class ErrorSink {
    let file: String
    private var pending: [XMLError] = []

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

    func drain() -> [XMLError] {
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }
}
