import IATI
import LibXML

/// One file's validation: reads it record by record, has the records checked (on this thread
/// or on checking threads) and hands the results to the sink in document order.
struct FilePass {
    let name: String
    let options: ValidationOptions
    /// Rules for checking on the reading thread (with no checking threads, or when they are
    /// behind).
    let inlineRules: (any RecordRules)?
    /// Rules for the checking threads.
    let rulesProvider: RulesProvider?
    let sink: any ReportSink
    /// Takes the records as they are checked (checks then run on the reading thread).
    let consumer: (any RecordConsumer)?
    /// What the consumer threw, which stopped the pass.
    private(set) var consumerError: (any Error)?
    /// Why reading stopped early (not well-formed, empty, not IATI), for the consumer.
    private var failure: XMLError?
    private var emitter: RecordEmitter
    private var fileType: String?
    private var declaredVersion: String?
    private var fileFindings: [Finding] = []
    private var recordCount = 0
    private var began = false
    /// Copies detached records when they are checked on the reading thread.
    private let copier = XMLNodeCopier()

    /// - Parameter schemaErrors: the `--xsd` pass's errors, each placed with the record whose
    ///   lines hold it.
    init(
        name: String, options: ValidationOptions, inlineRules: (any RecordRules)?, rulesProvider: RulesProvider?,
        sink: any ReportSink, schemaErrors: [XMLError], consumer: (any RecordConsumer)? = nil
    ) {
        self.name = name
        self.options = options
        self.inlineRules = inlineRules
        self.rulesProvider = rulesProvider
        self.sink = sink
        self.consumer = consumer
        self.emitter = RecordEmitter(file: name, schemaErrors: schemaErrors, composesText: !options.keepsUnicodeForm)
    }

    /// Reads the file through `reader` and reports it; returns the file's summary.
    mutating func run(_ reader: XMLReader) -> FileSummary {
        do {
            try read(reader)
        } catch let error as XMLError {
            failure = error
            // A named input (a PDF, an empty file) says what it is; libxml2's words need the prefix.
            let message = error.inputKind != nil ? error.message : "not well-formed XML: \(error.message)"
            fileFinding(RuleID.of(error), .critical, .iati, message, line: error.line, column: error.column)
        } catch {
            consumerError = (error as? ConsumerStop)?.error ?? error
        }
        for warning in reader.diagnostics where warning.code == XMLError.externalNotLoaded {
            fileFinding(RuleID.externalNotLoaded, .warning, .iati, warning.message, line: warning.line)
        }
        consumer?.end(failure: failure)
        begin()
        fileFindings += emitter.unplacedSchemaFindings()
        if !options.keepsUnicodeForm { fileFindings = fileFindings.map { $0.composed() } }
        var counts = emitter.counts
        for finding in fileFindings { counts.add(finding.severity) }
        let summary = FileSummary(
            file: name, fileType: fileType, declaredVersion: declaredVersion,
            fileFindings: fileFindings, counts: counts, recordCount: recordCount)
        sink.endFile(summary)
        return summary
    }

    private mutating func begin() {
        guard !began else { return }
        began = true
        sink.beginFile(name, fileType: fileType)
    }

    /// Hands something to the consumer; what it throws stops the pass as a ``ConsumerStop``.
    private func consume(_ body: (any RecordConsumer) throws -> Void) throws {
        guard let consumer else { return }
        do { try body(consumer) } catch { throw ConsumerStop(error: error) }
    }

