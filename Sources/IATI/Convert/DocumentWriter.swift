public import LibXML

/// The output formats of `iatix convert`.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// One normalised JSON document per input file.
    case json
    /// One record (activity) per line.
    case jsonl
    /// Canonical IATI XML.
    case xml

    /// The usual file extension.
    public var fileExtension: String { rawValue }

    /// A writer of this format into `sink`.
    public func writer(into sink: ByteSink) -> any DocumentWriter {
        switch self {
        case .json: JSONDocumentWriter(sink: sink)
        case .jsonl: JSONLinesWriter(sink: sink)
        case .xml: CanonicalXMLWriter(sink: sink)
        }
    }
}

/// Writes a document as it streams past: header, records, then what closes it.
public protocol DocumentWriter: AnyObject {
    func begin(_ header: DocumentHeader) throws
    func write(record: Node) throws
    /// The form in which the writer takes records already written, once it has begun.
    var recordEncoding: RecordEncoding? { get }
    /// Writes a record already written in ``recordEncoding``.
    func write(encoded: [UInt8]) throws
    /// Writes a record that came as a tree (``RecordEncoding/tree``).
    func write(tree: RecordTree) throws
    /// Root-level extension elements, which canonical order puts after the records.
    func end(rootExtensions: [Node]) throws
    /// The file's extensions, outside its records, that the output cannot hold (JSON Lines
    /// holds records only), for a warning: `a:foo`, `<a:header>`.
    var leftOut: [String] { get }
}

extension DocumentWriter {
    public var leftOut: [String] { [] }

    /// Writers of bytes never ask for trees.
    public func write(tree: RecordTree) throws {
        throw InputError(file: "", message: "internal error: this writer takes records as nodes or bytes, not as trees")
    }
}

/// A writer that reads each record through the typed model: its records come as trees, on
/// the compact road (``RecordEncoding/tree``) or copied from the node of a record the upgrade
/// changed. Never as bytes.
public protocol RecordTreeWriter: DocumentWriter {
    /// The file being read, for messages.
    var file: String { get }
}

extension RecordTreeWriter {
    public var recordEncoding: RecordEncoding? { .tree }

    public func write(record: Node) throws {
        try write(tree: RecordTree(node: record))
    }

    public func write(encoded: [UInt8]) throws {
        throw InputError(file: file, message: "internal error: records for the typed model come as trees, not already written")
    }
}

/// Canonical IATI XML: schema order, trimmed text, two-space indentation, namespaces
/// declared once on the root (or on a record for namespaces the root does not declare).
public final class CanonicalXMLWriter: DocumentWriter {
    private let sink: ByteSink
    private let xml = XMLWriter()
    private var header: DocumentHeader?
    private var scope: [String: String] = [:]

    public init(sink: ByteSink) { self.sink = sink }

    public func begin(_ header: DocumentHeader) throws {
        self.header = header
        scope = header.namespaceScope
        try sink.append { buffer in
            buffer += XMLWriter.declaration
            xml.startTag(header.rootSpec.name, attributes: header.root.attributes, declarations: header.namespaces, into: &buffer)
            buffer += "\n"
        }
    }

    public func write(record: Node) throws {
        try sink.append { xml.write(record, level: 1, scope: scope, into: &$0) }
    }

    public var recordEncoding: RecordEncoding? { header == nil ? nil : .xml(scope: scope) }

    public func write(encoded: [UInt8]) throws {
        try sink.write(encoded)
    }

    public func end(rootExtensions: [Node]) throws {
        try sink.append { buffer in
            for node in rootExtensions { xml.write(node, level: 1, scope: scope, into: &buffer) }
            buffer += "</\(header?.rootSpec.name ?? "iati-activities")>\n"
        }
    }
}

/// The normalised JSON document: the root's attributes, `namespaces`, the records as a list,
/// then `extensions`. Records are written as they come, one per line inside the list.
public final class JSONDocumentWriter: DocumentWriter {
    private let sink: ByteSink
    private var header: DocumentHeader?
    private var count = 0

    public init(sink: ByteSink) { self.sink = sink }

    public func begin(_ header: DocumentHeader) throws {
        self.header = header
        var buffer: [UInt8] = []
        NormalisedJSON.append(header.root, spec: header.rootSpec, to: &buffer)
        buffer.removeLast()  // the closing brace: the records follow
        var separator = buffer.count > 1 ? "," : ""
        if !header.namespaces.isEmpty {
            buffer += separator + "\"namespaces\":{"
            for (index, declaration) in header.namespaces.sorted(by: { ($0.prefix ?? "") < ($1.prefix ?? "") }).enumerated() {
                if index > 0 { buffer += "," }
                JSONText.appendString(declaration.prefix ?? "", to: &buffer)
                buffer += ":"
                JSONText.appendString(declaration.uri, to: &buffer)
            }
            buffer += "}"
            separator = ","
        }
        buffer += separator
        JSONText.appendString(header.rootSpec.children.first?.jsonKey ?? "records", to: &buffer)
        buffer += ":["
        try sink.write(buffer)
    }

    public func write(record: Node) throws {
        guard let header else { return }
        let first = count == 0
        try sink.append { buffer in
            buffer += first ? "\n" : ",\n"
            NormalisedJSON.append(record, spec: header.recordSpec, to: &buffer)
        }
        count += 1
    }

    public var recordEncoding: RecordEncoding? { .json }

    public func write(encoded json: [UInt8]) throws {
        let first = count == 0
        try sink.append { buffer in
            buffer += first ? "\n" : ",\n"
            buffer += json
        }
        count += 1
    }

    public func end(rootExtensions: [Node]) throws {
        let empty = count == 0
        try sink.append { buffer in
            buffer += empty ? "]" : "\n]"
            if !rootExtensions.isEmpty {
                buffer += ",\"extensions\":"
                NormalisedJSON.appendExtensions(attributes: [], elements: rootExtensions, to: &buffer)
            }
            buffer += "}\n"
        }
    }
}

/// JSON Lines: one normalised record per line, nothing else. The root's attributes and
/// extension elements are left out; its extensions are listed in ``leftOut``.
public final class JSONLinesWriter: DocumentWriter {
    private let sink: ByteSink
    private var header: DocumentHeader?
    public private(set) var leftOut: [String] = []

    public init(sink: ByteSink) { self.sink = sink }

    public func begin(_ header: DocumentHeader) throws {
        self.header = header
        // The standard's own attributes of the file (generated-datetime, say) describe the
        // file, not its records: documented as not carried, not warned of.
        leftOut = header.root.attributes.filter { attribute in
            attribute.namespace != XMLNamespace.xml
                && (attribute.namespace != nil || !header.rootSpec.attributes.contains { $0.name == attribute.name })
        }.map { attribute in attribute.prefix.map { "\($0):\(attribute.name)" } ?? attribute.name }
    }

    public func write(record: Node) throws {
        guard let header else { return }
        try sink.append { buffer in
            NormalisedJSON.append(record, spec: header.recordSpec, to: &buffer)
            buffer += "\n"
        }
    }

    public var recordEncoding: RecordEncoding? { .json }

    public func write(encoded json: [UInt8]) throws {
        try sink.append { buffer in
            buffer += json
            buffer += "\n"
        }
    }

    public func end(rootExtensions: [Node]) throws {
        leftOut += rootExtensions.map { "<\($0.qualifiedName)>" }
    }
}
