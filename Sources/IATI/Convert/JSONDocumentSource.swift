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
    private var recordIndex = 0
    private let canonicaliser = Canonicaliser()
    /// What the XML road does to a record with older content (a 1.0x `version` attribute on an
    /// activity, …): JSON that carries it is read as the same record's XML is.
    private var upgrade: DocumentUpgrade

    /// Whether decomposed text (NFD) stays as written rather than composed (NFC), as for XML.
    private let keepsUnicodeForm: Bool

    public init(name: String, source: any ByteSource, layout: Layout, keepsUnicodeForm: Bool = false) {
        self.name = name
        self.keepsUnicodeForm = keepsUnicodeForm
        self.reader = JSONReader(name: name, source: source)
        self.layout = layout
        self.upgrade = DocumentUpgrade(file: name)
    }

    public var bytesRead: Int { reader.bytesRead }

    public func header() throws -> DocumentHeader {
        if let documentHeader { return documentHeader }
        let rootSpec = ActivityCatalogue.root
        guard layout == .document else {
            // The first line says what the lines hold: organisations (as `convert --to jsonl`
            // writes an organisation file) or activities.
            if !(try reader.isAtEnd()) {
                let line = reader.location.line
                firstLine = (line, try lineValue(startingOn: line))
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
            if let (line, value) = firstLine {
                firstLine = nil
                return .record(try record(value, header: header, line: line, path: "line \(line)"))
            }
            guard !(try reader.isAtEnd()) else { return nil }
            let line = reader.location.line
            return .record(try record(try lineValue(startingOn: line), header: header, line: line, path: "line \(line)"))
        case .document:
            if inRecords {
                if try reader.nextElement() {
                    let line = reader.location.line
                    defer { recordIndex += 1 }
                    let key = header.rootSpec.children.first?.jsonKey ?? "records"
                    // A document may be pretty-printed: each element gets the line its value starts on.
                    reader.recordsPlaces = true
                    defer { reader.recordsPlaces = false }
                    let value = try reader.value()
                    return .record(try record(value, header: header, line: line, places: reader.takePlaces(), path: "$.\(key)[\(recordIndex)]"))
                }
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

    /// The record of JSON Lines that starts on `line`. One that is not whole there (JSON Lines
    /// holds one record per line) is reported at its own line, not where the parser gave up
    /// on the lines after it.
    private func lineValue(startingOn line: Int) throws(XMLError) -> JSONValue {
        do {
            return try reader.value()
        } catch {
            guard error.line > line else { throw error }
            var atLine = error
            atLine.line = line
            atLine.column = 0
            atLine.message = "the record that starts on this line does not end on it (JSON Lines holds one whole record per line); the parser then found: \(error.message)"
            throw atLine
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

    /// The record `value`, which starts on `line`; `places`, when given, are where its values
    /// are (``JSONReader/takePlaces()``), for its elements' own lines.
    private func record(_ value: JSONValue, header: DocumentHeader, line: Int, places: [JSONReader.ValuePlace] = [], path: String) throws -> Node {
        do {
            var node = try NormalisedJSON.node(from: value, spec: header.recordSpec, path: path, line: line, values: places)
            if !keepsUnicodeForm {
                var changed = 0
                node = node.composedUnicode(changed: &changed)
                if changed > 0 { notices.record(Notice.unicodeNormalised(count: changed, line: line, record: header.recordSpec.name)) }
            }
            let upgraded = upgrade.upgrade(record: node, spec: header.recordSpec)
            let record = canonicaliser.canonical(upgraded, spec: header.recordSpec, inherited: .init(language: header.language), log: &notices)
            upgrade.finish(record: record, spec: header.recordSpec)
            return record
        } catch {
            throw InputError(file: name, line: line, message: error.description)
        }
    }
}
