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
    /// The first record whose 1.0x content contradicts the file's 2.x version, and its index.
    private var contradiction: CheckedRecord.Contradiction?
    private var contradictionIndex = Int.max
    private var began = false
    /// Copies detached records when they are checked on the reading thread.
    private let copier = XMLNodeCopier()
    /// Whether iatix checks structure itself (not with `--xsd`).
    private var checksStructure: Bool { options.schemaFolder == nil }

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
            let message = error.inputKind != nil || error.code == XMLError.unreadable ? error.message : "not well-formed XML: \(error.message)"
            fileFinding(RuleID.of(error), .critical, .iati, message, at: SourcePosition(line: error.line, column: error.column))
        } catch {
            consumerError = (error as? ConsumerStop)?.error ?? error
        }
        for warning in reader.diagnostics where warning.code == XMLError.externalNotLoaded {
            fileFinding(RuleID.externalNotLoaded, .warning, .iati, warning.message, at: SourcePosition(line: warning.line, column: warning.column))
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
        // A record read as 1.0x (declared so, or shown by its content when the file declares no
        // 2.x version) is reported once as unsupported, then checked as upgraded to 2.03 (what
        // `iatix convert` writes), with the lines of the original file. With `--xsd` the official
        // schema judges the file as written: a declared 1.0x file is not read further.
        var readsVersion1 = false
        if case .legacy(let version) = declared {
            readsVersion1 = true
            fileFinding(
                RuleID.unsupportedVersion, .critical, .documents, "version \(version.rawValue) of the IATI Standard is \(Self.unsupported)",
                at: root.position)
            guard checksStructure else { return }
        }
        let versioning = checksStructure ? RecordVersioning(root: root, declared: declared) : nil
        let version = readsVersion1 ? IATIVersion.current : options.structureVersion ?? declared.structureVersion
        guard let rootModel = StructureModel.root(root.name, version: version) else { return }
        try consume { try $0.begin(root: root) }

        // The root is checked once its attributes are settled: at once, unless the first record
        // decides whether the file is read as 1.0x (and so its root as upgraded).
        let rootFindingsIndex = fileFindings.count
        let upgradedRoot = versioning?.upgradedRootAttributes ?? root.attributes
        var records: RecordStage?
        if versioning?.detects != true || readsVersion1 {
            records = stage(root, attributes: readsVersion1 ? upgradedRoot : root.attributes, model: rootModel, version: version, findingsAt: rootFindingsIndex, versioning: versioning)
        }
        defer {
            if records == nil { checkRoot(root, attributes: root.attributes, model: rootModel, version: version, findingsAt: rootFindingsIndex) }
            if let workers = records?.workers { complete(workers.finish()) }
            if let first = contradiction {
                version1Finding(first.decision.reason ?? "the content is 1.0x", at: first.position)
            }
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
                for message in missing { fileFinding(RuleID.structure, .critical, .schema, message, at: start.position) }
            }
            let isRecord = start.namespace == nil && start.name == recordName
            if !isRecord {
                if checksStructure, case .unexpected(let message) = outcome {
                    fileFinding(
                        RuleID.structure, .critical, .schema, message, at: start.position,
                        location: "/\(root.name)/\(start.qualifiedName)")
                }
                if consumer != nil {
                    let element = try reader.expand()
                    try consume { try $0.other(element) }
                } else {
                    try reader.skip()
                }
                continue
            }
            let (record, asRead, decision) = try take(reader, versioning: versioning)
            if let decision, !readsVersion1 {
                readsVersion1 = true
                let why = decision.reason ?? "version \(decision.declared ?? "") is declared by the record at line \(record.line)"
                version1Finding(why, at: record.position)
            }
            let current = records ?? stage(root, attributes: readsVersion1 ? upgradedRoot : root.attributes, model: rootModel, version: version, findingsAt: rootFindingsIndex, versioning: versioning)
            records = current
            let (context, workers) = (current.context, current.workers)
            let (identifier, title, line) = (identity.identifier(of: record), identity.title(of: record), record.line)
            let index = recordCount
            recordCount += 1
            let registered = identity.register(identifier, line: line)
            emitter.started(index: index, record: RecordInfo(identifier: registered.name, title: title, line: line))
            if identity.reportsDuplicates, let identifier, let firstLine = registered.firstLine {
                // At the identifier the finding is about.
                let place = record.position(ofChild: identity.identifierElement) ?? record.position
                fileFinding(
                    RuleID.duplicateIdentifier, .error, .identifiers,
                    "activity identifier \"\(identifier)\" is used again (first at line \(firstLine)): each activity needs its own identifier",
                    at: place, location: "/\(root.name)/\(recordName)[\(index + 1)]/\(identity.identifierElement)")
            }
            var leading: [Finding] = []
            if case .unexpected(let message) = outcome, checksStructure {
                var finding = Finding(
                    ruleID: RuleID.structure, severity: .critical, category: .schema, message: message,
                    file: name, record: registered.name, location: "/\(root.name)/\(recordName)[\(index + 1)]")
                finding.position = record.position
                leading.append(finding)
            }
            let recordModel: ElementModel? = if case .element(let model, _, _) = outcome { model } else { defaultRecordModel }
            let job = RecordJob(index: index, record: record, identifier: registered.name, model: recordModel, ordinal: index + 1, leading: leading)
            if let workers {
                if let overflow = workers.queue.push(job) {
                    workers.queue.store(context.check(overflow, rules: inlineRules, copier: copier), for: overflow.index)
                }
                complete(workers.queue.takeCompleted())
            } else {
                let checked = context.check(job, rules: inlineRules, copier: copier)
                complete([index: checked])
                try consume { try $0.record(asRead, findings: checked.findings) }
            }
            emitter.emit(to: sink, final: false)
        }
        if checksStructure {
            var missing: [String] = []
            matcher.finish { missing.append($0) }
            for message in missing { fileFinding(RuleID.structure, .critical, .schema, message, at: root.position) }
        }
    }

    /// Takes the findings of records whose checks are done, and the first record (in document
    /// order) whose 1.0x content contradicts the file's 2.x version, for its 0.6.1 finding.
    private mutating func complete(_ done: [Int: CheckedRecord]) {
        emitter.complete(done.mapValues(\.findings))
        for (index, checked) in done {
            guard let found = checked.contradiction, index < contradictionIndex else { continue }
            contradiction = found
            contradictionIndex = index
        }
    }

    /// What the 0.6.1 finding says after naming the version.
    private static let unsupported = "no longer supported: its content is checked below as upgraded to 2.03; write the upgrade with `iatix convert FILE --to xml -o upgraded.xml`"

    /// What the records of a file are checked with, once the root's attributes are settled.
    private struct RecordStage {
        let context: RecordContext
        let workers: RecordWorkers?
    }

    /// Checks the root start tag with `attributes` and sets up the checking of the records.
    /// - Parameter versioning: the file's versioning; when it declares 2.x, records whose
    ///   checks show 1.0x content are decided again.
    private mutating func stage(
        _ root: ElementStart, attributes: [Attribute], model: ElementModel, version: IATIVersion, findingsAt index: Int,
        versioning: RecordVersioning?
    ) -> RecordStage {
        checkRoot(root, attributes: attributes, model: model, version: version, findingsAt: index)
        let rootNode = Node(
            name: root.name, namespace: root.namespace, prefix: root.prefix, attributes: attributes, line: root.position.line, column: root.position.column)
        let context = RecordContext(
            file: name, root: rootNode, checksStructure: checksStructure, checksCodelists: options.checksCodelists,
            contradictions: versioning?.detects == false ? versioning : nil)
        let workers = options.checkingThreads > 0 && consumer == nil ? RecordWorkers(count: options.checkingThreads, context: context, rules: rulesProvider) : nil
        return RecordStage(context: context, workers: workers)
    }

    /// Checks the root start tag with `attributes`; its findings go before those found since
    /// `index` (when the root is checked after the first record).
    private mutating func checkRoot(_ root: ElementStart, attributes: [Attribute], model: ElementModel, version: IATIVersion, findingsAt index: Int) {
        var rootChecker = ElementChecker(file: name, record: nil, checksStructure: checksStructure, checksCodelists: options.checksCodelists, location: [])
        rootChecker.checkStart(name: root.name, attributes: attributes, at: root.position, model: model)
        var rootFindings = rootChecker.findings
        if !attributes.contains(where: { $0.name == "version" && $0.namespace == nil }),
            let missing = rootFindings.firstIndex(where: { $0.message.hasPrefix("missing required attribute @version") })
        {
            rootFindings[missing].context = "add version=\"2.03\" or the version the file follows; checked as \(version.rawValue)"
        }
        fileFindings.insert(contentsOf: rootFindings, at: index)
    }

    /// Takes the record the reader stands on, detached (read in place on the checking thread);
    /// in a file that declares no 2.x version, copied to decide its version and, when it is
    /// read as 1.0x, upgraded. Returns the record to check, the record as read (for the
    /// consumer) and the decision that read it as 1.0x.
    private func take(_ reader: XMLReader, versioning: RecordVersioning?) throws(XMLError) -> (RuleRecord, asRead: RuleRecord, VersionDecision?) {
        let tree = try reader.detach()
        guard let versioning, versioning.detects, let upgraded = versioning.upgraded(tree.node(using: copier, positions: true)) else {
            return (.tree(tree), .tree(tree), nil)
        }
        return (.node(upgraded.record), .tree(tree), upgraded.decision)
    }

    /// A critical finding that stops reading the file (for the consumer, its failure).
    private mutating func fileFailure(_ id: String, _ message: String, line: Int) {
        fileFinding(id, .critical, .iati, message, at: SourcePosition(line: line, column: 0))
        failure = XMLError(file: name, line: line, message: message)
    }

    private mutating func fileFinding(
        _ id: String, _ severity: Severity, _ category: Category, _ message: String, at position: SourcePosition, location: String = ""
    ) {
        fileFindings.append(Finding(
            ruleID: id, severity: severity, category: category, message: message,
            file: name, line: position.line, column: position.column, record: nil, location: location))
    }

    /// The one 0.6.1 finding of a file whose records are read as 1.0x, saying `why`.
    private mutating func version1Finding(_ why: String, at position: SourcePosition) {
        fileFinding(RuleID.unsupportedVersion, .critical, .documents, "\(why); version 1.0x of the IATI Standard is \(Self.unsupported)", at: position)
    }
}