    private mutating func read(_ reader: XMLReader) throws {
        guard let root = try reader.nextElement() else {
            fileFailure(RuleID.notWellFormed, "no root element: the file is empty or holds no XML element", line: max(reader.currentLine, 1))
            return
        }
        guard IATIRoot.isIATI(root) else {
            fileFailure(RuleID.notIATI, IATIRoot.notIATI(root, file: name).message, line: root.line)
            return
        }
        fileType = root.name
        begin()
        let versionText = root.attributes.first { $0.name == "version" && $0.namespace == nil }?.value
        declaredVersion = versionText
        let declared = DeclaredVersion(versionText)
        // A 1.0x file is reported as unsupported, then its content is checked as upgraded to
        // 2.03 (what `iatix convert` writes), with the lines of the original file.
        var upgrade: LegacyUpgrade?
        var rootAttributes = root.attributes
        if case .legacy(let version) = declared {
            fileFinding(
                RuleID.unsupportedVersion, .critical, .documents,
                "version \(version.rawValue) of the IATI Standard is no longer supported: its content is checked below as upgraded to 2.03; write the upgrade with `iatix convert FILE --to xml -o upgraded.xml`",
                line: root.line)
            guard options.schemaFolder == nil, let legacy = LegacyUpgrade(root: root) else { return }
            upgrade = legacy
            rootAttributes = legacy.rootAttributes
        }
        let version = upgrade != nil ? IATIVersion.current : options.structureVersion ?? declared.structureVersion
        guard let rootModel = StructureModel.root(root.name, version: version) else { return }
        let checksStructure = options.schemaFolder == nil

        var rootChecker = ElementChecker(file: name, record: nil, checksStructure: checksStructure, checksCodelists: options.checksCodelists, location: [])
        rootChecker.checkStart(name: root.name, attributes: rootAttributes, line: root.line, model: rootModel)
        var rootFindings = rootChecker.findings
        if versionText == nil, let index = rootFindings.firstIndex(where: { $0.message.hasPrefix("missing required attribute @version") }) {
            rootFindings[index].context = "add version=\"2.03\" or the version the file follows; checked as \(version.rawValue)"
        }
        fileFindings += rootFindings
        try consume { try $0.begin(root: root) }

        let rootNode = Node(name: root.name, namespace: root.namespace, prefix: root.prefix, attributes: rootAttributes, line: root.line)
        let context = RecordContext(file: name, root: rootNode, checksStructure: checksStructure, checksCodelists: options.checksCodelists)
        let workers = options.checkingThreads > 0 && consumer == nil ? RecordWorkers(count: options.checkingThreads, context: context, rules: rulesProvider) : nil
        defer {
            if let workers { emitter.complete(workers.finish()) }
            emitter.emit(to: sink, final: true)
        }

        var identity = RecordIdentity(root: root.name)
        var matcher = SequenceMatcher(rootModel)
        let recordName = rootModel.particles.first?.element?.name ?? "iati-activity"
        let defaultRecordModel = rootModel.particleIndex[recordName].flatMap { rootModel.particles[$0].element }
        while let start = try reader.nextElement() {
            guard start.depth == 1 else { continue }
            var missing: [String] = []
            let outcome = matcher.accept(name: start.name, namespace: start.namespace, qualifiedName: start.qualifiedName) { missing.append($0) }
            if checksStructure {
                for message in missing { fileFinding(RuleID.structure, .critical, .schema, message, line: start.line) }
            }
            let isRecord = start.namespace == nil && start.name == recordName
            if !isRecord {
                if checksStructure, case .unexpected(let message) = outcome {
                    fileFinding(RuleID.structure, .critical, .schema, message, line: start.line, location: "/\(root.name)/\(start.qualifiedName)")
                }
                if consumer != nil {
                    let element = try reader.expand()
                    try consume { try $0.other(element) }
                } else {
                    try reader.skip()
                }
                continue
            }
            let (record, asRead) = try Self.take(reader, upgrade: &upgrade)
            let (identifier, title, line) = (identity.identifier(of: record), identity.title(of: record), record.line)
            let index = recordCount
            recordCount += 1
            let registered = identity.register(identifier, line: line)
            emitter.started(index: index, record: RecordInfo(identifier: registered.name, title: title, line: line))
            if identity.reportsDuplicates, let identifier, let firstLine = registered.firstLine {
                fileFinding(
                    RuleID.duplicateIdentifier, .error, .identifiers,
                    "activity identifier \"\(identifier)\" is used again (first at line \(firstLine)): each activity needs its own identifier",
                    line: line, location: "/\(root.name)/\(recordName)[\(index + 1)]/\(identity.identifierElement)")
            }
            var leading: [Finding] = []
            if case .unexpected(let message) = outcome, checksStructure {
                leading.append(Finding(
                    ruleID: RuleID.structure, severity: .critical, category: .schema, message: message,
                    file: name, line: line, record: registered.name, location: "/\(root.name)/\(recordName)[\(index + 1)]"))
            }
            let recordModel: ElementModel? = if case .element(let model, _, _) = outcome { model } else { defaultRecordModel }
            let job = RecordJob(index: index, record: record, identifier: registered.name, model: recordModel, ordinal: index + 1, leading: leading)
            if let workers {
                if let overflow = workers.queue.push(job) {
                    workers.queue.store(context.check(overflow, rules: inlineRules, copier: copier), for: overflow.index)
                }
                emitter.complete(workers.queue.takeCompleted())
            } else {
                let findings = context.check(job, rules: inlineRules, copier: copier)
                emitter.complete([index: findings])
                try consume { try $0.record(asRead, findings: findings) }
            }
            emitter.emit(to: sink, final: false)
        }
        if checksStructure {
            var missing: [String] = []
            matcher.finish { missing.append($0) }
            for message in missing { fileFinding(RuleID.structure, .critical, .schema, message, line: root.line) }
        }
    }

