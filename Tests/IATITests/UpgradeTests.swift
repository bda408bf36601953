import Foundation
import IATI
import LibXML
import Testing
import TestSupport

// MARK: - Helpers

/// One conversion to canonical 2.03 XML with its upgrade logs.
struct UpgradeRun {
    let input: String
    let folder: TemporaryFolder
    let output: String
    let records: [RecordUpgrade]
    let summary: UpgradeSummary

    /// Every gap reported over the file's records.
    var missing: [MissingContent] { summary.rootMissing + records.flatMap(\.missing) }
    var changes: [UpgradeChange] { summary.rootChanges + records.flatMap(\.changes) }

    /// Converts `input` (an IATI XML file) to canonical XML in a temporary folder.
    init(_ input: String) throws {
        self.input = input
        folder = try TemporaryFolder()
        output = folder.file("upgraded.xml")
        let sink = try ByteSink(path: output)
        let source = try XMLDocumentSource(path: input)
        let collected = UpgradeRecordCollector()
        source.upgrade.onRecord = { collected.records.append($0) }
        try Conversion.run(source, into: CanonicalXMLWriter(sink: sink))
        try sink.commit()
        records = collected.records
        summary = source.upgrade.summary
    }

    /// Converts XML text written to a temporary file.
    init(text: String) throws {
        let folder = try TemporaryFolder()
        try self.init(try folder.write("input.xml", text))
    }

    /// The canonical XML.
    var xml: String { (try? String(contentsOfFile: output, encoding: .utf8)) ?? "" }
}

/// Collects record logs from the source's handler.
final class UpgradeRecordCollector {
    var records: [RecordUpgrade] = []
}

/// Checking outputs against the official XSDs (libxml2's validator, as `xmllint --schema`).
enum UpgradeSchemas {
    static func activities(_ version: String) -> String { Reference.path("schemas/\(version)/iati-activities-schema.xsd") }
    static func organisations(_ version: String) -> String { Reference.path("schemas/\(version)/iati-organisations-schema.xsd") }

    /// Whether every schema error is explained by a reported gap: the element and attribute
    /// (or expected child) it names are among the gaps.
    static func unexplained(_ errors: [XMLError], by gaps: [MissingContent]) -> [String] {
        errors.filter { $0.level >= .error }.map(\.message).filter { !explains($0, gaps) }
    }

    static func explains(_ message: String, _ gaps: [MissingContent]) -> Bool {
        guard let element = quoted(after: "Element '", in: message).map(localName) else { return false }
        let attribute = quoted(after: "attribute '", in: message).map(localName)
        if message.contains("is required but missing"), let name = quoted(after: "The attribute '", in: message) {
            return gaps.contains { $0.kind == .attribute && $0.element == element && $0.item == "@" + name }
        }
        if message.contains("Missing child element(s)") {
            let expected = expectedNames(in: message)
            return gaps.contains { $0.kind == .element && $0.element == element && expected.contains($0.item) }
        }
        if message.contains("This element is not expected") {
            let expected = expectedNames(in: message)
            return gaps.contains { gap in
                (gap.kind == .element && expected.contains(gap.item))
                    || ((gap.kind == .tooMany || gap.kind == .notAllowed) && localName(gap.item) == element)
            }
        }
        if message.contains("is not a valid value") || message.contains("is not accepted by the pattern") {
            let item = attribute.map { "@" + $0 } ?? element
            return gaps.contains { gap in
                gap.kind == .invalidValue && gap.element == element && (gap.item == item || (attribute == "lang" && gap.item == "@xml:lang"))
            }
        }
        if message.contains("Character content other than whitespace") {
            return gaps.contains { $0.kind == .notAllowed && $0.item == element }
        }
        if message.contains("is not allowed"), let attribute {
            return gaps.contains { $0.kind == .notAllowed && $0.element == element && localName($0.item.replacingOccurrences(of: "@", with: "")) == attribute }
        }
        return false
    }

    private static func quoted(after marker: String, in text: String) -> String? {
        guard let start = text.range(of: marker)?.upperBound, let end = text[start...].firstIndex(of: "'") else { return nil }
        return String(text[start..<end])
    }

    /// `{namespace}name` or `prefix:name` → `name`.
    private static func localName(_ name: String) -> String {
        if let brace = name.lastIndex(of: "}") { return String(name[name.index(after: brace)...]) }
        if let colon = name.lastIndex(of: ":") { return String(name[name.index(after: colon)...]) }
        return name
    }

    private static func expectedNames(in message: String) -> Set<String> {
        guard let open = message.range(of: "Expected is")?.upperBound,
            let start = message[open...].firstIndex(of: "("), let end = message[start...].firstIndex(of: ")")
        else { return [] }
        return Set(message[message.index(after: start)..<end].split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.hasPrefix("##") }
            .map(localName))
    }
}

