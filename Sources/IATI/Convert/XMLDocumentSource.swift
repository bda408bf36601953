public import LibXML

/// An IATI XML file read as a stream: the root, then one canonical record at a time.
///
/// Records come from libxml2's SAX callbacks as compact ``RawRecord``s. A record of a file
/// that declares 2.03 (and shows no 1.0x content) takes the compact road when
/// ``encoding`` is set: laid out in canonical form over its own bytes and written as
/// normalised JSON or canonical XML in one walk (``DocumentItem/encoded(_:)``). Every other record — older versions
/// to upgrade, other outputs — becomes a ``Node`` and goes through the upgrade and the
/// ``Canonicaliser``. Both roads give the same bytes and the same notices.
///
/// A caller that reads the document itself (the validating read of `iatix batch
/// --validate`, which needs libxml2's tree for its rules) makes the source with
/// ``init(name:)`` and hands it the root (``header(root:)``), each element under the root
/// (``item(_:)``) and the end (``finish()``).
public final class XMLDocumentSource: DocumentSource {
    public let name: String
    public private(set) var notices = NoticeLog()
    private let feed: RecordFeed?
    private var documentHeader: DocumentHeader?
    private let canonicaliser = Canonicaliser()
    private let table = SpecTable()
    /// Whether the file declares 2.03, so that records without 1.0x content pass unchanged.
    private var declaresCurrent = false
    /// The upgrade of older versions (1.01–2.02) to 2.03: counts, and a handler for each
    /// record's log.
    public var upgrade: DocumentUpgrade
    /// The form of the writer: records that need no upgrade then come already written in it
    /// (``DocumentItem/encoded(_:)``) rather than as nodes.
    public var encoding: RecordEncoding?

    /// Reads `source`; `name` labels messages. With `readingAhead`, libxml2 parses on a thread
    /// of its own, records ahead of the caller (see ``RecordReadAhead``): the source is then
    /// read on that thread until the document's end.
    public init(name: String, source: any ByteSource, readingAhead: Bool = false) throws {
        let reader = try SAXRecordReader(name: name, source: source)
        self.feed = readingAhead ? .ahead(RecordReadAhead(reader: reader)) : .direct(reader)
        self.name = name
        self.upgrade = DocumentUpgrade(file: name)
    }

    /// A source for a caller that reads the document itself: see ``header(root:)``.
    public init(name: String) {
        self.feed = nil
        self.name = name
        self.upgrade = DocumentUpgrade(file: name)
    }

    /// Opens `path` (`-` for standard input; gzip is decompressed).
    public convenience init(path: String, readingAhead: Bool = false) throws {
        try self.init(name: path, source: try FileSource(path: path), readingAhead: readingAhead)
    }

    public var bytesRead: Int { feed?.bytesRead ?? 0 }

    /// libxml2's warnings so far.
    public var diagnostics: [XMLError] { feed?.diagnostics ?? [] }

    public func header() throws -> DocumentHeader {
        if let documentHeader { return documentHeader }
        let (root, line) = try ownFeed().root()
        guard let start = root else {
            throw InputError(file: name, line: max(line, 1), message: "no root element: the file is empty or holds no XML element; an IATI file starts with <iati-activities> or <iati-organisations>")
        }
        return try header(root: start)
    }

