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
    /// The names of the records read, for the node road.
    private var names = NameTable()
    /// The compact road on this thread, once ``encoding`` is known (first ``next()``).
    private var encoder: RecordEncoder?
    private var roadStarted = false
    /// How many records the reading thread encoded itself, having found this thread behind.
    public private(set) var recordsEncodedAhead = 0
    /// How many records the reading thread took down the node road itself (upgraded and made
    /// canonical), having found this thread behind.
    public private(set) var recordsUpgradedAhead = 0
    /// Whether the file declares 2.03, so that records without 1.0x content pass unchanged.
    private var declaresCurrent = false
    /// The upgrade of older versions (1.01–2.02) to 2.03: counts, and a handler for each
    /// record's log.
    public var upgrade: DocumentUpgrade
    /// The form of the writer: records that need no upgrade then come already written in it
    /// (``DocumentItem/encoded(_:)``) rather than as nodes.
    public var encoding: RecordEncoding?
    /// Whether decomposed text is kept as written (see ``init(name:source:readingAhead:keepsUnicodeForm:)``).
    private let keepsUnicodeForm: Bool

    /// Reads `source`; `name` labels messages. With `readingAhead`, libxml2 parses on a thread
    /// of its own, records ahead of the caller (see ``RecordReadAhead``): the source is then
    /// read on that thread until the document's end.
    /// With `keepsUnicodeForm`, decomposed text (NFD) is kept as written; by default it is put
    /// in composed form (NFC), and each record that had some is noted.
    public init(name: String, source: any ByteSource, readingAhead: Bool = false, keepsUnicodeForm: Bool = false) throws {
        let reader = try SAXRecordReader(name: name, source: source, keepsUnicodeForm: keepsUnicodeForm)
        self.feed = readingAhead ? .ahead(RecordReadAhead(reader: reader)) : .direct(reader)
        self.name = name
        self.upgrade = DocumentUpgrade(file: name)
        self.keepsUnicodeForm = keepsUnicodeForm
    }

    /// A source for a caller that reads the document itself: see ``header(root:)``. The nodes
    /// it hands over have their decomposed text composed here, unless `keepsUnicodeForm`.
    public init(name: String, keepsUnicodeForm: Bool = false) {
        self.feed = nil
        self.name = name
        self.upgrade = DocumentUpgrade(file: name)
        self.keepsUnicodeForm = keepsUnicodeForm
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
        guard IATIRoot.isIATI(start), let rootSpec = Catalogue.spec(forRoot: start.name),
            let recordSpec = rootSpec.children.first?.element
        else { throw IATIRoot.notIATI(start, file: name) }
        var rawRoot = Node(name: start.name, attributes: start.attributes, line: start.line)
        upgrade.upgrade(root: &rawRoot, spec: rootSpec)
        let root = canonicaliser.canonical(rawRoot, spec: rootSpec, inherited: .init(), log: &notices)
        let language = start.attributes.first { $0.name == "lang" && $0.namespace == XMLNamespace.xml }.map { String(Lexical.trimmed($0.value)) }
        let header = DocumentHeader(
            rootSpec: rootSpec, recordSpec: recordSpec, root: root,
            namespaces: start.namespaceDeclarations.filter { $0.prefix != nil },
            language: language?.isEmpty == false ? language : nil, line: start.line, declaredVersion: upgrade.declaredVersion)
        declaresCurrent = upgrade.declaredVersion.flatMap(IATIVersion.init(declared:)) == .current
        documentHeader = header
        return header
    }

    public func next() throws -> DocumentItem? {
        let header = try header()
        let feed = try ownFeed()
        startRoad(header, feed: feed)
        guard let raw = try feed.next() else {
            finish()
            return nil
        }
        names.apply(raw.record)
        if raw.record.normalisedTexts > 0 {
            noteNormalised(count: raw.record.normalisedTexts, line: Int(raw.record.elements.first?.line ?? 0), header: header)
        }
        if let encoder {
            encoder.observe(raw.record)
            // Encoded by the reading thread, or here.
            let ahead = raw.help as? RecordEncoder.Result
            if ahead != nil { recordsEncodedAhead += 1 }
            if let result = ahead ?? (encoder.isRecord(raw.record) ? encoder.encode(raw.record) : nil) {
                notices.add(result.notices)
                upgrade.passThrough(identifier: result.record.identifier, line: result.line)
                return .encoded(result.record)
            }
        }
        if let helped = raw.help as? HelpingUpgrade.Result {
            recordsUpgradedAhead += 1
            notices.add(helped.notices)
            upgrade.add(finished: helped.log)
            return .record(helped.record)
        }
        return try item(raw.record.node(names: names))
    }

    /// Notes a record whose decomposed text the reader put in composed form.
    private func noteNormalised(count: Int, line: Int, header: DocumentHeader) {
        notices.record(Notice.unicodeNormalised(count: count, line: line, record: header.recordSpec.name))
    }

    /// The road of the records, set up at the first record. The compact road for a writer that
    /// takes records already written, of a file that declares 2.03: the reading thread gets an
    /// encoder of its own. Else the node road, which the reading thread takes records down too.
    private func startRoad(_ header: DocumentHeader, feed: RecordFeed) {
        guard !roadStarted else { return }
        roadStarted = true
        guard let encoding, declaresCurrent else {
            feed.start(helper: HelpingUpgrade(NodeRoad(header: header, upgrade: upgrade), samplesPerKind: notices.samplesPerKind))
            return
        }
        encoder = RecordEncoder(header: header, encoding: encoding, samplesPerKind: notices.samplesPerKind)
        feed.start(helper: HelpingEncoder(RecordEncoder(header: header, encoding: encoding, samplesPerKind: notices.samplesPerKind)))
    }

    /// The item one element under the root makes (`node`, as read): a canonical record, or a
    /// root extension noted as kept. For callers that read the document themselves, after
    /// ``header(root:)``.
    public func item(_ node: Node) throws -> DocumentItem {
        let header = try header()
        var node = node
        if feed == nil, !keepsUnicodeForm {
            // From the caller's own reader: composed here, as the SAX reader composes records.
            var changed = 0
            node = node.composedUnicode(changed: &changed)
            if changed > 0 { noteNormalised(count: changed, line: node.line, header: header) }
        }
        let road = NodeRoad(header: header, upgrade: upgrade)
        if road.isRecord(node.name, namespace: node.namespace) {
            let (record, log) = road.run(node, notices: &notices)
            upgrade.add(finished: log)
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
        noteNotLoaded(diagnostics)
    }

    /// Notes each external entity or DTD the reader did not load (from its `diagnostics`;
    /// a caller that reads the document itself passes its reader's).
    public func noteNotLoaded(_ diagnostics: [XMLError]) {
        for warning in diagnostics where warning.code == XMLError.externalNotLoaded {
            notices.record(Notice(kind: .notLoaded, line: warning.line, path: documentHeader?.rootSpec.name ?? "", message: warning.message))
        }
    }

    private func ownFeed() throws -> RecordFeed {
        guard let feed else {
            throw InputError(file: name, message: "internal error: this source is fed by its caller (header(root:), item(_:)); it has no reader")
        }
        return feed
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

    /// The next record, with what the reading thread made of it (see ``RecordHelper``).
    func next() throws(XMLError) -> (record: RawRecord, help: (any Sendable)?)? {
        switch self {
        case .direct(let reader): try reader.next().map { ($0, nil) }
        case .ahead(let reader): try reader.next()
        }
    }

    /// Lets the reading thread go on past the root, helping with `helper`.
    func start(helper: (any RecordHelper)?) {
        if case .ahead(let reader) = self { reader.start(helper: helper) }
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