/// The values of a file: every attribute value and every element's text, trimmed, with white
/// space collapsed and numbers and booleans in one form.
struct UpgradeValues {
    private(set) var values: Set<String> = []

    init(path: String) throws {
        let reader = try XMLReader(path: path)
        guard let root = try reader.nextElement() else { return }
        for attribute in root.attributes { add(attribute.value) }
        while let start = try reader.nextElement() {
            guard start.depth == 1 else { continue }
            collect(try reader.expand())
        }
    }

    init(values: [String]) {
        for value in values { add(value) }
    }

    func contains(_ value: String) -> Bool { values.contains(Self.normal(value)) }

    private mutating func collect(_ node: Node) {
        for attribute in node.attributes { add(attribute.value) }
        add(node.text)
        for child in node.children { collect(child) }
    }

    private mutating func add(_ value: String) {
        let normal = Self.normal(value)
        if !normal.isEmpty { values.insert(normal) }
    }

    static func normal(_ value: String) -> String {
        let collapsed = value.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        switch collapsed {
        case "true": return "1"
        case "false": return "0"
        default: break
        }
        if collapsed.first.map({ $0.isNumber || $0 == "-" || $0 == "." || $0 == "+" }) == true,
            collapsed.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }),
            let number = Decimal(string: collapsed)
        {
            return "\(number)"
        }
        return collapsed
    }
}

/// The schema-valid activity (or organisation) files of an older test suite.
func upgradeSuiteFiles(version: String, kind: String) throws -> [String] {
    let files = Reference.xmlFiles(under: "schema-tests-older/\(version)/\(kind)-tests")
    let schema = try XMLSchema(path: kind == "activity" ? UpgradeSchemas.activities(version) : UpgradeSchemas.organisations(version))
    return try files.filter { try schema.validate(path: $0).isValid }
}

let upgradeSamplesFolder = Reference.packageRoot + "/samples/versions/"
let upgradeSamplesPresent = ["1.05", "2.01", "2.02"].allSatisfy {
    FileManager.default.fileExists(atPath: upgradeSamplesFolder + "ilo-vietnam-\($0).xml")
}
let upgradeSamplesMissing: Comment = "samples/versions/ilo-vietnam-{1.05,2.01,2.02}.xml are not there yet: skipped"

// MARK: - Tests against the reference material

@Suite("Upgrade of older IATI versions to 2.03", .serialized)
struct UpgradeTests {
    @Test("every real 1.0x file converts to valid 2.03, or the conversion names exactly what is missing", .enabled(if: Reference.isAvailable, Reference.missing))
    func realVersion1Files() throws {
        let files = Reference.xmlFiles(under: "real/v1")
        #expect(files.count >= 7)
        let schema = try XMLSchema(path: UpgradeSchemas.activities("2.03"))
        var valid = 0
        var reported = 0
        for file in files {
            let run = try UpgradeRun(file)
            let validation = try schema.validate(path: run.output)
            #expect(validation.stoppedBy == nil, "\(file): output is not well-formed")
            #expect(run.summary.records > 0 && run.records.allSatisfy { $0.decision.version.isVersion1 }, "\(file): not read as 1.0x")
            if validation.isValid {
                valid += 1
                #expect(run.missing.isEmpty, "\(file): valid output but gaps reported: \(run.missing.prefix(3))")
            } else {
                reported += 1
                #expect(!run.missing.isEmpty, "\(file): invalid output and nothing reported")
                let unexplained = UpgradeSchemas.unexplained(validation.errors, by: run.missing)
                #expect(unexplained.isEmpty, "\(file): schema errors the upgrade did not report: \(unexplained.prefix(5))")
            }
        }
        print("real/v1: \(valid) converted to valid 2.03, \(reported) reported what 2.03 requires and the file lacks")
        #expect(valid + reported == files.count)
    }

    @Test("a complete 1.0x activity converts to valid 2.03 with nothing reported missing", .enabled(if: Reference.isAvailable, Reference.missing))
    func completeVersion1Activity() throws {
        let run = try UpgradeRun(text: UpgradeFixtures.complete103)
        let validation = try XMLSchema(path: UpgradeSchemas.activities("2.03")).validate(path: run.output)
        #expect(validation.isValid, "\(validation.errors.map(\.message).prefix(5))\n\(run.xml)")
        #expect(run.missing.isEmpty, "\(run.missing)")
        #expect(run.records.first?.decision.version == .v1_03)
    }