    /// The header made from the root's start tag, for a caller that reads the document itself;
    /// call once, instead of ``header()``.
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
        declaresCurrent = upgrade.declaredVersion.flatMap(IATIVersion.init(declared:)) == .current
        documentHeader = header
        return header
    }

    public func next() throws -> DocumentItem? {
        let header = try header()
        guard let raw = try ownFeed().next() else {
            finish()
            return nil
        }
        table.apply(raw)
        let start = table.name(raw.elements[0].name)
        if let encoding, declaresCurrent, start.namespace == nil, start.local == header.recordSpec.name,
            let encoded = encoded(raw, header: header, encoding: encoding)
        {
            return .encoded(encoded)
        }
        return try item(raw.node(names: table.names))
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

    private func ownFeed() throws -> RecordFeed {
        guard let feed else {
            throw InputError(file: name, message: "internal error: this source is fed by its caller (header(root:), item(_:)); it has no reader")
        }
        return feed
    }

    /// The normalised JSON of a 2.03 record, or `nil` when it has 1.0x content (the upgrade
    /// reads it as a node). Its notices and its upgrade log are those of the node road.
    private func encoded(_ raw: RawRecord, header: DocumentHeader, encoding: RecordEncoding) -> EncodedRecord? {
        // The record's notices are kept apart until it is laid out: a record that turns out to
        // need the upgrade is noted again on the node road.
        var log = NoticeLog(samplesPerKind: notices.samplesPerKind)
        guard
            let layout = try? CanonicalLayout(
                record: raw, root: table.index(of: header.recordSpec), language: header.language, table: table, log: &log)
        else { return nil }
        notices.add(log)
        let identifier = identifier(of: raw)
        upgrade.passThrough(identifier: identifier, line: Int(raw.elements[0].line))
        var out: [UInt8] = []
        out.reserveCapacity(raw.bytes.count + raw.bytes.count / 2)
        switch encoding {
        case .json: LayoutJSONEncoder(record: raw, layout: layout, table: table).append(0, to: &out)
        case .xml(let scope): LayoutXMLEncoder(record: raw, layout: layout, table: table).append(level: 1, scope: scope, to: &out)
        }
        return EncodedRecord(bytes: out, identifier: identifier, lastUpdated: lastUpdated(of: raw))
    }

    /// The record's `last-updated-datetime`, trimmed.
    private func lastUpdated(of raw: RawRecord) -> String? {
        let element = raw.elements[0]
        for position in Int(element.attributeStart)..<Int(element.attributeStart + element.attributeCount) {
            let attribute = raw.attributes[position]
            let name = table.name(attribute.name)
            if name.namespace == nil, name.local == "last-updated-datetime" {
                return String(Lexical.trimmed(raw.string(attribute.valueStart, attribute.valueCount)))
            }
        }
        return nil
    }

    /// The record's `iati-identifier` (or `organisation-identifier`), trimmed, as the upgrade log gives it.
    private func identifier(of raw: RawRecord) -> String? {
        for wanted in ["iati-identifier", "organisation-identifier"] {
            var child = 1
            while child < Int(raw.elements[0].end) {
                let element = raw.elements[child]
                let name = table.name(element.name)
                if name.namespace == nil, name.local == wanted {
                    let text = String(Lexical.trimmed(raw.string(element.textStart, element.textCount)))
                    if !text.isEmpty { return text }
                    break
                }
                child = Int(element.end)
            }
        }
        return nil
    }
}

extension ElementStart {
    /// `prefix:name`, or the local name.
    public var qualifiedName: String {
        if let prefix, !prefix.isEmpty { return "\(prefix):\(name)" }
        return name
    }
}

/// Where a source's records come from: its reader, on the caller's thread or ahead of it.
private enum RecordFeed {
    case direct(SAXRecordReader)
    case ahead(RecordReadAhead)

    func root() throws(XMLError) -> (start: ElementStart?, line: Int) {
        switch self {
        case .direct(let reader):
            let start = try reader.root()
            return (start, reader.currentLine)
        case .ahead(let reader): return try reader.root()
        }
    }

    func next() throws(XMLError) -> RawRecord? {
        switch self {
        case .direct(let reader): try reader.next()
        case .ahead(let reader): try reader.next()
        }
    }

    var bytesRead: Int {
        switch self {
        case .direct(let reader): reader.bytesRead
        case .ahead(let reader): reader.bytesRead
        }
    }

    var diagnostics: [XMLError] {
        switch self {
        case .direct(let reader): reader.diagnostics
        case .ahead(let reader): reader.diagnostics
        }
    }
}
