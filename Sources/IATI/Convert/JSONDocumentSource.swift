public import LibXML

/// A normalised JSON document (as `iatix convert --to json` writes it) or a JSON Lines stream
/// of records, read back into canonical elements. Records are read one at a time.
public final class JSONDocumentSource: DocumentSource {
    /// Whether the input is one document or one record per line.
    public enum Layout: Sendable { case document, lines }

    public let name: String
    public private(set) var notices = NoticeLog()
    private let reader: JSONReader
    private let layout: Layout
    private var documentHeader: DocumentHeader?
    private var inRecords = false
    private var finished = false
    private var pendingExtensions: [Node] = []
    /// JSON Lines: the first line, read to tell organisations from activities, and its line.
    private var firstLine: (line: Int, value: JSONValue)?
    private let canonicaliser = Canonicaliser()
    /// What the XML road does to a record with older content (a 1.0x `version` attribute on an
    /// activity, …): JSON that carries it is read as the same record's XML is.
    private var upgrade: DocumentUpgrade

    /// Whether decomposed text (NFD) stays as written rather than composed (NFC), as for XML.
    private let keepsUnicodeForm: Bool
    /// The records, read from the first asked for (of JSON Lines, the one after the first line).
    private var records: JSONRecords?
    /// Where the records are read: on a thread of their own from the first asked for, on it, or
    /// here (not read ahead, no thread to be had, or the thread finished: the reader is this
    /// thread's again).
    private var reading: Reading
    private enum Reading {
        case ahead
        case running(JSONReadAhead)
        case here
    }

    /// Reads `source`; `name` labels messages. With `readingAhead`, the records are parsed on
    /// a thread of their own, records ahead of the caller (see ``JSONReadAhead``): the source is
    /// then read on that thread until the records' end, an error, or this source's end of life.
    /// With `keepsUnicodeForm`, decomposed text (NFD) is kept as written; by default it is put
    /// in composed form (NFC), and each record that had some is noted.
    public init(name: String, source: any ByteSource, layout: Layout, readingAhead: Bool = false, keepsUnicodeForm: Bool = false) {
        self.name = name
        reading = readingAhead ? .ahead : .here
        self.keepsUnicodeForm = keepsUnicodeForm
        self.reader = JSONReader(name: name, source: source)
        self.layout = layout
        self.upgrade = DocumentUpgrade(file: name)
    }

    public var bytesRead: Int {
        if case .running(let ahead) = reading { return ahead.bytesRead }
        return reader.bytesRead
    }

    public func header() throws -> DocumentHeader {
        if let documentHeader { return documentHeader }
        let rootSpec = ActivityCatalogue.root
        guard layout == .document else {
            // The first line says what the lines hold: organisations (as `convert --to jsonl`
            // writes an organisation file) or activities.
            if !(try reader.isAtEnd()) {
                let line = reader.location.line
                firstLine = (line, try JSONRecords.lineValue(of: reader, startingOn: line))
            }
            let isOrganisation = firstLine.map { Self.isOrganisation($0.value) } ?? false
            let linesRoot = isOrganisation ? OrganisationCatalogue.root : rootSpec
            var root = Node(name: linesRoot.name, attributes: [Attribute(name: "version", value: IATIVersion.current.rawValue)])
            upgrade.upgrade(root: &root, spec: linesRoot)
            let header = DocumentHeader(
                rootSpec: linesRoot, recordSpec: isOrganisation ? OrganisationCatalogue.organisation : ActivityCatalogue.activity, root: root,
                namespaces: [], language: nil, line: 1, declaredVersion: upgrade.declaredVersion)
            documentHeader = header
            return header
        }
        try reader.beginObject()
        var members: [(key: String, value: JSONValue)] = []
        var namespaces: [NamespaceDeclaration] = []
        var chosenRoot: ElementSpec?
        while let key = try reader.nextKey() {
            if key == "namespaces" {
                namespaces = try namespaceDeclarations(try reader.value())
            } else if let root = Catalogue.roots.first(where: { $0.children.first?.jsonKey == key }) {
                chosenRoot = root
                try reader.beginArray()
                inRecords = true
                break
            } else {
                members.append((key, try reader.value()))
            }
        }
        if !inRecords { finished = true }
        let spec = chosenRoot ?? rootSpec
        guard let recordSpec = spec.children.first?.element else {
            throw InputError(file: name, message: "the catalogue has no record element for <\(spec.name)>")
        }
        let raw: Node
        do {
            raw = try NormalisedJSON.node(from: .object(members), spec: spec, path: "$")
        } catch {
            throw InputError(file: name, message: "\(error.description)")
        }
        pendingExtensions = raw.children
        var rootNode = raw
        rootNode.children = []
        upgrade.upgrade(root: &rootNode, spec: spec)
        let root = canonicaliser.canonical(rootNode, spec: spec, inherited: .init(), log: &notices)
        let language = root.attribute("lang", namespace: XMLNamespace.xml)
        let header = DocumentHeader(
            rootSpec: spec, recordSpec: recordSpec, root: root, namespaces: namespaces, language: language, line: 1, declaredVersion: upgrade.declaredVersion)
        documentHeader = header
        return header
    }

