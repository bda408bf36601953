public import LibXML

/// Checks records (activities or organisations) one at a time, outside a file read by the
/// ``Validator``: for callers that already stream the records, such as batch conversion.
///
/// Structure and datatypes follow the catalogue of the declared version (2.03 when it names
/// none the catalogue has); codelists and rules as in a file validation. Repeated identifiers
/// are the caller's concern. Not `Sendable`: use one per thread (and per file).
public final class RecordValidator {
    private let context: RecordContext
    private let model: ElementModel?
    private let rules: (any RecordRules)?
    private var identity: RecordIdentity
    private var count = 0
    private let copier = XMLNodeCopier()

    /// Prepares checks for the records of one file.
    /// - Parameters:
    ///   - root: the file's root element (`iati-activities` or `iati-organisations`, with its
    ///     `version`); its children are ignored.
    ///   - file: the file's name, for findings.
    ///   - options: what to check (``ValidationOptions/schemaFolder`` is ignored: records are
    ///     checked against the catalogue).
    ///   - rules: makes the rules to run on each record, if any.
    public init(root: Node, file: String, options: ValidationOptions = .default, rules: RulesProvider? = nil) {
        let declared = DeclaredVersion(root.attributes.first { $0.name == "version" && $0.namespace == nil }?.value)
        let version = options.structureVersion ?? declared.structureVersion
        let rootModel = StructureModel.root(root.name, version: version)
        let recordName = root.name == "iati-organisations" ? "iati-organisation" : "iati-activity"
        self.model = rootModel?.particleIndex[recordName].flatMap { rootModel?.particles[$0].element }
        var bare = root
        bare.children = []
        self.context = RecordContext(file: file, root: bare, checksStructure: true, checksCodelists: options.checksCodelists)
        self.rules = rules?.makeRules()
        self.identity = RecordIdentity(root: root.name)
    }

    /// The findings of one record, with the identifier reports group it under
    /// (`noIdentifier`, `id(2)` for a repeat).
    public func check(_ record: Node) -> (identifier: String, findings: [Finding]) {
        let registered = identity.register(identity.identifier(of: record), line: record.line)
        count += 1
        let job = RecordJob(index: count - 1, record: .node(record), identifier: registered.name, model: model, ordinal: count, leading: [])
        return (registered.name, context.check(job, rules: rules, copier: copier))
    }
}
