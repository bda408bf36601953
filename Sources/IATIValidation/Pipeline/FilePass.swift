import IATI
import LibXML

/// One file's validation: reads it record by record and collects the findings.
struct FilePass {
    let name: String
    let options: ValidationOptions
    let rules: (any RecordRules)?
    private(set) var report: FileReport
    /// Reading stopped early (not XML, not IATI, an unsupported version).
    private(set) var stopped = false
    /// Start lines of the records, for placing the schema pass's errors.
    private var recordStarts: [(line: Int, identifier: String)] = []
    private var titles: [String: (title: String?, line: Int)] = [:]

    init(name: String, options: ValidationOptions, rules: (any RecordRules)?) {
        self.name = name
        self.options = options
        self.rules = rules
        self.report = FileReport(file: name)
    }

    mutating func run(_ reader: XMLReader) {
        do {
            try read(reader)
        } catch {
            fileFinding(RuleID.notWellFormed, .critical, .iati, "not well-formed XML: \(error.message)", line: error.line, column: error.column)
            stopped = true
        }
    }

    private mutating func read(_ reader: XMLReader) throws(XMLError) {
        guard let root = try reader.nextElement() else {
            fileFinding(RuleID.notWellFormed, .critical, .iati, "no root element: the file is empty or holds no XML element", line: max(reader.currentLine, 1))
            stopped = true
            return
        }
        guard root.namespace == nil, root.name == "iati-activities" || root.name == "iati-organisations" else {
            let namespace = root.namespace.map { " in namespace \($0)" } ?? ""
            fileFinding(
                RuleID.notIATI, .critical, .iati,
                "not an IATI file: the root element is <\(root.qualifiedName)>\(namespace); expected <iati-activities> or <iati-organisations>",
                line: root.line)
            stopped = true
            return
        }
        report.fileType = root.name
        let versionText = root.attributes.first { $0.name == "version" && $0.namespace == nil }?.value
        report.declaredVersion = versionText
        let declared = DeclaredVersion(versionText)
        if case .legacy(let version) = declared {
            fileFinding(
                RuleID.unsupportedVersion, .critical, .documents,
                "version \(version.rawValue) of the IATI Standard is no longer supported: upgrade the file to 2.03 with `iatix convert FILE --to xml -o upgraded.xml`, then validate that",
                line: root.line)
            stopped = true
            return
        }
        let version = options.structureVersion ?? declared.structureVersion
        guard let rootModel = StructureModel.root(root.name, version: version) else { return }
        let checksStructure = options.schemaFolder == nil

        var rootChecker = ElementChecker(file: name, record: nil, checksStructure: checksStructure, checksCodelists: options.checksCodelists, location: [])
        rootChecker.checkStart(name: root.name, attributes: root.attributes, line: root.line, model: rootModel)
        var rootFindings = rootChecker.findings
        if versionText == nil, let index = rootFindings.firstIndex(where: { $0.message.hasPrefix("missing required attribute @version") }) {
            rootFindings[index].context = "add version=\"2.03\" (or the version the file follows); checked as \(version.rawValue)"
        }
        report.findings += rootFindings

        var identity = RecordIdentity(root: root.name)
        var matcher = SequenceMatcher(rootModel)
        let recordName = rootModel.particles.first?.element?.name ?? "iati-activity"
        let rootStep = ElementChecker.Step(name: root.name, ordinal: nil)
        var recordOrdinal = 0
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
                try reader.skip()
                continue
            }
            let node = try reader.expand()
            recordOrdinal += 1
            report.recordCount += 1
            let identifier = identity.identifier(of: node)
            let registered = identity.register(identifier, line: node.line)
            recordStarts.append((node.line, registered.name))
            if options.keepsAllRecords {
                report.records.append(RecordInfo(identifier: registered.name, title: identity.title(of: node), line: node.line))
            } else {
                titles[registered.name] = (identity.title(of: node), node.line)
            }
            if identity.reportsDuplicates, let identifier, let firstLine = registered.firstLine {
                fileFinding(
                    RuleID.duplicateIdentifier, .error, .identifiers,
                    "activity identifier \"\(identifier)\" is used again (first at line \(firstLine)): each activity needs its own identifier",
                    line: node.line, location: "/\(root.name)/\(recordName)[\(recordOrdinal)]/\(identity.identifierElement)")
            }
            var checker = ElementChecker(
                file: name, record: registered.name, checksStructure: checksStructure,
                checksCodelists: options.checksCodelists, location: [rootStep])
            if case .unexpected(let message) = outcome, checksStructure {
                report.findings.append(Finding(
                    ruleID: RuleID.structure, severity: .critical, category: .schema, message: message,
                    file: name, line: node.line, record: registered.name, location: "/\(root.name)/\(recordName)[\(recordOrdinal)]"))
            }
            let recordModel: ElementModel? =
                if case .element(let model, _, _) = outcome { model } else {
                    rootModel.particleIndex[recordName].flatMap { rootModel.particles[$0].element }
                }
            if let recordModel {
                checker.check(node, model: recordModel, ordinal: recordOrdinal, parentAttributes: root.attributes)
                report.findings += checker.findings
            }
            if let rules {
                report.findings += rules.findings(for: node, root: root, file: name, identifier: registered.name)
            }
        }
        if checksStructure {
            var missing: [String] = []
            matcher.finish { missing.append($0) }
            for message in missing { fileFinding(RuleID.structure, .critical, .schema, message, line: root.line) }
        }
    }

    /// Adds the errors of the `--xsd` pass, each to the record whose lines hold it.
    mutating func addSchemaErrors(_ errors: [XMLError]) {
        for error in errors where error.level >= .error {
            let record = owner(ofLine: error.line)
            report.findings.append(Finding(
                ruleID: RuleID.structure, severity: .critical, category: .schema, message: error.message,
                file: name, line: error.line, column: error.column, record: record))
        }
    }

    /// The record whose start tag is the last one at or before `line`.
    private func owner(ofLine line: Int) -> String? {
        var low = 0
        var high = recordStarts.count
        while low < high {
            let middle = (low + high) / 2
            if recordStarts[middle].line <= line { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : recordStarts[low - 1].identifier
    }

    /// The report, with the titles of the records that have findings.
    func finished() -> FileReport {
        var result = report
        if !options.keepsAllRecords {
            var listed = Set<String>()
            for finding in result.findings {
                guard let record = finding.record, listed.insert(record).inserted, let entry = titles[record] else { continue }
                result.records.append(RecordInfo(identifier: record, title: entry.title, line: entry.line))
            }
            result.records.sort { $0.line < $1.line }
        }
        return result
    }

    private mutating func fileFinding(
        _ id: String, _ severity: Severity, _ category: Category, _ message: String,
        line: Int, column: Int = 0, location: String = ""
    ) {
        report.findings.append(Finding(
            ruleID: id, severity: severity, category: category, message: message,
            file: name, line: line, column: column, record: nil, location: location))
    }
}