    /// Takes the record the reader stands on: detached as it is (read in place on the checking
    /// thread), or, in a 1.0x file, copied to be upgraded. Returns the record to check and the
    /// record as read (for the consumer).
    private static func take(_ reader: XMLReader, upgrade: inout LegacyUpgrade?) throws(XMLError) -> (RuleRecord, asRead: RuleRecord) {
        guard var legacy = upgrade else {
            let tree = try reader.detach()
            return (.tree(tree), .tree(tree))
        }
        let written = try reader.expand()
        let node = legacy.record(written)
        upgrade = legacy
        return (.node(node), .node(written))
    }

    /// A critical finding that stops reading the file (for the consumer, its failure).
    private mutating func fileFailure(_ id: String, _ message: String, line: Int) {
        fileFinding(id, .critical, .iati, message, line: line)
        failure = XMLError(file: name, line: line, message: message)
    }

    private mutating func fileFinding(
        _ id: String, _ severity: Severity, _ category: Category, _ message: String,
        line: Int, column: Int = 0, location: String = ""
    ) {
        fileFindings.append(Finding(
            ruleID: id, severity: severity, category: category, message: message,
            file: name, line: line, column: column, record: nil, location: location))
    }
}

/// The upgrade of a 1.0x file's records to canonical 2.03, for checking them as 2.03.
private struct LegacyUpgrade {
    private var upgrade: DocumentUpgrade
    private let recordSpec: ElementSpec
    private let language: String?
    /// The root's attributes as upgraded (`version="2.03"`).
    let rootAttributes: [Attribute]

    init?(root: ElementStart) {
        guard let rootSpec = Catalogue.spec(forRoot: root.name), let recordSpec = rootSpec.children.first?.element else { return nil }
        var upgrade = DocumentUpgrade(file: "")
        var node = Node(name: root.name, attributes: root.attributes, line: root.line)
        upgrade.upgrade(root: &node, spec: rootSpec)
        self.upgrade = upgrade
        self.recordSpec = recordSpec
        self.rootAttributes = node.attributes
        self.language = root.attributes.first { $0.name == "lang" && $0.namespace == XMLNamespace.xml }?.value
    }

    /// The record upgraded and in canonical order (1.0x had no order), lines kept.
    mutating func record(_ node: Node) -> Node {
        let upgraded = upgrade.upgrade(record: node, spec: recordSpec)
        var log = NoticeLog()
        return Canonicaliser().canonical(upgraded, spec: recordSpec, inherited: .init(language: language), log: &log)
    }
}
