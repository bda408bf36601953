public import LibXML

/// What a file says about itself before its activities (or organisations): the root element's
/// canonical attributes and namespace declarations, and which part of the catalogue applies.
public struct DocumentHeader: Sendable {
    /// The root's spec (`iati-activities` or `iati-organisations`).
    public var rootSpec: ElementSpec
    /// The spec of the records the root holds (`iati-activity`, `iati-organisation`).
    public var recordSpec: ElementSpec
    /// The root element, without children: canonical attributes.
    public var root: Node
    /// Namespace declarations of the root (prefix → URI), kept so output declares them once.
    public var namespaces: [NamespaceDeclaration]
    /// The version of the canonical root (2.03 once upgraded), if any.
    public var version: String? { root.attribute("version") }
    /// The version the file itself declares (before any upgrade), if any.
    public var declaredVersion: String?
    /// The file's `xml:lang`, inherited by narratives that set none.
    public var language: String?
    /// Line of the root start tag.
    public var line: Int

    public init(
        rootSpec: ElementSpec, recordSpec: ElementSpec, root: Node, namespaces: [NamespaceDeclaration], language: String?, line: Int,
        declaredVersion: String?
    ) {
        self.declaredVersion = declaredVersion
        self.rootSpec = rootSpec
        self.recordSpec = recordSpec
        self.root = root
        self.namespaces = namespaces
        self.language = language
        self.line = line
    }

    /// Prefix → URI for the root's declarations.
    public var namespaceScope: [String: String] {
        var scope: [String: String] = [:]
        for declaration in namespaces {
            if let prefix = declaration.prefix { scope[prefix] = declaration.uri }
        }
        return scope
    }
}

/// One item under the root: a record (activity or organisation) or a root-level extension.
public enum DocumentItem: Sendable {
    case record(Node)
    /// A record already written in the writer's form (see ``XMLDocumentSource/encoding``).
    case encoded(EncodedRecord)
    case rootExtension(Node)
}

/// How a writer takes records already written (``DocumentItem/encoded(_:)``).
public enum RecordEncoding: Sendable, Equatable {
    /// Normalised JSON of the record alone.
    case json
    /// Canonical XML of the record at indentation 1, with the root's prefixes in scope.
    case xml(scope: [String: String])
    /// The canonical record itself, as a ``RecordTree`` for the typed model to read.
    case tree
}

/// A record already written (normalised JSON or canonical XML, or for ``RecordEncoding/tree``
/// the record as a tree), with what callers count of it.
public struct EncodedRecord: Sendable {
    /// The record written; empty for ``RecordEncoding/tree``.
    public var bytes: [UInt8]
    /// The record, for ``RecordEncoding/tree``.
    public var tree: RecordTree?
    /// `iati-identifier` (or `organisation-identifier`), trimmed.
    public var identifier: String?
    /// `last-updated-datetime`, trimmed.
    public var lastUpdated: String?
}

/// Reads a document as its header, then its items one at a time, each already canonical.
public protocol DocumentSource: AnyObject {
    /// The input's name, for messages.
    var name: String { get }
    /// Reads up to and including the root's start; call once, first.
    func header() throws -> DocumentHeader
    /// The next item, `nil` at the end of the document.
    func next() throws -> DocumentItem?
    /// What was noticed and kept so far.
    var notices: NoticeLog { get }
    /// Bytes consumed so far.
    var bytesRead: Int { get }
}

/// Input errors that are not libxml2's (wrong root, unreadable JSON shape) are ``XMLError``s
/// too: one error type says where and what, whatever found the problem.
public typealias InputError = XMLError
