import Foundation
import IATI
@testable import IATIValidation
import LibXML
import Testing
import TestSupport

/// Every rule of the official validator's table (`data-quality-rules.csv`) is checked by iatix
/// or listed in `docs/validator-rules.md` as not checked; every checked id fails on a case of
/// the project's own and passes on another.
@Suite("the official validator's rules")
struct OfficialRulesTests {
    /// The rule cases: activity and organisation files whose records say in their title (name)
    /// which ids must be reported for them ("fails 1.3.1 1.3.8") and which must not
    /// ("passes 1.1.3"); expectations about the file as a whole are in its first comment
    /// ("file fails 1.1.2").
    static let casesFolder = Reference.packageRoot + "/Tests/IATIValidationTests/RuleCases"

    /// 2026-01-01: the cases' dates in 2029-2031 are in the future, the others in the past.
    static let now: Double = 1_767_225_600

    /// The official ids the file pass reports itself (besides 0.1.1, 0.2.1 and 0.3.1, which the
    /// table does not list).
    static let fileLevelIDs: Set<String> = [
        RuleID.unsupportedVersion, RuleID.duplicateIdentifier, RuleID.versionCode, RuleID.versionCodeOrganisation,
    ]

    /// Every id of the default ruleset.
    static func rulesetIDs() throws -> Set<String> {
        Set(DefaultRulesetTests.casesByRule(try DefaultRuleset.load()).joined().compactMap(\.id))
    }

    /// Every id of the codelist checks.
    static var codelistIDs: Set<String> {
        Set(CodelistRuleTable.entries.map(\.id) + CodelistRuleTable.before203.map(\.entry.id))
    }

    /// The ids `docs/validator-rules.md` lists under "Not checked", with their reasons.
    static func documentedAbsent() throws -> [String: String] {
        let text = try String(contentsOfFile: Reference.packageRoot + "/docs/validator-rules.md", encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Not checked").dropFirst().first)
        var absent: [String: String] = [:]
        for line in section.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, QualityRule.isDotted(cells[0])
            else { continue }
            #expect(absent[cells[0]] == nil, "\(cells[0]) is listed twice")
            absent[cells[0]] = cells[2]
        }
        return absent
    }

    /// The validator the cases run through: the default ruleset with the built-in prefixes.
    static func validator() throws -> Validator {
        let options = RuleEngine.Options(organisationIdentifierPrefixes: OrganisationPrefixes.builtIn, currentTime: now)
        return Validator(
            options: ValidationOptions(keepsAllRecords: true, checkingThreads: 0),
            rules: .ruleset(try DefaultRuleset.load(), options: options))
    }

    // MARK: The table against iatix

    @Test(
        "every id of the table is checked or documented as not checked, not both",
        .enabled(if: QualityRules.isAvailable, QualityRules.missing))
    func everyRuleIsCheckedOrDocumented() throws {
        let rows = try QualityRules.load()
        let official = Set(rows.filter(\.hasDottedID).map(\.id))
        #expect(official.count > 200, "the table was not read")
        // The one row that is not a rule: the template for codelist rules without an id.
        #expect(rows.filter { !$0.hasDottedID }.map(\.id) == ["{$pos || '.1'}"])
        let checked = try Self.rulesetIDs().union(Self.codelistIDs).union(Self.fileLevelIDs)
        let absent = try Self.documentedAbsent()
        for id in official.sorted() where !checked.contains(id) && absent[id] == nil {
            Issue.record("\(id) is neither checked nor listed in docs/validator-rules.md")
        }
        for (id, reason) in absent {
            #expect(official.contains(id), "docs/validator-rules.md lists \(id), which the table does not have")
            #expect(!checked.contains(id), "\(id) is checked, yet docs/validator-rules.md says it is not")
            #expect(!reason.isEmpty, "\(id) is listed without a reason")
        }
        for id in checked.subtracting(official) {
            Issue.record("iatix reports \(id), which is not an id of the table")
        }
    }