    @Test("every value of every real 1.0x file is in the output or named in the upgrade log", .enabled(if: Reference.isAvailable, Reference.missing))
    func nothingLostInRealFiles() throws {
        var files = Reference.xmlFiles(under: "real/v1")
        files += try upgradeSuiteFiles(version: "1.05", kind: "activity")
        if upgradeSamplesPresent { files.append(upgradeSamplesFolder + "ilo-vietnam-1.05.xml") }
        for file in files {
            let run = try UpgradeRun(file)
            let input = try UpgradeValues(path: file)
            let output = try UpgradeValues(path: run.output)
            let logged = UpgradeValues(values: run.changes.flatMap { [$0.from?.value, $0.to?.value].compactMap { $0 } })
            let lost = input.values.filter { !output.contains($0) && !logged.contains($0) }
            #expect(lost.isEmpty, "\(file): values neither in the output nor in the upgrade log: \(lost.sorted().prefix(8))")
        }
    }

    @Test("every valid activity file of the 1.05, 2.01 and 2.02 suites converts to valid 2.03, or the conversion names what is missing",
        .enabled(if: Reference.isAvailable, Reference.missing), arguments: ["1.05", "2.01", "2.02"])
    func olderSuites(version: String) throws {
        let files = try upgradeSuiteFiles(version: version, kind: "activity")
        #expect(files.count > 20)
        let schema = try XMLSchema(path: UpgradeSchemas.activities("2.03"))
        var valid = 0
        var reported = 0
        for file in files {
            let run = try UpgradeRun(file)
            let validation = try schema.validate(path: run.output)
            if validation.isValid {
                valid += 1
                #expect(run.missing.isEmpty, "\(file): valid output but gaps reported: \(run.missing.prefix(3))")
            } else {
                reported += 1
                #expect(!run.missing.isEmpty, "\(file): invalid output and nothing reported: \(validation.errors.map(\.message).prefix(3))")
                let unexplained = UpgradeSchemas.unexplained(validation.errors, by: run.missing)
                #expect(unexplained.isEmpty, "\(file): schema errors the upgrade did not report: \(unexplained.prefix(5))")
            }
            if version != "1.05" {
                // 2.0x content is a subset of 2.03: a valid 2.01 or 2.02 file needs no change at all.
                #expect(run.missing.isEmpty && validation.isValid, "\(file): a valid \(version) file should upgrade to valid 2.03")
                #expect(run.records.allSatisfy { !$0.decision.version.isVersion1 }, "\(file): read as 1.0x")
            }
        }
        print("schema-tests-older/\(version): \(files.count) valid activity files, \(valid) converted to valid 2.03, \(reported) reported what is missing")
    }

    @Test("organisation files of the 1.05, 2.01 and 2.02 suites convert to valid 2.03, or the conversion names what is missing",
        .enabled(if: Reference.isAvailable, Reference.missing), arguments: ["1.05", "2.01", "2.02"])
    func olderOrganisationSuites(version: String) throws {
        let files = try upgradeSuiteFiles(version: version, kind: "organisation")
            .filter { (try? String(contentsOfFile: $0, encoding: .utf8))?.contains("<iati-organisations") == true }
        let schema = try XMLSchema(path: UpgradeSchemas.organisations("2.03"))
        print("schema-tests-older/\(version): \(files.count) valid organisation files with an iati-organisations root")
        #expect(!files.isEmpty)
        for file in files {
            let run = try UpgradeRun(file)
            let validation = try schema.validate(path: run.output)
            if validation.isValid {
                #expect(run.missing.isEmpty, "\(file): valid output but gaps reported: \(run.missing.prefix(3))")
            } else {
                let unexplained = UpgradeSchemas.unexplained(validation.errors, by: run.missing)
                #expect(!run.missing.isEmpty && unexplained.isEmpty, "\(file): schema errors the upgrade did not report: \(unexplained.prefix(5))")
            }
        }
    }

    @Test("the ILO samples in 1.05, 2.01 and 2.02 upgrade to the same 2.03 content, as far as each version can express it",
        .enabled(if: upgradeSamplesPresent, upgradeSamplesMissing))
    func samplesAgree() throws {
        let inputs = ["1.05", "2.01", "2.02"].map { upgradeSamplesFolder + "ilo-vietnam-\($0).xml" } + [Reference.sample("ilo-vietnam-activities.xml")]
        let runs = try inputs.map { try UpgradeRun($0) }
        let facts = try runs.map { try UpgradeFacts(path: $0.output) }
        // Each upgraded sample is valid 2.03, or says what is missing (1.05 has no other-identifier type).
        if Reference.isAvailable {
            let schema = try XMLSchema(path: UpgradeSchemas.activities("2.03"))
            for run in runs {
                let validation = try schema.validate(path: run.output)
                let unexplained = UpgradeSchemas.unexplained(validation.errors, by: run.missing)
                #expect(validation.isValid == run.missing.isEmpty && unexplained.isEmpty, "\(run.input): \(unexplained.prefix(5)) \(run.missing.prefix(5))")
            }
        }
        #expect(runs[0].records.count == 2 && runs[0].records.allSatisfy { $0.decision.version == .v1_05 })
        #expect(runs[1].records.allSatisfy { $0.decision.version == .v2_01 })
        #expect(runs[2].records.allSatisfy { $0.decision.version == .v2_02 })
        #expect(runs[0].missing.allSatisfy { $0.path == "iati-activity/other-identifier/@type" }, "\(runs[0].missing)")
        // What an older version says, the next one says too (up to the 2.03 sample itself); the
        // exceptions are the differences the versions allow, each explained.
        for older in 0..<3 {
            for identifier in facts[older].byActivity.keys.sorted() {
                let old = facts[older].byActivity[identifier] ?? []
                let new = facts[older + 1].byActivity[identifier] ?? []
                #expect(!new.isEmpty, "\(identifier) is missing from the upgraded \(runs[older + 1].input)")
                let unexplained = old.subtracting(new).filter { UpgradeFacts.permittedDifference($0, older: older) == nil }
                #expect(unexplained.isEmpty, "\(identifier): in the upgraded \(runs[older].input) but not in \(runs[older + 1].input): \(unexplained.sorted().prefix(10))")
            }
        }
    }

