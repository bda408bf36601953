public import LibXML

/// What the validator asks of a rules engine: the findings of one activity (or organisation).
///
/// An instance is used from one thread at a time, records in any order; the validator makes
/// one per worker thread through a ``RulesProvider``.
public protocol RecordRules: AnyObject {
    /// Findings of the rules on `record` (an `iati-activity` or `iati-organisation`).
    /// - Parameters:
    ///   - record: the record as the reader detached it, or as a ``Node`` (built or changed in
    ///     code, such as a 1.0x record upgraded), with line numbers.
    ///   - root: the file's root element (`iati-activities` with its attributes), without
    ///     children.
    ///   - file: the input's name, for the findings.
    ///   - identifier: the record's identifier as reports group it.
    func findings(for record: RuleRecord, root: Node, file: String, identifier: String) -> [Finding]
}

/// A record as the rules receive it.
public enum RuleRecord: Sendable {
    /// As the reader detached it, read in place.
    case tree(XMLSubtree)
    /// As a ``Node``: built or changed in code (a 1.0x record upgraded).
    case node(Node)

    /// The line of the record's start tag.
    public var line: Int {
        switch self {
        case .tree(let tree): tree.line
        case .node(let node): node.line
        }
    }

    /// Where the record's start tag begins (its `<`).
    public var position: SourcePosition {
        switch self {
        case .tree(let tree): tree.position
        case .node(let node): node.position
        }
    }

    /// Where the record's first child named `name` (no namespace) begins; `nil` when it has none.
    public func position(ofChild name: String) -> SourcePosition? {
        switch self {
        case .tree(let tree): tree.position(at: name)
        case .node(let node): node.child(name)?.position
        }
    }
}

/// Makes the rules instances the validator runs, one per thread.
public struct RulesProvider: Sendable {
    private let make: @Sendable () -> any RecordRules
    /// The list of registration agency prefixes the rules check identifiers against, as the
    /// official report names it (`orgIdPrefixFileName`); `nil` when not known.
    public var prefixListName: String?

    /// A provider calling `make` once for each thread that checks records.
    public init(_ make: @escaping @Sendable () -> any RecordRules) {
        self.make = make
    }

    /// A new instance for one thread.
    public func makeRules() -> any RecordRules { make() }
}