    @Test(
        "codelist rules have the table's category and severity error",
        .enabled(if: QualityRules.isAvailable, QualityRules.missing))
    func codelistCategories() throws {
        let rows = Dictionary(grouping: try QualityRules.load(), by: \.id)
        for entry in CodelistRuleTable.entries + CodelistRuleTable.before203.map(\.entry) {
            let row = try #require(rows[entry.id]?.first, "\(entry.id) is not in the table")
            #expect(row.whereDefined == "Codelist Rules", "\(entry.id) is \(row.whereDefined) in the table")
            #expect(row.category == entry.category.rawValue, "\(entry.id): \(entry.category.rawValue), the table says \(row.category)")
            #expect(row.severity == "error", "\(entry.id): the table says \(row.severity)")
        }
    }

    // MARK: The rule cases

    /// What a record or a file expects: ids that must be reported and ids that must not.
    struct Expectation {
        var fails: Set<String> = []
        var passes: Set<String> = []

        /// Reads "fails 1.1.1 1.3.8; passes 1.1.3".
        init(_ text: String) {
            for part in text.split(separator: ";") {
                let words = part.split(separator: " ").map(String.init)
                switch words.first {
                case "fails": fails.formUnion(words.dropFirst())
                case "passes": passes.formUnion(words.dropFirst())
                default: break
                }
            }
        }
    }

    /// The file-level expectation in a case file's comments ("file fails 1.1.2").
    static func fileExpectation(_ text: String) -> Expectation {
        var expectation = Expectation("")
        for match in text.matches(of: /file (fails|passes)((?: [0-9]+(?:\.[0-9]+)+)+)/) {
            let ids = match.output.2.split(separator: " ").map(String.init)
            if match.output.1 == "fails" { expectation.fails.formUnion(ids) } else { expectation.passes.formUnion(ids) }
        }
        return expectation
    }