    private func namespaceDeclarations(_ value: JSONValue) throws -> [NamespaceDeclaration] {
        guard case .object(let members) = value else {
            throw InputError(file: name, message: "$.namespaces: expected an object of prefix → URI, found \(value.kindName)")
        }
        return try members.map { member in
            guard case .string(let uri) = member.value else {
                throw InputError(file: name, message: "$.namespaces.\(member.key): expected a URI string")
            }
            return NamespaceDeclaration(prefix: member.key, uri: uri)
        }
    }

    public func next() throws -> DocumentItem? {
        let header = try header()
        switch layout {
        case .lines:
            return try nextRecord(header).map(DocumentItem.record)
        case .document:
            if inRecords {
                if let record = try nextRecord(header) { return .record(record) }
                inRecords = false
                while let key = try reader.nextKey() {
                    let value = try reader.value()
                    guard key == "extensions" else {
                        throw InputError(
                            file: name, line: reader.location.line,
                            message: "$.\(key) comes after the records; iatix reads records as a stream, so file-level keys must come before them (as iatix writes them)")
                    }
                    let holder = try NormalisedJSON.node(from: .object([("extensions", value)]), spec: header.rootSpec, path: "$")
                    pendingExtensions += holder.children
                }
                finished = true
                guard try reader.isAtEnd() else {
                    throw InputError(file: name, line: reader.location.line, message: "unexpected content after the JSON document")
                }
            }
            if !pendingExtensions.isEmpty {
                return .rootExtension(Canonicaliser.trimmedExtension(pendingExtensions.removeFirst()))
            }
            return nil
        }
    }

    /// Whether a record of JSON Lines is an organisation's: it has `organisationIdentifier`, or
    /// a key an organisation has and an activity does not (`name`, for one without identifier).
    private static func isOrganisation(_ value: JSONValue) -> Bool {
        guard case .object(let members) = value else { return false }
        func knows(_ spec: ElementSpec, _ key: String) -> Bool {
            spec.attributes.contains { $0.jsonKey == key } || spec.children.contains { $0.jsonKey == key }
        }
        return members.contains { member in
            member.key == OrganisationCatalogue.organisationIdentifier.jsonKey
                || (knows(OrganisationCatalogue.organisation, member.key) && !knows(ActivityCatalogue.activity, member.key))
        }
    }

    /// The next record, canonical; `nil` after the last. Read ahead when asked for, from the
    /// first record the reader holds on.
    /// - Throws: what stopped the reading; read ahead, the reader is this thread's again, where
    ///   the error left it (as after the same error met here).
    private func nextRecord(_ header: DocumentHeader) throws(XMLError) -> Node? {
        var records =
            self.records
            ?? JSONRecords(
                layout: layout == .lines ? .lines : .list(key: header.rootSpec.children.first?.jsonKey ?? "records"), name: name,
                spec: header.recordSpec, keepsUnicodeForm: keepsUnicodeForm)
        defer { self.records = records }
        if let (line, value) = firstLine {
            firstLine = nil
            return canonical(try records.lineRecord(value, line: line), header: header)
        }
        if case .ahead = reading {
            reading = JSONReadAhead(reader: reader, records: records).map(Reading.running) ?? .here
        }
        let record: JSONRecords.Record?
        if case .running(let ahead) = reading {
            do {
                record = try ahead.next()
            } catch {
                reading = .here
                throw error
            }
            if record == nil { reading = .here }
        } else {
            record = try records.next(from: reader)
        }
        return record.map { canonical($0, header: header) }
    }

    /// A record's element as the XML road has it: what was composed to NFC noted, upgraded,
    /// canonical.
    private func canonical(_ record: JSONRecords.Record, header: DocumentHeader) -> Node {
        if record.composed > 0 {
            notices.record(Notice.unicodeNormalised(count: record.composed, line: record.line, record: header.recordSpec.name))
        }
        let (canonical, log) = NodeRoad(header: header, upgrade: upgrade).run(record.element, notices: &notices)
        upgrade.add(finished: log)
        return canonical
    }
}