    @Test("iatix convert --upgrade-log writes the JSON log and prints a count per rule",
        .enabled(if: upgradeSamplesPresent && FileManager.default.isExecutableFile(atPath: Command.iatix), "needs the built iatix and samples/versions"))
    func commandLine() throws {
        let folder = try TemporaryFolder()
        let log = folder.file("upgrade.json")
        let result = try Command.iatix([
            "convert", upgradeSamplesFolder + "ilo-vietnam-1.05.xml", upgradeSamplesFolder + "ilo-vietnam-2.02.xml",
            "--to", "xml", "-o", folder.path + "/out/", "--upgrade-log", log,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("upgraded to 2.03 (the file declares version 1.05): 2 activities read as 1.05"), "\(result.standardError)")
        #expect(result.standardError.contains("code-mapped") && result.standardError.contains("text-to-narrative"))
        #expect(!result.standardError.contains("read as 2.03;"))
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: log))) as? [String: Any]
        let files = object?["files"] as? [[String: Any]] ?? []
        #expect(files.count == 2)
        #expect((files.first?["records"] as? [Any])?.count == 2)
        #expect(files.last?["declaredVersion"] as? String == "2.02")
    }

    @Test("docs/upgrade-mappings.md is the one the upgrade data generates")
    func mappingTablesAreCurrent() throws {
        let path = Reference.packageRoot + "/docs/upgrade-mappings.md"
        let generated = UpgradeTables.markdown()
        if ProcessInfo.processInfo.environment["IATIX_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: Reference.packageRoot + "/docs", withIntermediateDirectories: true)
            try Data(generated.utf8).write(to: URL(fileURLWithPath: path))
        }
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(committed == generated, "docs/upgrade-mappings.md is out of date: run the tests with IATIX_UPDATE_GOLDEN=1")
    }
}

/// Facts of an upgraded file, per activity: `path/@attribute=value` and `path=text` with
/// element paths without positions, so that files can be compared content for content.
struct UpgradeFacts {
    private(set) var byActivity: [String: Set<String>] = [:]

    init(path: String) throws {
        let reader = try XMLReader(path: path)
        _ = try reader.nextElement()
        while let start = try reader.nextElement() {
            guard start.depth == 1 else { continue }
            let node = try reader.expand()
            let identifier = node.child("iati-identifier").map { $0.text.trimmingCharacters(in: .whitespaces) } ?? "?"
            var facts: Set<String> = []
            Self.collect(node, path: node.name, into: &facts)
            byActivity[identifier] = facts
        }
    }

    private static func collect(_ node: Node, path: String, into facts: inout Set<String>) {
        for attribute in node.attributes {
            let name = attribute.namespace == XMLNamespace.xml ? "xml:" + attribute.name : attribute.qualifiedName
            facts.insert("\(path)/@\(name)=\(attribute.value)")
        }
        let text = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty {
            // A narrative is identified by its language too.
            let language = node.attribute("lang", namespace: XMLNamespace.xml).map { "[\($0)]" } ?? ""
            facts.insert("\(path)\(language)=\(text)")
        }
        for child in node.children { collect(child, path: path + "/" + child.qualifiedName, into: &facts) }
    }

    /// Why a fact of an upgraded sample (0: 1.05, 1: 2.01, 2: 2.02) may be absent from the
    /// next one (2.01, 2.02, the 2.03 sample); `nil` when it may not.
    static func permittedDifference(_ fact: String, older: Int) -> String? {
        switch older {
        case 0:
            // What 2.03 no longer has of 1.05 is kept in the legacy namespace (iati-activity/@version).
            if fact.contains("/@iatix:") { return "1.05 content that 2.03 no longer has, kept as an extension" }
            // activity-website becomes an A12 document link; 2.03 requires a title, which the
            // upgrade takes from the code's name, while the 2.01 sample writes its own.
            if fact.hasPrefix("iati-activity/document-link/title/narrative[en]=Activity web page") { return "A12 link title supplied from the codelist" }
        case 2:
            // 2.02 allows one actual per period: the sample gives the total where 2.03 gives the
            // actuals by sex, with their own comments.
            if fact.hasPrefix("iati-activity/result/indicator/period/actual/") { return "2.02 has one actual per period" }
        default:
            break
        }
        return nil
    }
}

