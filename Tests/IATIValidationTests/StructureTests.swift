import Foundation
import IATI
import IATIValidation
import LibXML
import TestSupport
import Testing

/// The catalogue-driven structure check against the official schemas: the verdict on every
/// file of the official schema test suites equals libxml2's with the official XSD, and so do
/// the verdicts of the `--xsd` engine; line numbers stay exact past 65,535.
@Suite("Structure and datatypes")
struct StructureTests {
    /// A file of a schema test suite and the schema that judges it.
    struct SuiteFile: CustomStringConvertible {
        let path: String
        let schema: String
        let version: IATIVersion
        var description: String { path }
    }

    /// The activity and organisation files of a suite folder (registry records excluded).
    static func suite(_ folder: String, version: IATIVersion) -> [SuiteFile] {
        let root = Reference.path(folder)
        let schemas = Reference.path("schemas/\(version.rawValue)")
        var files: [SuiteFile] = []
        for sub in ["activity-tests", "should-pass/iati-activities", "should-fail/iati-activities"] {
            files += Reference.files(under: root + "/" + sub, suffix: ".xml").map {
                SuiteFile(path: $0, schema: schemas + "/iati-activities-schema.xsd", version: version)
            }
        }
        for sub in ["organisation-tests", "should-pass/iati-organisations", "should-fail/iati-organisations"] {
            files += Reference.files(under: root + "/" + sub, suffix: ".xml").map {
                SuiteFile(path: $0, schema: schemas + "/iati-organisations-schema.xsd", version: version)
            }
        }
        return files
    }

    /// Whether the structure checks found nothing critical (codelists are not checked: the
    /// suites declare `version="xx"` and use placeholder codes).
    static func structurallyValid(_ path: String, options: ValidationOptions) throws -> Bool {
        let report = try Validator(options: options).validate(path: path)
        return !report.findings.contains { $0.severity == .critical }
    }

    static func libxml2Valid(_ file: SuiteFile, schemas: inout [String: XMLSchema]) throws -> Bool {
        let schema = try schemas[file.schema] ?? XMLSchema(path: file.schema)
        schemas[file.schema] = schema
        return try schema.validate(path: file.path).isValid
    }