    @Test(
        "every checked rule fails on a case and passes on another, with the table's severity and category",
        .enabled(if: QualityRules.isAvailable, QualityRules.missing))
    func ruleCases() throws {
        let table = Dictionary(grouping: try QualityRules.load(), by: \.id)
        let validator = try Self.validator()
        let files = Reference.files(under: Self.casesFolder, suffix: ".xml")
        #expect(files.count >= 5, "rule cases not found in \(Self.casesFolder)")
        var failed: Set<String> = []
        var passed: Set<String> = []
        for path in files {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let report = try validator.validate(path: path)
            let reported = Set(report.findings.map(\.ruleID))
            let file = Self.fileExpectation(try String(contentsOfFile: path, encoding: .utf8))
            for id in file.fails where !reported.contains(id) { Issue.record("\(name): \(id) expected, not reported") }
            for id in file.passes where reported.contains(id) { Issue.record("\(name): \(id) reported, not expected") }
            failed.formUnion(file.fails)
            passed.formUnion(file.passes)
            for record in report.records {
                let expectation = Expectation(record.title ?? "")
                let found = Set(report.recordFindings.filter { $0.record == record.identifier }.map(\.ruleID))
                for id in expectation.fails.subtracting(found).sorted() {
                    Issue.record("\(name), \(record.identifier) (line \(record.line)): \(id) expected, not reported")
                }
                for id in expectation.passes.intersection(found).sorted() {
                    Issue.record("\(name), \(record.identifier) (line \(record.line)): \(id) reported, not expected")
                }
                failed.formUnion(expectation.fails)
                passed.formUnion(expectation.passes)
            }
            for finding in report.findings {
                guard let rows = table[finding.ruleID] else { continue }
                #expect(
                    rows.contains { $0.category == finding.category.rawValue },
                    "\(name) line \(finding.line): \(finding.ruleID) has category \(finding.category.rawValue), the table says \(rows.map(\.category))")
                if rows.contains(where: { $0.severity.isEmpty }) { continue }
                #expect(
                    rows.contains { $0.severity == finding.severity.rawValue },
                    "\(name) line \(finding.line): \(finding.ruleID) has severity \(finding.severity.rawValue), the table says \(rows.map(\.severity))")
            }
        }
        // The codelist rules have cases of their own (codelistRulesFailAndPass), but for the
        // version, which is read by the file pass.
        let needed = try Self.rulesetIDs().union(Self.fileLevelIDs)
        for id in needed.subtracting(failed).sorted() { Issue.record("no case fails \(id)") }
        for id in needed.subtracting(passed).sorted() { Issue.record("no case passes \(id)") }
    }

    // MARK: Codelist rules, one document each

    /// A document with one value at a codelist mapping's path, meeting its condition.
    static func codelistDocument(path: String, condition: String?, value: String, version: String) -> String? {
        var steps = path.split(separator: "/").map(String.init)
        guard let record = steps.first, let last = steps.popLast() else { return nil }
        let isActivity = record != "iati-organisation"
        var elements = Array(steps.dropFirst())
        var recordAttributes = ""
        var attributes = Array(repeating: "", count: elements.count)
        var text = ""
        switch last {
        case "text()": text = value
        case let attribute where attribute.hasPrefix("@"):
            let assignment = " \(attribute.dropFirst())=\"\(value)\""
            if attributes.isEmpty { recordAttributes += assignment } else { attributes[attributes.count - 1] += assignment }
        default: return nil
        }
        if record == "@xml:lang" {
            elements = []
            attributes = []
            recordAttributes = " xml:lang=\"\(value)\""
        } else if record != "iati-activity" && record != "iati-organisation" {
            return nil
        }
        if let condition, let match = condition.wholeMatch(of: /(\.\.\/)?@([a-z-]+) = '([^']*)'/) {
            let target = attributes.count - (match.output.1 == nil ? 1 : 2)
            guard attributes.indices.contains(target) else { return nil }
            attributes[target] += " \(match.output.2)=\"\(match.output.3)\""
        }
        var inner = text
        for (element, attribute) in zip(elements, attributes).reversed() {
            inner = "<\(element)\(attribute)>\(inner)</\(element)>"
        }
        if isActivity {
            return """
                <iati-activities version="\(version)"><iati-activity\(recordAttributes)><iati-identifier>XM-DAC-41302-C</iati-identifier>\
                \(inner)</iati-activity></iati-activities>
                """
        }
        return """
            <iati-organisations version="\(version)"><iati-organisation\(recordAttributes)>\
            <organisation-identifier>XM-DAC-41302</organisation-identifier>\(inner)</iati-organisation></iati-organisations>
            """
    }

    @Test("every codelist rule fails on a value not in its codelist and passes on one that is")
    func codelistRulesFailAndPass() throws {
        let validator = Validator(options: ValidationOptions(checkingThreads: 0))
        var cases = CodelistRuleTable.entries.compactMap { entry -> (CodelistRuleTable.Entry, String, String)? in
            guard let mapping = Codelists.mappings.first(where: { $0.path == entry.path && $0.condition == entry.condition })
            else {
                Issue.record("\(entry.id): no mapping \(entry.path) [\(entry.condition ?? "")]")
                return nil
            }
            return (entry, mapping.codelist, "2.03")
        }
        cases += CodelistRuleTable.before203.map { ($0.entry, $0.codelist, "2.02") }
        var exercised: Set<String> = []
        for (entry, codelist, version) in cases where !entry.path.hasSuffix("/@version") {
            let code = try #require(Codelists.named(codelist)?.codes.first?.code, "codelist \(codelist)")
            let label = "\(entry.id) at \(entry.path) [\(entry.condition ?? "")]"
            guard
                let bad = Self.codelistDocument(path: entry.path, condition: entry.condition, value: "ZZ-NOT-A-CODE", version: version),
                let good = Self.codelistDocument(path: entry.path, condition: entry.condition, value: code, version: version)
            else {
                Issue.record("\(label): no document can be made for this path")
                continue
            }
            let failing = try validator.validate(name: "bad.xml") { BufferSource(bad) }.findings
            let passing = try validator.validate(name: "good.xml") { BufferSource(good) }.findings
            #expect(failing.contains { $0.ruleID == entry.id && $0.category == entry.category }, "\(label) not reported in \(bad)")
            #expect(!passing.contains { $0.ruleID == entry.id }, "\(label) reported for code \(code) in \(good)")
            exercised.insert(entry.id)
        }
        #expect(exercised == Self.codelistIDs.subtracting([RuleID.versionCode, RuleID.versionCodeOrganisation]))
    }
}