// MARK: - Rules, one by one

extension UpgradeTests {
@Suite("Upgrade rules")
struct Rules {
    @Test("1.0x textual codes become 2.03 codes")
    func codes() throws {
        let run = try UpgradeRun(text: UpgradeFixtures.activity(version: "1.05", """
            <activity-date type="start-planned" iso-date="2020-01-01"/>
            <activity-date type="end-actual" iso-date="2021-01-01"/>
            <participating-org role="Funding" ref="XM-1">Donor</participating-org>
            <participating-org role="implementing">Agency</participating-org>
            <sector vocabulary="DAC" code="11110"/>
            <sector vocabulary="WB" code="BC"/>
            <policy-marker vocabulary="DAC" code="1" significance="1"/>
            <transaction><transaction-type code="IF"/><transaction-date iso-date="2020-02-01"/><value value-date="2020-02-01">10</value></transaction>
            <transaction><transaction-type code="QS">Sale of Equity</transaction-type><transaction-date iso-date="2020-02-01"/><value value-date="2020-02-01">10</value></transaction>
            """))
        let xml = run.xml
        for expected in ["<activity-date type=\"1\" iso-date=\"2020-01-01\"/>", "<activity-date type=\"4\"", "role=\"1\"", "role=\"4\"",
            "<sector vocabulary=\"1\" code=\"11110\"/>", "<sector vocabulary=\"WB\" code=\"BC\"/>", "<policy-marker vocabulary=\"1\"",
            "<transaction-type code=\"1\"/>", "<transaction-type code=\"9\"/>"]
        {
            #expect(xml.contains(expected), "\(expected) not in\n\(xml)")
        }
        let rules = run.changes.map(\.rule)
        #expect(rules.filter { $0 == .codeMapped }.count == 7)
        #expect(rules.contains(.codeByName))  // implementing → 4
        #expect(run.changes.contains { $0.rule == .unmappedCode && $0.from?.value == "WB" })
        #expect(run.changes.contains { $0.rule == .codeNameDropped && $0.from?.value == "Sale of Equity" })
    }

    @Test("a change or a gap names its element by its position among same-named siblings, wherever they stand")
    func pathsOfChangesAndGaps() throws {
        // Transactions and titles that do not follow each other; the third transaction lacks
        // the value 2.03 requires.
        let run = try UpgradeRun(text: UpgradeFixtures.activity(version: "1.05", """
            <title>Decent work</title>
            <transaction><transaction-type code="C"/><transaction-date iso-date="2020-02-01"/><value value-date="2020-02-01">10</value></transaction>
            <sector vocabulary="DAC" code="11110"/>
            <transaction><transaction-type code="D"/><transaction-date iso-date="2020-03-01"/><value value-date="2020-03-01">20</value></transaction>
            <title xml:lang="vi">Việc làm bền vững</title>
            <transaction><transaction-type code="E"/><transaction-date iso-date="2020-04-01"/></transaction>
            """))
        let mapped = run.changes.filter { $0.rule == .codeMapped && $0.from?.path.hasSuffix("transaction-type/@code") == true }
        #expect(mapped.map { $0.from?.path } == [1, 2, 3].map { "iati-activity/transaction[\($0)]/transaction-type/@code" })
        let narratives = run.changes.filter { $0.rule == .textToNarrative }.compactMap(\.from?.path)
        #expect(narratives == ["iati-activity/title[1]", "iati-activity/title[2]"])
        #expect(run.changes.contains { $0.rule == .codeMapped && $0.from?.path == "iati-activity/sector/@vocabulary" })
        // Gaps are found in the canonical record: titles merged, transactions after the sector.
        let gaps = run.missing.filter { $0.item == "value" }.map(\.path)
        #expect(gaps == ["iati-activity/transaction[3]/value"])
    }

    @Test("plain text becomes narratives; one element per language becomes one element")
    func narratives() throws {
        let run = try UpgradeRun(text: UpgradeFixtures.activity(version: "1.05", """
            <title>Decent work</title>
            <title xml:lang="vi">Việc làm bền vững</title>
            <description type="1">General</description>
            <description type="1" xml:lang="fr">Général</description>
            <description type="2">Objectives</description>
            <conditions attached="1">
              <condition type="1">A condition</condition>
              <condition type="1">Another condition</condition>
            </conditions>
            """))
        let xml = run.xml
        #expect(xml.contains("<title>\n      <narrative xml:lang=\"en\">Decent work</narrative>\n      <narrative xml:lang=\"vi\">Việc làm bền vững</narrative>\n    </title>"), "\(xml)")
        #expect(xml.components(separatedBy: "<description").count - 1 == 2, "\(xml)")
        #expect(xml.contains("<narrative xml:lang=\"fr\">Général</narrative>"))
        // Two conditions in the same language are two conditions.
        #expect(xml.components(separatedBy: "<condition type").count - 1 == 2, "\(xml)")
        #expect(run.changes.filter { $0.rule == .narrativesMerged }.count == 2)
    }

