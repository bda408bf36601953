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
    /// Root-level extension elements, which canonical order puts after the records.
    func end(rootExtensions: [Node]) throws
}

/// Canonical IATI XML: schema order, trimmed text, two-space indentation, namespaces
/// declared once on the root (or on a record for namespaces the root does not declare).
public final class CanonicalXMLWriter: DocumentWriter {
    private let sink: ByteSink
    private let xml = XMLWriter()
    private var header: DocumentHeader?
    private var scope: [String: String] = [:]
    private var buffer = ""

    public init(sink: ByteSink) { self.sink = sink }

    public func begin(_ header: DocumentHeader) throws {
        self.header = header
        scope = header.namespaceScope
        buffer = XMLWriter.declaration
        xml.startTag(header.rootSpec.name, attributes: header.root.attributes, declarations: header.namespaces, into: &buffer)
        buffer += "\n"
        try sink.write(buffer)
    }

    public func write(record: Node) throws {
        buffer.removeAll(keepingCapacity: true)
        xml.write(record, level: 1, scope: scope, into: &buffer)
        try sink.write(buffer)
    }

    public func end(rootExtensions: [Node]) throws {
        buffer.removeAll(keepingCapacity: true)
        for node in rootExtensions { xml.write(node, level: 1, scope: scope, into: &buffer) }
        buffer += "</\(header?.rootSpec.name ?? "iati-activities")>\n"
        try sink.write(buffer)
    }
}

/// The normalised JSON document: the root's attributes, `namespaces`, the records as a list,
/// then `extensions`. Records are written as they come, one per line inside the list.
public final class JSONDocumentWriter: DocumentWriter {
    private let sink: ByteSink
    private var header: DocumentHeader?
    private var count = 0
    private var buffer = ""

    public init(sink: ByteSink) { self.sink = sink }

    public func begin(_ header: DocumentHeader) throws {
        self.header = header
        var rootObject = ""
        NormalisedJSON.append(header.root, spec: header.rootSpec, to: &rootObject)
        rootObject.removeLast()  // the closing brace: the records follow
        buffer = rootObject
        var separator = rootObject.count > 1 ? "," : ""
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
        buffer.removeAll(keepingCapacity: true)
        buffer += count == 0 ? "\n" : ",\n"
        NormalisedJSON.append(record, spec: header.recordSpec, to: &buffer)
        count += 1
        try sink.write(buffer)
    }

    public func end(rootExtensions: [Node]) throws {
        buffer = count == 0 ? "]" : "\n]"
        if !rootExtensions.isEmpty {
            buffer += ",\"extensions\":"
            NormalisedJSON.appendExtensions(attributes: [], elements: rootExtensions, to: &buffer)
        }
        buffer += "}\n"
        try sink.write(buffer)
    }
}

/// JSON Lines: one normalised record per line, nothing else.
public final class JSONLinesWriter: DocumentWriter {
    private let sink: ByteSink
    private var header: DocumentHeader?
    private var buffer = ""

    public init(sink: ByteSink) { self.sink = sink }

    public func begin(_ header: DocumentHeader) throws { self.header = header }

    public func write(record: Node) throws {
        guard let header else { return }
        buffer.removeAll(keepingCapacity: true)
        NormalisedJSON.append(record, spec: header.recordSpec, to: &buffer)
        buffer += "\n"
        try sink.write(buffer)
    }

    public func end(rootExtensions: [Node]) throws {}
}
