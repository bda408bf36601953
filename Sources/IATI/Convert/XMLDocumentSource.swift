public import LibXML

/// An IATI XML file read as a stream: the root, then one canonical record at a time.
public final class XMLDocumentSource: DocumentSource {
    public let name: String
    public private(set) var notices = NoticeLog()
    /// The reader, for callers that read the document themselves (``header(root:)``,
    /// ``item(_:)``, ``finish()``).
    public let reader: XMLReader
    private var documentHeader: DocumentHeader?
    private let canonicaliser = Canonicaliser()
    /// The upgrade of older versions (1.01–2.02) to 2.03: counts, and a handler for each
    /// record's log.
    public var upgrade: DocumentUpgrade

    public init(reader: XMLReader) {
        self.reader = reader
        self.name = reader.name
        self.upgrade = DocumentUpgrade(file: reader.name)
    }

    /// Opens `path` (`-` for standard input; gzip is decompressed).
    public convenience init(path: String) throws {
        self.init(reader: try XMLReader(path: path))
    }

    public var bytesRead: Int { reader.bytesRead }

    /// libxml2's warnings so far.
    public var diagnostics: [XMLError] { reader.diagnostics }

    public func header() throws -> DocumentHeader {
        if let documentHeader { return documentHeader }
        guard let start = try reader.nextElement() else {
            throw InputError(file: name, line: max(reader.currentLine, 1), message: "no root element: the file is empty or holds no XML element; an IATI file starts with <iati-activities> or <iati-organisations>")
        }
        return try header(root: start)
    }

    /// The header made from the root's start tag, for a caller that reads the document itself
    /// (the validating pass of `iatix batch --validate`); call once, instead of ``header()``.
    public func header(root start: ElementStart) throws -> DocumentHeader {
        guard let rootSpec = Catalogue.spec(forRoot: start.name), start.namespace == nil,
            let recordSpec = rootSpec.children.first?.element
        else {
            let namespace = start.namespace.map { " in namespace \($0)" } ?? ""
            throw InputError(file: name, line: start.line, message: "the root element is <\(start.qualifiedName)>\(namespace), not an IATI document: expected <iati-activities> or <iati-organisations> in no namespace")
        }
        var rawRoot = Node(name: start.name, attributes: start.attributes, line: start.line)
        upgrade.upgrade(root: &rawRoot, spec: rootSpec)
        let root = canonicaliser.canonical(rawRoot, spec: rootSpec, inherited: .init(), log: &notices)
        let language = start.attributes.first { $0.name == "lang" && $0.namespace == XMLNamespace.xml }.map { String(Lexical.trimmed($0.value)) }
        let header = DocumentHeader(
            rootSpec: rootSpec, recordSpec: recordSpec, root: root,
            namespaces: start.namespaceDeclarations.filter { $0.prefix != nil },
            language: language?.isEmpty == false ? language : nil, line: start.line)
        documentHeader = header
        return header
    }

    public func next() throws -> DocumentItem? {
        let header = try header()
        while let start = try reader.nextElement() {
            guard start.depth == 1 else { continue }
            return try item(reader.expand())
        }
        finish()
        return nil
    }

    /// The item one element under the root makes (`node`, as read): a canonical record, or a
    /// root extension noted as kept. For callers that read the document themselves, after
    /// ``header(root:)``.
    public func item(_ node: Node) throws -> DocumentItem {
        let header = try header()
        if node.namespace == nil, node.name == header.recordSpec.name {
            let upgraded = upgrade.upgrade(record: node, spec: header.recordSpec)
            let record = canonicaliser.canonical(
                upgraded, spec: header.recordSpec, inherited: .init(language: header.language), log: &notices)
            upgrade.finish(record: record, spec: header.recordSpec)
            return .record(record)
        }
        if node.namespace == nil {
            notices.record(Notice(
                kind: .unknownContent, line: node.line, path: header.rootSpec.name + "/" + node.name,
                message: "element <\(node.name)> is not part of the standard under <\(header.rootSpec.name)>; kept as an extension"))
        } else {
            notices.record(Notice(
                kind: .extensionKept, line: node.line, path: header.rootSpec.name + "/" + node.qualifiedName,
                message: "extension element <\(node.qualifiedName)> kept"))
        }
        return .rootExtension(Canonicaliser.trimmedExtension(node))
    }

    /// The document ended: the upgrade's closing notes. For callers that read the document
    /// themselves (``next()`` calls it at the end).
    public func finish() {
        guard let header = documentHeader else { return }
        upgrade.finishDocument(spec: header.rootSpec)
    }
}

extension ElementStart {
    /// `prefix:name`, or the local name.
    public var qualifiedName: String {
        if let prefix, !prefix.isEmpty { return "\(prefix):\(name)" }
        return name
    }
}