    @Test("1.0x structures: other-identifier, activity-website, location, document-link, crs-add")
    func structures() throws {
        let run = try UpgradeRun(text: UpgradeFixtures.activity(version: "1.02", """
            <other-identifier owner-ref="GB-1" owner-name="Old Org">ID-1</other-identifier>
            <activity-website>https://example.org/a</activity-website>
            <location percentage="100">
              <location-type code="PPL"/>
              <name>Kandahar</name>
              <administrative country="AF">Kandahar Province, Afghanistan</administrative>
              <coordinates latitude="31.6" longitude="65.7" precision="3"/>
              <gazetteer-entry gazetteer-ref="GEO">1138336</gazetteer-entry>
            </location>
            <document-link url="https://example.org/d.pdf" format="application/pdf" language="fr">
              <title>Report</title>
              <category code="A01">Pre- and post-project impact appraisal</category>
              <language>en</language>
            </document-link>
            <crs-add><aidtype-flag code="1" significance="1"/></crs-add>
            """))
        let xml = run.xml
        for expected in [
            "<other-identifier ref=\"ID-1\">", "<owner-org ref=\"GB-1\">", "<narrative xml:lang=\"en\">Old Org</narrative>",
            "<document-link url=\"https://example.org/a\" format=\"text/html\">", "<category code=\"A12\"/>",
            "<location-id code=\"1138336\" vocabulary=\"G1\"/>", "<administrative code=\"AF\" vocabulary=\"A4\" level=\"0\"",
            "<point srsName=\"http://www.opengis.net/def/crs/EPSG/0/4326\" iatix:precision=\"3\">", "<pos>31.6 65.7</pos>",
            "<feature-designation code=\"PPL\"/>", "iatix:percentage=\"100\"", "iatix:text=\"Kandahar Province, Afghanistan\"",
            "<language code=\"fr\"/>", "<language code=\"en\"/>", "<other-flags code=\"1\" significance=\"1\"/>",
        ] {
            #expect(xml.contains(expected), "\(expected) not in\n\(xml)")
        }
        #expect(!xml.contains("Pre- and post-project"), "a code's name is dropped")
        for rule in [UpgradeRule.otherIdentifier, .activityWebsite, .locationType, .locationCoordinates, .gazetteerEntry,
            .administrativeCountry, .documentLanguage, .codeFromText, .elementRenamed, .codeNameDropped, .keptAsExtension]
        {
            #expect(run.changes.contains { $0.rule == rule }, "no \(rule.rawValue) change")
        }
        // 1.0x has no identifier type: reported, not guessed.
        #expect(run.missing.contains { $0.path == "iati-activity/other-identifier/@type" })
    }

    @Test("dates in text, empty content, 1.0 draft @ref codes")
    func datesAndEmpties() throws {
        let run = try UpgradeRun(text: UpgradeFixtures.activity(version: "1.01", """
            <activity-date type="start-actual">2001-01-01</activity-date>
            <activity-status ref="2"/>
            <policy-marker/>
            <budget type="1">
              <period-start iso-date="2011-01-01">1 January 2011</period-start>
              <period-end>2011-12-31</period-end>
              <value value-date="2011-01-01" currency="">100</value>
            </budget>
            """))
        let xml = run.xml
        #expect(xml.contains("<activity-date type=\"2\" iso-date=\"2001-01-01\"/>"), "\(xml)")
        #expect(xml.contains("<activity-status code=\"2\"/>"))
        #expect(!xml.contains("policy-marker"))
        #expect(xml.contains("<period-start iso-date=\"2011-01-01\" iatix:text=\"1 January 2011\"/>"), "\(xml)")
        #expect(xml.contains("<period-end iso-date=\"2011-12-31\"/>"))
        #expect(run.changes.contains { $0.rule == .dateFromText && $0.from?.value == "2001-01-01" })
        #expect(run.changes.contains { $0.rule == .attributeRenamed })
        #expect(run.changes.contains { $0.rule == .emptyDropped && $0.from?.path == "iati-activity/policy-marker" })
    }