    @Test("2.03 suite: catalogue verdicts equal libxml2 with the official XSD, 215/323 activities", .enabled(if: Reference.isAvailable, Reference.missing))
    func catalogue203() throws {
        let files = Self.suite("schema-tests", version: .v2_03)
        var schemas: [String: XMLSchema] = [:]
        var disagreements: [String] = []
        var tally: [String: Int] = [:]
        let options = ValidationOptions(checksCodelists: false)
        for file in files {
            let expected = try Self.libxml2Valid(file, schemas: &schemas)
            let actual = try Self.structurallyValid(file.path, options: options)
            if expected != actual { disagreements.append("\(file.path): XSD says \(expected ? "valid" : "invalid"), catalogue \(actual ? "valid" : "invalid")") }
            let kind = file.schema.hasSuffix("iati-activities-schema.xsd") ? "activity" : "organisation"
            tally["\(kind) \(actual ? "pass" : "fail")", default: 0] += 1
            // The folder names the expected verdict too.
            let folderSaysPass = file.path.contains("/should-pass/")
            #expect(folderSaysPass == actual, "\(file.path): in a should-\(folderSaysPass ? "pass" : "fail") folder")
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(disagreements.prefix(20).joined(separator: "\n"))")
        #expect(tally["activity pass"] == 215)
        #expect(tally["activity fail"] == 323)
        #expect(tally["organisation pass"] == 18)
        #expect(tally["organisation fail"] == 130)
    }

    @Test("2.03 suite: the --xsd engine gives the same verdicts", .enabled(if: Reference.isAvailable, Reference.missing))
    func xsdEngine203() throws {
        let files = Self.suite("schema-tests", version: .v2_03)
        let options = ValidationOptions(schemaFolder: Reference.path("schemas/2.03"), checksCodelists: false)
        let validator = Validator(options: options)
        var disagreements: [String] = []
        for file in files {
            let report = try validator.validate(path: file.path)
            let valid = !report.findings.contains { $0.severity == .critical }
            if valid != file.path.contains("/should-pass/") { disagreements.append(file.path) }
        }
        #expect(files.count == 686)
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(disagreements.prefix(20).joined(separator: "\n"))")
    }

    @Test(
        "2.01 and 2.02 suites: the version catalogues agree with that version's XSD",
        .enabled(if: Reference.isAvailable, Reference.missing), arguments: [IATIVersion.v2_01, .v2_02])
    func olderVersions(_ version: IATIVersion) throws {
        let files = Self.suite("schema-tests-older/\(version.rawValue)", version: version)
        #expect(files.count > 200)
        var schemas: [String: XMLSchema] = [:]
        var disagreements: [String] = []
        let options = ValidationOptions(structureVersion: version, checksCodelists: false)
        for file in files {
            let expected = try Self.libxml2Valid(file, schemas: &schemas)
            let actual = try Self.structurallyValid(file.path, options: options)
            if expected != actual { disagreements.append("\(file.path): XSD \(expected), catalogue \(actual)") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(disagreements.prefix(20).joined(separator: "\n"))")
    }

    @Test("a 2.03 file using 2.03 elements fails as 2.01 and 2.02 and passes as 2.03")
    func versionsDiffer() throws {
        let text = Fixture.activities(version: "2.03", body: Fixture.minimalActivity(extra: """
                <tag code="1" vocabulary="1"><narrative>x</narrative></tag>
            """))
        for (version, valid) in [(IATIVersion.v2_01, false), (.v2_02, false), (.v2_03, true)] {
            let report = try Fixture.validate(text, options: ValidationOptions(structureVersion: version, checksCodelists: false))
            #expect(report.findings.isEmpty == valid, "\(version): \(report.findings.map(\.message))")
        }
    }

    // MARK: - Messages

    @Test("sequence messages: missing required, unexpected, expected, too many")
    func sequenceMessages() throws {
        let text = Fixture.activities(body: """
              <iati-activity>
                <iati-identifier>AA-1</iati-identifier>
                <reporting-org ref="AA" type="10"><narrative>A</narrative></reporting-org>
                <description><narrative>x</narrative></description>
                <participating-org role="1"/>
                <activity-status code="2"/>
                <activity-status code="2"/>
                <activity-date type="1" iso-date="2020-01-01"/>
                <bogus/>
              </iati-activity>
            """)
        let report = try Fixture.validate(text, options: ValidationOptions(checksCodelists: false))
        let messages = report.findings.map { "\($0.line): \($0.message)" }
        #expect(messages.contains("6: missing required element <title> in <iati-activity> before <description>"), "\(messages)")
        #expect(messages.contains { $0.hasPrefix("9: unexpected element <activity-status> in <iati-activity>: at most one allowed") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("11: unexpected element <bogus> in <iati-activity>: the standard defines no such element here; expected") }, "\(messages)")
        #expect(report.findings.allSatisfy { $0.ruleID == "0.3.1" && $0.severity == .critical && $0.category == .schema })
        #expect(report.findings.first?.location == "/iati-activities/iati-activity[1]")
        #expect(report.findings.last?.location == "/iati-activities/iati-activity[1]/bogus")
    }

    @Test("attributes: required, unknown, foreign, xml:lang; datatypes with exact lexical rules")
    func attributesAndDatatypes() throws {
        let text = Fixture.activities(body: Fixture.minimalActivity(
            attributes: #" hierarchy="1.5" humanitarian="yes" xml:lang="en GB" foo="bar" ext:note="ok" xmlns:ext="http://example.org/ext""#,
            extra: """
                <sector code="11110" percentage="1e2"/>
                <budget><period-start iso-date="2020-02-30"/><period-end iso-date="2020-12-31"/><value value-date="2020-01-01">12.5.0</value></budget>
                <related-activity ref="X" type="1" ext:flag="1"/>
                <ext:anything><whatever/></ext:anything>
            """))
        let report = try Fixture.validate(text, options: ValidationOptions(checksCodelists: false))
        let messages = report.findings.map(\.message)
        for expected in [
            "invalid value \"1.5\" for @hierarchy of <iati-activity>",
            "invalid value \"yes\" for @humanitarian of <iati-activity>",
            "invalid value \"en GB\" for @xml:lang of <iati-activity>",
            "attribute @foo is not allowed on <iati-activity>",
            "invalid value \"1e2\" for @percentage of <sector>",
            "invalid value \"2020-02-30\" for @iso-date of <period-start>",
            "invalid text \"12.5.0\" in <value>",
            "attribute @ext:flag is not allowed on <related-activity>",
        ] {
            #expect(messages.contains { $0.hasPrefix(expected) }, "missing: \(expected) in \(messages)")
        }
        #expect(report.findings.count == 8, "\(messages)")
    }

    @Test("extension elements are allowed only where the schema puts its wildcard", .enabled(if: Reference.isAvailable, Reference.missing))
    func extensionPlacement() throws {
        let misplaced = Fixture.activities(body: """
              <iati-activity xmlns:ext="http://example.org/ext">
                <iati-identifier>AA-1</iati-identifier>
                <ext:early/>
                <reporting-org ref="AA" type="10"><narrative>A</narrative></reporting-org>
              </iati-activity>
            """)
        let report = try Fixture.validate(misplaced, options: ValidationOptions(checksCodelists: false))
        #expect(report.findings.contains { $0.message.hasPrefix("unexpected element <reporting-org> in <iati-activity>") })
        // 2.03 organisation document links take foreign elements before their recipient countries.
        let organisation = """
            <iati-organisations version="2.03" xmlns:ext="http://example.org/ext">
              <iati-organisation>
                <organisation-identifier>AA-1</organisation-identifier>
                <name><narrative>A</narrative></name>
                <reporting-org ref="AA-1" type="10"><narrative>A</narrative></reporting-org>
                <document-link url="http://example.org" format="text/html">
                  <title><narrative>T</narrative></title>
                  <category code="B01"/>
                  <ext:note/>
                  <recipient-country code="VN"/>
                </document-link>
              </iati-organisation>
            </iati-organisations>
            """
        #expect(try Fixture.validate(organisation, options: ValidationOptions(checksCodelists: false)).findings.isEmpty)
        let schema = try XMLSchema(path: Reference.path("schemas/2.03/iati-organisations-schema.xsd"))
        #expect(try schema.validate(name: "org", source: BufferSource(organisation)).isValid)
    }

    @Test("a consumer gets each record as read with its findings, and why a file stopped")
    func recordConsumer() throws {
        let text = Fixture.activities(body: Fixture.minimalActivity(attributes: #" default-currency="XXX""#) + Fixture.minimalActivity())
        let consumer = Consumer()
        let reader = try XMLReader(name: "batch.xml", source: BufferSource(text))
        let summary = try Validator().validate(reader: reader, into: ReportCollector(keepsAllRecords: false), consumer: consumer)
        #expect(consumer.root == "iati-activities")
        #expect(consumer.records.map(\.findings) == [["9.3.1"], []])
        #expect(summary.recordCount == 2)
        // The repeated identifier is the file's finding, not the second record's.
        #expect(summary.fileFindings.map(\.ruleID) == [RuleID.duplicateIdentifier])
        #expect(consumer.failure == nil)

        let broken = Consumer()
        let cut = try XMLReader(name: "cut.xml", source: BufferSource(String(text.prefix(text.count - 30))))
        let brokenSummary = try Validator().validate(reader: cut, into: ReportCollector(keepsAllRecords: false), consumer: broken)
        #expect(broken.records.count == 1)
        #expect(broken.failure != nil)
        #expect(brokenSummary.counts.critical == 1)
    }

    /// Keeps what a file pass hands over.
    private final class Consumer: RecordConsumer {
        var root: String?
        var records: [(line: Int, findings: [String])] = []
        var failure: XMLError?

        func begin(root: ElementStart) throws { self.root = root.name }
        func record(_ record: RuleRecord, findings: [Finding]) throws { records.append((record.line, findings.map(\.ruleID))) }
        func other(_ element: Node) throws {}
        func end(failure: XMLError?) { self.failure = failure }
    }

    // MARK: - Line numbers

    @Test("line numbers are exact past line 65,535, in both engines", .enabled(if: Reference.isAvailable, Reference.missing))
    func bigLineNumbers() throws {
        let folder = try TemporaryFolder()
        var text = "<?xml version=\"1.0\"?>\n<iati-activities version=\"2.03\">\n"
        var line = 3
        var index = 0
        let activityLines = Fixture.minimalActivity(identifier: "AA-0").split(separator: "\n", omittingEmptySubsequences: false).count
        while line < 70_000 {
            text += Fixture.minimalActivity(identifier: "AA-\(index)") + "\n"
            line += activityLines
            index += 1
        }
        // line: <iati-activity>, +1 identifier, +2 reporting-org, ... the faulty activity follows.
        let faulty = Fixture.minimalActivity(identifier: "AA-late", extra: "    <capital-spend percentage=\"lots\"/>\n    <unknown-element/>")
        text += faulty + "\n</iati-activities>\n"
        let path = try folder.write("big.xml", text)
        let faultyLines = faulty.split(separator: "\n", omittingEmptySubsequences: false)
        guard let capitalOffset = faultyLines.firstIndex(where: { $0.contains("capital-spend") }),
            let unknownOffset = faultyLines.firstIndex(where: { $0.contains("unknown-element") })
        else { throw FixtureError.broken }
        let capitalLine = line + capitalOffset
        let unknownLine = line + unknownOffset
        #expect(capitalLine > 65_535)

        let catalogue = try Validator(options: ValidationOptions(checksCodelists: false)).validate(path: path)
        #expect(catalogue.findings.allSatisfy { $0.record == "AA-late" })
        #expect(catalogue.findings.map(\.line) == [capitalLine, unknownLine], "\(catalogue.findings.map { "\($0.line) \($0.message)" })")

        let xsd = try Validator(options: ValidationOptions(schemaFolder: Reference.path("schemas/2.03"), checksCodelists: false)).validate(path: path)
        #expect(xsd.findings.map(\.line) == [capitalLine, unknownLine], "\(xsd.findings.map { "\($0.line) \($0.message)" })")
        #expect(xsd.findings.allSatisfy { $0.record == "AA-late" })
    }

    // MARK: - Datatypes against libxml2

    @Test("DataType.accepts agrees with libxml2's built-in types")
    func datatypesAgreeWithLibxml2() {
        let samples: [(DataType, String, [String])] = [
            (.decimal, "decimal", ["0", "-0", "+1.5", ".5", "5.", "1e3", "1,000", " 12 ", "", "-", "1.2.3", "١٢", "00012.3400"]),
            (.integer, "integer", ["0", "-12", "+7", "1.0", "", " 3 ", "99999999999999999999999"]),
            (.int, "int", [
                "0", "-12", "+7", "2147483647", "2147483648", "-2147483648", "-2147483649", "+002147483647", "-0", "99999999999999999999", "1.0", "",
            ]),
            (.nonNegativeInteger, "nonNegativeInteger", ["0", "-0", "+0", "5", "-1", "1.0"]),
            (.positiveInteger, "positiveInteger", ["1", "0", "+3", "-1", "00"]),
            (.boolean, "boolean", ["true", "false", "1", "0", "TRUE", "yes", " true "]),
            (.date, "date", [
                "2020-01-31", "2020-02-29", "2019-02-29", "2020-13-01", "2020-1-01", "20200-01-01", "0000-01-01",
                "-0044-03-15", "2020-01-01Z", "2020-01-01+14:00", "2020-01-01+14:01", "2020-01-01-05:00", "2020-01-01T00:00:00",
            ]),
            (.dateTime, "dateTime", [
                "2020-01-01T00:00:00", "2020-01-01T24:00:00", "2020-01-01T24:00:01", "2020-01-01T12:30:00.123Z",
                "2020-01-01T12:30", "2020-01-01 12:30:00", "2020-01-01T12:60:00", "2020-01-01T12:30:00+01:00",
            ]),
            (.language, "language", ["en", "en-GB", "fr-CA", "e", "english-x", "123", "en_GB", "x-klingon", "abcdefghi"]),
            (.nmtoken, "NMTOKEN", ["abc", "a-b.c:d", "a b", "", "é"]),
        ]
        var disagreements: [String] = []
        for (type, name, values) in samples {
            for value in values {
                guard let libxml2 = XSDBuiltinType.accepts(value, type: name) else {
                    disagreements.append("libxml2 has no type \(name)")
                    continue
                }
                let ours = type.accepts(Substring(value.trimmingCharacters(in: .whitespaces)))
                if ours != libxml2 { disagreements.append("\(name) \"\(value)\": libxml2 \(libxml2), DataType.accepts \(ours)") }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
    }
}

/// Small IATI documents for tests.
enum Fixture {
    static func activities(version: String = "2.03", body: String) -> String {
        "<?xml version=\"1.0\"?>\n<iati-activities version=\"\(version)\">\n\(body)\n</iati-activities>\n"
    }

    /// A valid activity (codes from the codelists), with `extra` before its closing tag.
    static func minimalActivity(identifier: String = "AA-1", attributes: String = "", extra: String = "") -> String {
        var text = """
              <iati-activity\(attributes)>
                <iati-identifier>\(identifier)</iati-identifier>
                <reporting-org ref="AA" type="10"><narrative>Org</narrative></reporting-org>
                <title><narrative>Title</narrative></title>
                <description><narrative>Text</narrative></description>
                <participating-org role="1" ref="AA"/>
                <activity-status code="2"/>
                <activity-date type="1" iso-date="2020-01-01"/>
            """
        if !extra.isEmpty { text += "\n" + extra }
        text += "\n  </iati-activity>"
        return text
    }

    static func validate(_ text: String, name: String = "test.xml", options: ValidationOptions = .default) throws -> FileReport {
        try Validator(options: options).validate(name: name) { BufferSource(text) }
    }
}

enum FixtureError: Error {
    case broken
}
