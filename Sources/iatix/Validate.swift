public import ArgumentParser
import IATI
import IATIValidation
import Inputs
import LibXML
#if canImport(Glibc)
import Glibc
#endif

extension ReportFormat: ExpressibleByArgument {}

/// What makes `iatix validate` exit with status 1.
enum FailLevel: String, CaseIterable, ExpressibleByArgument {
    case critical, error, warning, never

    var threshold: Severity? {
        switch self {
        case .critical: .critical
        case .error: .error
        case .warning: .warning
        case .never: nil
        }
    }
}

/// `iatix validate`: checks IATI files and reports what is wrong, where and how serious.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check IATI files: structure, datatypes, codelists and rules, each finding with its exact line and column.",
        discussion: """
            Each file is read once, as a stream: well-formedness, the version, the structure and \
            datatypes of its declared version (2.01, 2.02, 2.03; activity and organisation files), \
            codelists (with the conditions of the standard's codelist mapping), the ruleset, and \
            repeated activity identifiers. Rule ids, severities and categories are those of the \
            official IATI Validator.

            Severities: critical (the file cannot be used: not XML, not IATI, an unsupported \
            version, not the standard's structure), error (MUST), warning (SHOULD), info.

            Locations: each finding gives the line and column of the node it is about: an \
            element's '<', an attribute's name, the first character of a text (columns count \
            characters; in a file written on one line the findings still have distinct columns; \
            a 1.0x file's findings point at its original text). A rule's finding also names the \
            element the rule ran on (the activity, the transaction, the budget): in text as \
            '(in <transaction> at 120:5)' when the finding is elsewhere, in JSON as \
            contextElement, contextLine and contextColumn, in SARIF as a related location. \
            --details adds to JSON findings the official validator's 'details' object \
            (xpathContext, caseContext with each node's lineNumber and columnNumber).

            Folders are walked recursively and .zip, .tar and .tar.gz archives read in place, taking \
            the files that match --include (default *.xml and *.xml.gz) and not --exclude; what is \
            skipped is listed on standard error. Every report names each finding's file as \
            'folder/sub/file.xml' or 'archive.zip/member/path.xml'.

            Exit status: 0 when nothing reaches the --fail-on level in any file, 1 when something \
            does (or a file cannot be read), 2 for wrong usage.

            Examples:
              iatix validate partner.xml
              iatix validate *.xml --format junit -o validation.xml
              iatix validate registry/ dump.zip --format sarif -o findings.sarif
              iatix validate partner.xml --format json --fail-on warning
              iatix validate partner.xml --format json --details
              iatix validate partner.xml --format html --lang vi -o bao-cao.html
              iatix validate partner.xml --xsd ../iati-schemas/2.03
            """
    )

    @Argument(help: "IATI XML files, folders and .zip/.tar/.tar.gz archives to check ('-' for standard input; gzip is read too).")
    var inputs: [String]

    @OptionGroup var selection: InputSelection

    @Option(help: "Report format: text, json (the official validator's report), junit, sarif or html (a page for people).")
    var format: ReportFormat = .text

    @Option(help: "Language of the HTML report: en or vi.")
    var lang: ReportLanguage = .en

    @Option(name: [.short, .customLong("output")], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Exit with status 1 when a finding is at least this serious: critical, error, warning, or never.")
    var failOn: FailLevel = .error

    @Option(name: .customLong("xsd"), help: "Check structure with libxml2's XSD validator against the schemas in this folder (iati-activities-schema.xsd, iati-organisations-schema.xsd) instead of the built-in catalogue.")
    var schemaFolder: String?

    @Option(name: .customLong("rules"), help: "Ruleset file (IATI Rulesets JSON) to run instead of the built-in rules.")
    var rulesFile: String?

    @Option(name: .customLong("org-id-prefixes"), help: ArgumentHelp(ValidationRules.prefixesHelp, valueName: "file"))
    var prefixFile: String?

    @Flag(name: .customLong("keep-unicode-form"), help: "Quote text in findings as written; by default decomposed Unicode (NFD) is quoted in composed form (NFC), as convert writes it.")
    var keepsUnicodeForm = false

    @Flag(name: .customLong("no-rules"), help: "Run no ruleset (structure, datatypes and codelists only).")
    var noRules = false

    @Flag(help: "With --format json: give each finding the official validator's 'details' object (a rule's context element and the nodes of its case, with lines and columns), as its details=true does.")
    var details = false

    @Option(help: "Threads checking activities while the file is read, besides the reading thread, which checks some too when they are behind (0: check on the reading thread only; default: one per core but one). Reports are the same whatever the number.")
    var threads: Int = ValidationOptions.defaultThreads

    func validate() throws {
        if inputs.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input ('-') can be read only once.")
        }
        if let schemaFolder {
            guard Paths.isDirectory(schemaFolder) else {
                throw ValidationError("--xsd needs a folder holding the IATI schemas; '\(schemaFolder)' is not a folder.")
            }
            let activities = Paths.join(schemaFolder, "iati-activities-schema.xsd")
            guard Paths.size(of: activities) != nil else {
                throw ValidationError("--xsd: '\(activities)' not found; name the folder of an IATI schema release (e.g. schemas/2.03).")
            }
        }
        if details && format != .json {
            throw ValidationError("--details is for --format json.")
        }
        if threads < 0 || threads > 64 {
            throw ValidationError("--threads must be between 0 and 64.")
        }
        if noRules && rulesFile != nil {
            throw ValidationError("--rules and --no-rules cannot be used together.")
        }
        if let rulesFile, Paths.size(of: rulesFile) == nil {
            throw ValidationError("--rules: cannot read '\(rulesFile)'.")
        }
        if noRules && prefixFile != nil {
            throw ValidationError("--org-id-prefixes is for the rules; it cannot be used with --no-rules.")
        }
        if let prefixFile, Paths.size(of: prefixFile) == nil {
            throw ValidationError("--org-id-prefixes: cannot read '\(prefixFile)'.")
        }
    }

    func run() throws {
        let rules = try loadRules()
        let validator = Validator(options: ValidationOptions(schemaFolder: schemaFolder, checkingThreads: threads, keepsUnicodeForm: keepsUnicodeForm), rules: rules)
        let scan = selection.scan(inputs, command: "validate")
        let sink = try ByteSink(path: output ?? "-")
        var writeError: (any Error)?
        let writer = format.writer(
            fileCount: scan.documents.count, language: lang, details: details, prefixList: rules?.prefixListName
        ) { text in
            guard writeError == nil else { return }
            do { try sink.write(text) } catch { writeError = error }
        }
        var counts = SeverityCounts()
        var unreadable = scan.problems.count + (scan.documents.isEmpty ? 1 : 0)
        var checked = 0
        let cursor = ArchiveCursor()
        for document in scan.documents {
            do {
                counts.add(try validate(document, with: validator, cursor: cursor, into: writer).counts)
                checked += 1
            } catch {
                unreadable += 1
                cursor.reset()
                Terminal.standardError("iatix: error: \(ErrorText.describe(error, input: document.displayName))")
            }
        }
        writer.finish()
        if let writeError { throw writeError }
        try sink.commit()
        if let output, output != "-" {
            Terminal.standardError("\(checked == 1 ? "1 file" : "\(checked) files") checked: \(Validate.summary(counts)) → \(output)")
        }
        if unreadable > 0 { throw ExitCode.failure }
        if let threshold = failOn.threshold, counts.atLeast(threshold) > 0 { throw ExitCode.failure }
    }

    /// Validates one document; findings are named by its display name (`dir/a.xml`,
    /// `dump.zip/member.xml`).
    private func validate(
        _ document: InputDocument, with validator: Validator, cursor: ArchiveCursor, into writer: any ReportSink
    ) throws(XMLError) -> FileSummary {
        if document.origin == .standardInput { return try validator.validate(path: "-", into: writer) }
        return try validator.validate(name: document.displayName, open: { () throws(XMLError) in
            try document.openForReading(with: cursor)
        }, into: writer)
    }

    /// The ruleset to run: `--rules FILE`, else the built-in rules; with `--org-id-prefixes`.
    private func loadRules() throws -> RulesProvider? {
        try ValidationRules.load(file: rulesFile, none: noRules, prefixFile: prefixFile).0
    }

    private static func summary(_ counts: SeverityCounts) -> String {
        guard counts.total > 0 else { return "no findings" }
        return [("critical", counts.critical), ("error", counts.error), ("warning", counts.warning), ("info", counts.info)]
            .filter { $0.1 > 0 }.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
    }
}