    @Test("2.01 and 2.02 content passes unchanged; the root says 2.03")
    func version2Unchanged() throws {
        let body = """
            <iati-identifier>XM-1-A</iati-identifier>
            <reporting-org ref="XM-1" type="40"><narrative>Org</narrative></reporting-org>
            <title><narrative>T</narrative></title>
            <description><narrative>D</narrative></description>
            <participating-org role="1"><narrative>Org</narrative></participating-org>
            <activity-status code="2"/>
            <activity-date type="1" iso-date="2020-01-01"/>
            <country-budget-items vocabulary="1"><budget-item code="1.1.1"/></country-budget-items>
            """
        let run = try UpgradeRun(text: UpgradeFixtures.document(version: "2.01", body))
        #expect(run.xml.contains("<iati-activities version=\"2.03\">"))
        #expect(run.records.first?.decision == VersionDecision(declared: "2.01", version: .v2_01))
        #expect(run.changes.map(\.rule) == [.version, .withdrawnCode], "\(run.changes)")
        #expect(run.missing.isEmpty)
    }

    @Test("version detection: declared, per activity, missing, unknown and contradicted")
    func versionDetection() throws {
        let spec = ActivityCatalogue.activity
        let plain = Node(name: "iati-activity", children: [Node(name: "title", text: "Plain text")])
        let modern = Node(name: "iati-activity", children: [Node(name: "title", children: [Node(name: "narrative", text: "N")])])
        let empty = Node(name: "iati-activity")

        #expect(VersionDetector.decide(fileDeclared: "1.03", record: plain, spec: spec) == VersionDecision(declared: "1.03", version: .v1_03))
        #expect(VersionDetector.decide(fileDeclared: "1.050", record: plain, spec: spec).version == .v1_05)
        var own = plain
        own.attributes = [Attribute(name: "version", value: "1.02")]
        let byRecord = VersionDetector.decide(fileDeclared: "1.04", record: own, spec: spec)
        #expect(byRecord.version == .v1_02 && byRecord.isDeclaredByRecord && !byRecord.isAssumed)

        let missing = VersionDetector.decide(fileDeclared: nil, record: plain, spec: spec)
        #expect(missing.version == .v1_05 && missing.reason?.contains("no version is declared") == true)
        let unknown = VersionDetector.decide(fileDeclared: "xx", record: modern, spec: spec)
        #expect(unknown.version == .v2_03 && unknown.reason?.contains("\"xx\" is not an IATI version") == true)
        let nothing = VersionDetector.decide(fileDeclared: "", record: empty, spec: spec)
        #expect(nothing.version == .v2_03 && nothing.isAssumed)
        let wrong = VersionDetector.decide(fileDeclared: "2.02", record: plain, spec: spec)
        #expect(wrong.version == .v1_05 && wrong.reason?.contains("1.0x content") == true)
        let wrongOld = VersionDetector.decide(fileDeclared: "1.05", record: modern, spec: spec)
        #expect(wrongOld.version == .v2_03 && wrongOld.isAssumed)

        var codes = empty
        codes.children = [Node(name: "activity-date", attributes: [Attribute(name: "type", value: "start-planned")])]
        #expect(VersionDetector.evidence(in: codes, spec: spec).version1.first?.contains("start-planned") == true)
    }

    @Test("organisation files: iati-identifier, text and version", .enabled(if: Reference.isAvailable, Reference.missing))
    func organisations() throws {
        let run = try UpgradeRun(text: """
            <iati-organisations version="1.03">
              <iati-organisation version="1.03" xml:lang="en" last-updated-datetime="2014-01-01T00:00:00">
                <iati-identifier>XM-1</iati-identifier>
                <name>Org</name>
                <name xml:lang="fr">Org FR</name>
                <reporting-org ref="XM-1" type="40">Org</reporting-org>
                <total-budget><period-start iso-date="2014-01-01"/><period-end iso-date="2014-12-31"/><value value-date="2014-01-01" currency="USD">1</value></total-budget>
              </iati-organisation>
            </iati-organisations>
            """)
        let xml = run.xml
        #expect(xml.contains("<organisation-identifier>XM-1</organisation-identifier>"), "\(xml)")
        #expect(xml.contains("<narrative xml:lang=\"fr\">Org FR</narrative>"))
        #expect(xml.contains("iatix:version=\"1.03\""))
        let validation = try XMLSchema(path: UpgradeSchemas.organisations("2.03")).validate(path: run.output)
        if Reference.isAvailable { #expect(validation.isValid, "\(validation.errors.map(\.message))") }
        #expect(run.missing.isEmpty)
    }

    @Test("a schema error is explained only by a gap at the same place")
    func explanations() {
        let gap = MissingContent(kind: .attribute, path: "iati-activity/reporting-org/@ref", element: "reporting-org", item: "@ref", line: 3, message: "")
        #expect(UpgradeSchemas.explains("Element 'reporting-org': The attribute 'ref' is required but missing.", [gap]))
        #expect(!UpgradeSchemas.explains("Element 'reporting-org': The attribute 'type' is required but missing.", [gap]))
        #expect(!UpgradeSchemas.explains("Element 'title': This element is not expected. Expected is ( reporting-org ).", [gap]))
        let element = MissingContent(kind: .element, path: "iati-activity/reporting-org", element: "iati-activity", item: "reporting-org", line: 2, message: "")
        #expect(UpgradeSchemas.explains("Element 'title': This element is not expected. Expected is ( reporting-org ).", [element]))
        #expect(!UpgradeSchemas.explains("Element 'value', attribute 'value-date': '' is not a valid value of the atomic type 'xs:date'.", [gap, element]))
    }

    @Test("the code tables cover the 1.05 codelists and point at 2.03 codes")
    func codeTables() {
        for mapping in V1Codes.mappings {
            let old = Codelists.version105(named: mapping.codelist105)
            let new = Codelists.named(mapping.codelist203)
            #expect(new != nil, "no 2.03 \(mapping.codelist203)")
            if let old {
                let covered = Set(mapping.codes.map(\.from))
                #expect(Set(old.codes.map(\.code)).isSubset(of: covered), "\(mapping.codelist105): codes without a mapping")
            }
            for entry in mapping.codes {
                if let target = entry.to { #expect(new?.contains(target) == true, "\(mapping.codelist203) has no \(target)") }
            }
        }
        // The sector vocabularies keep their meaning: same names in 1.05 and 2.03 where the code changes.
        let sector = V1Codes.mapping(element: "sector", attribute: "vocabulary")
        for (from, to) in [("COFOG", "3"), ("NACE", "4"), ("NTEE", "5")] {
            #expect(sector?.target(of: from) == .some(to))
            #expect(Codelists.version105(named: "Vocabulary")?.code(from)?.name == Codelists.named("SectorVocabulary")?.code(to)?.name)
        }
    }

    @Test("the upgrade log is JSON with every change")
    func logWriter() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("log.json")
        let sink = try ByteSink(path: path)
        let writer = try UpgradeLogWriter(sink: sink)
        try writer.beginFile("a.xml")
        let run = try UpgradeRun(text: UpgradeFixtures.activity(version: "1.05", "<activity-date type=\"start-planned\" iso-date=\"2020-01-01\"/>"))
        for record in run.records { writer.write(record) }
        try writer.endFile(run.summary)
        try writer.finish()
        try sink.commit()
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        let files = object?["files"] as? [[String: Any]]
        let records = files?.first?["records"] as? [[String: Any]]
        let changes = records?.first?["changes"] as? [[String: Any]]
        #expect(files?.first?["declaredVersion"] as? String == "1.05")
        #expect(changes?.contains { $0["rule"] as? String == "code-mapped" } == true, "\(String(describing: object))")
        #expect(UpgradeReport.line(run.summary).contains("code-mapped"))
    }
}

}

/// Small inline documents for the rule tests.
enum UpgradeFixtures {
    /// A document of one activity with `body` after an identifier.
    static func activity(version: String, _ body: String) -> String {
        document(version: version, "<iati-identifier>XM-1-A</iati-identifier>\n" + body)
    }

    static func document(version: String, _ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <iati-activities version="\(version)">
          <iati-activity xml:lang="en" default-currency="USD">
        \(body)
          </iati-activity>
        </iati-activities>
        """
    }

    /// A 1.03 activity with everything 2.03 requires, in 1.0x form.
    static let complete103 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <iati-activities version="1.03" generated-datetime="2014-01-01T00:00:00">
          <iati-activity version="1.03" xml:lang="en" default-currency="EUR" last-updated-datetime="2014-01-01T00:00:00">
            <iati-identifier>NL-KVK-1-A1</iati-identifier>
            <reporting-org ref="NL-KVK-1" type="21">Old Organisation</reporting-org>
            <title>Title</title>
            <title xml:lang="fr">Titre</title>
            <description type="1">Description</description>
            <activity-status code="2">Implementation</activity-status>
            <activity-date type="start-planned" iso-date="2014-01-01">Agreement signed</activity-date>
            <participating-org role="Funding" ref="NL-KVK-1" type="21">Old Organisation</participating-org>
            <recipient-country code="NL">Netherlands</recipient-country>
            <sector vocabulary="DAC" code="15150"/>
            <transaction ref="T1">
              <transaction-type code="IF">Incoming Funds</transaction-type>
              <transaction-date iso-date="2014-04-01"/>
              <value currency="EUR" value-date="2014-04-01">9</value>
              <provider-org ref="NL-KVK-2">Provider</provider-org>
            </transaction>
            <activity-website>https://example.org/activity</activity-website>
            <document-link url="https://example.org/report.pdf" format="application/pdf">
              <title>Report</title>
              <category code="A12"/>
              <language code="en"/>
            </document-link>
          </iati-activity>
        </iati-activities>
        """
}
