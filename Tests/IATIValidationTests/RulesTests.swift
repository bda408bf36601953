import Foundation
import IATIValidation
import LibXML
import Testing
import TestSupport

/// The reference folder (`../shared/iati` from the package root, or `$IATI_REFERENCE`).
enum RulesReference {
    static let root: String? = Reference.folder

    static let missing = Reference.missing.rawValue

    static func path(_ relative: String) -> String { (root ?? "") + "/" + relative }

    /// A fixed "now" (2025-06-01), so date rules give the same answer on any day.
    static let now: Double = 1_748_736_000

    static func json(_ relative: String) -> Any? {
        guard root != nil, let data = FileManager.default.contents(atPath: path(relative)) else { return nil }
        return try? JSONSerialization.jsonObject(with: data)
    }

    /// The root element of a small XML file, `nil` when it has none.
    static func document(_ path: String) throws -> Node? {
        let reader = try XMLReader(path: path)
        guard let start = try reader.nextElement(), start.depth == 0 else { return nil }
        return try reader.expand()
    }

    static func lineCount(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }
}

/// One (ruleset, file) pair of `ruleset-cases/cases.json` and the official validator's answer.
struct OfficialRuleCase: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable, Equatable, CustomStringConvertible {
        case bool(Bool)
        case text(String)

        var description: String {
            switch self {
            case .bool(let flag): String(flag)
            case .text(let text): text
            }
        }
    }

    var ruleset: String
    var file: String
    var expected: Expected
    var check: String
    var idSets: [String: [String]]
    var failingIdentifiers: [String]?
    var fileLevelError: Bool?

    var testDescription: String { "\(ruleset) on \(file)" }

    static let all: [OfficialRuleCase] = {
        guard let items = RulesReference.json("ruleset-cases/cases.json") as? [[String: Any]] else { return [] }
        return items.compactMap { item in
            guard let ruleset = item["ruleset"] as? String, let file = item["file"] as? String else { return nil }
            let expected: Expected
            if let flag = item["expected"] as? Bool {
                expected = .bool(flag)
            } else if let text = item["expected"] as? String {
                expected = .text(text)
            } else {
                return nil
            }
            return OfficialRuleCase(
                ruleset: ruleset, file: file, expected: expected, check: item["check"] as? String ?? "allRulesResult",
                idSets: item["idSets"] as? [String: [String]] ?? [:],
                failingIdentifiers: item["failingIdentifiers"] as? [String],
                fileLevelError: item["fileLevelError"] as? Bool)
        }
    }()
}

/// One (ruleset, file) pair of `rulesets/meta_tests/cases.json`.
struct MetaRuleCase: Sendable, CustomTestStringConvertible {
    var ruleset: String
    var file: String
    var expected: Bool

    var testDescription: String { "\(ruleset) on \(file)" }

    static let all: [MetaRuleCase] = {
        guard let items = RulesReference.json("rulesets/meta_tests/cases.json") as? [[String: Any]] else { return [] }
        return items.compactMap { item in
            guard let ruleset = item["ruleset"] as? String, let file = item["file"] as? String,
                let expected = item["expected"] as? Bool
            else { return nil }
            return MetaRuleCase(ruleset: ruleset, file: file, expected: expected)
        }
    }()
}

@Suite("RulesTests")
struct RulesTests {
    // MARK: Official results

    /// The official validator's `allRulesResult`: "No Rule Match" when nothing ran, "No Condition
    /// Match" when every case was skipped by its condition or a missing date, else whether every
    /// case passed (a condition or id-condition skip passes; a date skip fails).
    static func allRulesResult(_ results: [RuleCaseResult]) -> OfficialRuleCase.Expected {
        if results.isEmpty { return .text("No Rule Match") }
        if results.allSatisfy({ $0.outcome == .skippedByCondition || $0.outcome == .skippedMissingDate }) {
            return .text("No Condition Match")
        }
        return .bool(results.allSatisfy(\.outcome.isTruthyInOfficialValidator))
    }

    @Test(
        "the engine gives the official validator's result",
        .enabled(if: RulesReference.root != nil, Comment(rawValue: RulesReference.missing)),
        arguments: OfficialRuleCase.all)
    func officialCase(_ pair: OfficialRuleCase) throws {
        let base = "ruleset-cases/"
        let rulesetPath = RulesReference.path(base + pair.ruleset)
        let filePath = RulesReference.path(base + pair.file)
        let ruleset = try Ruleset(contentsOf: rulesetPath)
        var options = RuleEngine.Options(currentTime: RulesReference.now)
        if let ids = pair.idSets["ORG-ID"] { options.organisationIdentifiers = Set(ids) }
        if let prefixes = pair.idSets["ORG-ID-PREFIX"] { options.organisationIdentifierPrefixes = Set(prefixes) }
        let engine = RuleEngine(ruleset: ruleset, options: options)

        let actual: OfficialRuleCase.Expected
        switch pair.check {
        case "allRulesResult":
            let results = try RulesReference.document(filePath).map { try engine.results(document: $0) } ?? []
            actual = Self.allRulesResult(results)
        case "noFalseResult":
            let results = try RulesReference.document(filePath).map { try engine.results(document: $0) } ?? []
            #expect(!results.isEmpty, "no rule ran")
            actual = .bool(!results.contains { $0.outcome == .failed })
        case "everyResultTruthy":
            let results = try RulesReference.document(filePath).map { try engine.results(document: $0) } ?? []
            #expect(!results.isEmpty, "no rule ran")
            actual = .bool(results.allSatisfy(\.outcome.isTruthyInOfficialValidator))
        case "failingIdentifiers":
            let report = try engine.evaluate(file: filePath)
            let failing = report.elements.filter { !$0.findings.isEmpty }.map(\.identifier)
            #expect(failing == pair.failingIdentifiers, "failing identifiers")
            #expect(!report.elements.isEmpty)
            actual = .bool(failing.isEmpty)
        case "fileLevelErrors":
            let report = try engine.evaluate(file: filePath)
            #expect(
                !report.duplicateIdentifiers.isEmpty == pair.fileLevelError, "file-level duplicate identifier error")
            actual = .bool(report.findings.isEmpty && report.duplicateIdentifiers.isEmpty)
        default:
            Issue.record("unknown check \(pair.check)")
            return
        }
        #expect(actual == pair.expected)
    }

    @Test(
        "the reference holds the official cases",
        .enabled(if: RulesReference.root != nil, Comment(rawValue: RulesReference.missing)))
    func officialCasesPresent() {
        #expect(OfficialRuleCase.all.count >= 170)
        #expect(MetaRuleCase.all.count >= 80)
    }

    @Test(
        "the meta tests of IATI-Rulesets pass (true = no case fails)",
        .enabled(if: RulesReference.root != nil, Comment(rawValue: RulesReference.missing)),
        arguments: MetaRuleCase.all)
    func metaCase(_ pair: MetaRuleCase) throws {
        let folder = "rulesets/meta_tests/"
        let ruleset = try Ruleset(contentsOf: RulesReference.path(folder + pair.ruleset))
        let engine = RuleEngine(ruleset: ruleset, options: RuleEngine.Options(currentTime: RulesReference.now))
        let results =
            try RulesReference.document(RulesReference.path(folder + pair.file)).map {
                try engine.results(document: $0)
            } ?? []
        #expect(!results.contains { $0.outcome == .failed } == pair.expected)
    }

    // MARK: The official ruleset on real files

    static let realFiles: [String] = {
        guard RulesReference.root != nil,
            let names = try? FileManager.default.contentsOfDirectory(atPath: RulesReference.path("real/v2"))
        else { return [] }
        return names.filter { $0.hasSuffix(".xml") }.sorted()
    }()

    @Test(
        "standard.json runs on real files, activity by activity, as on the whole document",
        .enabled(if: RulesReference.root != nil, Comment(rawValue: RulesReference.missing)),
        arguments: realFiles)
    func realFile(_ name: String) throws {
        let path = RulesReference.path("real/v2/" + name)
        let ruleset = try Ruleset(contentsOf: RulesReference.path("rulesets/standard.json"))
        let engine = RuleEngine(ruleset: ruleset, options: RuleEngine.Options(currentTime: RulesReference.now))
        let report = try engine.evaluate(file: path)
        #expect(!report.elements.isEmpty, "no activity evaluated")
        let lines = RulesReference.lineCount(path)
        for finding in report.findings {
            #expect(finding.line > 0 && finding.line <= lines, "line \(finding.line) of \(finding)")
            #expect(finding.contextLine > 0 && finding.contextLine <= lines)
            #expect(finding.ruleID != nil, "standard.json gives every case an id")
        }
        // The same findings, with the same lines, from the whole document at once.
        let whole = try #require(try RulesReference.document(path))
        let together = try engine.evaluate(document: whole)
        func key(_ finding: RuleFinding) -> String {
            "\(finding.ruleID ?? "") \(finding.ruleName) \(finding.caseNumber) \(finding.line) \(finding.activityIdentifier ?? "")"
        }
        #expect(report.findings.map(key).sorted() == together.map(key).sorted())
    }

    @Test(
        "findings carry the rule id, severity, message, line and activity",
        .enabled(if: RulesReference.root != nil, Comment(rawValue: RulesReference.missing)))
    func findingDetails() throws {
        let ruleset = try Ruleset(contentsOf: RulesReference.path("rulesets/standard.json"))
        let engine = RuleEngine(ruleset: ruleset, options: RuleEngine.Options(currentTime: RulesReference.now))
        let xml = """
            <iati-activities version="2.03">
             <iati-activity default-currency="EUR" xml:lang="en">
              <iati-identifier>XM-DAC-1-A1</iati-identifier>
              <reporting-org ref="XM-DAC-1" type="10"><narrative>Org</narrative></reporting-org>
              <other-identifier ref="XM-1 " type="A3"/>
              <activity-date type="1" iso-date="2022-01-01"/>
              <activity-date type="3" iso-date="2021-01-01"/>
             </iati-activity>
            </iati-activities>
            """
        let activity = try #require(try Self.activities(xml).first)
        let findings = try engine.evaluate(activity: activity)
        // The planned start (line 6) is after the planned end (line 7).
        let order = try #require(findings.first { $0.ruleType == .dateOrder })
        #expect(order.line == 6)
        #expect(order.contextLine == 2)
        #expect(order.activityIdentifier == "XM-DAC-1-A1")
        #expect(order.ruleID != nil && order.ruleID?.isEmpty == false)
        #expect(!order.message.isEmpty)
        #expect(order.context == "/iati-activities/iati-activity")
        // The other identifier ends with a space (line 5).
        let spaces = try #require(findings.first { $0.ruleType == .noSpaces })
        #expect(spaces.line == 5)
        #expect(spaces.severity == .warning || spaces.severity == .error)
    }

    static func activities(_ xml: String) throws -> [Node] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "iatix-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("a.xml")
        try Data(xml.utf8).write(to: file)
        let reader = try XMLReader(path: file.path)
        var nodes: [Node] = []
        while let start = try reader.nextElement() {
            if start.depth == 1 && start.name == "iati-activity" { nodes.append(try reader.expand()) }
        }
        return nodes
    }

    // MARK: Rule semantics without the reference

    static func run(
        _ json: String, on activity: Node, options: RuleEngine.Options = .init(currentTime: RulesReference.now)
    ) throws -> [RuleCaseResult] {
        let engine = RuleEngine(ruleset: try Ruleset(json: Array(json.utf8), name: "test.json"), options: options)
        return try engine.results(activity: activity)
    }

    static func activity(_ children: [Node], attributes: [Attribute] = []) -> Node {
        Node(name: "iati-activity", attributes: attributes, children: children, line: 2)
    }

    static func element(
        _ name: String, _ attributes: [String: String] = [:], text: String = "", line: Int = 3, children: [Node] = []
    ) -> Node {
        Node(
            name: name,
            attributes: attributes.sorted { $0.key < $1.key }.map { Attribute(name: $0.key, value: $0.value) },
            children: children, text: text, line: line)
    }

    @Test func strictSumRoundsToFourDecimalsLikeJavaScript() throws {
        let rules = #"{"//iati-activity": {"strict_sum": {"cases": [{"paths": ["sector/@percentage"], "sum": 100}]}}}"#
        let good = Self.activity([
            Self.element("sector", ["percentage": "33.33333"]), Self.element("sector", ["percentage": "33.33333"]),
            Self.element("sector", ["percentage": "33.33334"]),
        ])
        #expect(try Self.run(rules, on: good).map(\.outcome) == [.passed])
        let bad = Self.activity([
            Self.element("sector", ["percentage": "60"]), Self.element("sector", ["percentage": "39.99"]),
        ])
        let result = try #require(try Self.run(rules, on: bad).first)
        #expect(result.outcome == .failed)
        #expect(result.finding.details.first?.contains("99.99") == true)
        // No percentages at all: strict_sum fails, sum passes.
        #expect(try Self.run(rules, on: Self.activity([])).map(\.outcome) == [.failed])
        let lenient = #"{"//iati-activity": {"sum": {"cases": [{"paths": ["sector/@percentage"], "sum": 100}]}}}"#
        #expect(try Self.run(lenient, on: Self.activity([])).map(\.outcome) == [.passed])
    }

    @Test func dateRulesSkipMissingOrUnreadableDates() throws {
        let rules = #"{"//iati-activity": {"date_order": {"cases": [{"less": "a/@iso-date", "more": "b/@iso-date"}]}}}"#
        let ordered = Self.activity([
            Self.element("a", ["iso-date": "2020-01-01"], line: 3),
            Self.element("b", ["iso-date": "2020-01-01"], line: 4),
        ])
        #expect(try Self.run(rules, on: ordered).map(\.outcome) == [.passed])
        let reversed = Self.activity([
            Self.element("a", ["iso-date": "2021-01-01"], line: 3),
            Self.element("b", ["iso-date": "2020-01-01"], line: 4),
        ])
        let failed = try #require(try Self.run(rules, on: reversed).first)
        #expect(failed.outcome == .failed)
        #expect(failed.finding.line == 3)
        let missing = Self.activity([Self.element("a", ["iso-date": "2021-01-01"])])
        #expect(try Self.run(rules, on: missing).map(\.outcome) == [.skippedMissingDate])
        let unreadable = Self.activity([
            Self.element("a", ["iso-date": "2020-15-01"]), Self.element("b", ["iso-date": "2020-01-01"]),
        ])
        #expect(try Self.run(rules, on: unreadable).map(\.outcome) == [.skippedMissingDate])
        // An element has no value as a date, only an attribute does.
        let elementDate = #"{"//iati-activity": {"date_now": {"cases": [{"date": "a"}]}}}"#
        #expect(
            try Self.run(elementDate, on: Self.activity([Self.element("a", text: "2020-01-01")])).map(\.outcome) == [
                .skippedMissingDate
            ])
    }

    @Test func numbersAndDatesAreReadAsJavaScriptReadsThem() throws {
        // toFixed(4) rounds the exact binary value: 0.03125 is a tie and goes up, 1.00005 is
        // stored just above its decimal and goes up, 99.99995 just below and goes down.
        for (value, sum) in [("0.03125", "0.0313"), ("1.00005", "1.0001"), ("99.99995", "99.9999"), ("2.5e-5", "0")] {
            let rules = #"{"//iati-activity": {"strict_sum": {"cases": [{"paths": ["v/@n"], "sum": \#(sum)}]}}}"#
            let outcome = try Self.run(rules, on: Self.activity([Self.element("v", ["n": value])])).first?.outcome
            #expect(outcome == .passed, "\(value) to four decimals is \(sum)")
        }
        // Number(): white space trimmed, hexadecimal read, a comma is not a number, "" is 0.
        let range = #"{"//iati-activity": {"range": {"cases": [{"paths": ["v/@n"], "min": 0, "max": 100}]}}}"#
        for (value, expected) in [
            (" 50 ", RuleOutcome.passed), ("0x1A", .passed), ("1,5", .failed), ("", .passed), ("1e3", .failed),
        ] {
            let outcome = try Self.run(range, on: Self.activity([Self.element("v", ["n": value])])).first?.outcome
            #expect(outcome == expected, "\(value)")
        }
        // new Date(): "now" is 2025-06-01T00:00:00Z; no offset means UTC; V8's lenient forms.
        let dateNow = #"{"//iati-activity": {"date_now": {"cases": [{"date": "d/@v"}]}}}"#
        let dates: [(String, RuleOutcome)] = [
            ("2025-05-31T23:59:59Z", .passed), ("2025-06-01T00:00:01Z", .failed),
            ("2025-06-01T01:00:01+02:00", .passed),
            ("2025-6-1", .passed), ("2020-02-30", .passed), ("2020-02-32", .skippedMissingDate),
            ("2025-06-01T24:00:00", .failed), ("20250601", .skippedMissingDate), ("2025", .passed),
            ("2025-06-01T00:00:00.001Z", .failed), ("2020-15-01", .skippedMissingDate), ("", .skippedMissingDate),
        ]
        for (value, expected) in dates {
            let outcome = try Self.run(dateNow, on: Self.activity([Self.element("d", ["v": value])])).first?.outcome
            #expect(outcome == expected, "\(value)")
        }
    }

    @Test func timeLimitAllowsExactlyOneYear() throws {
        let rules =
            #"{"//budget": {"time_limit": {"cases": [{"start": "period-start/@iso-date", "end": "period-end/@iso-date"}]}}}"#
        func budget(_ start: String, _ end: String) -> Node {
            Self.activity([
                Self.element(
                    "budget",
                    children: [
                        Self.element("period-start", ["iso-date": start]),
                        Self.element("period-end", ["iso-date": end], line: 9),
                    ])
            ])
        }
        #expect(try Self.run(rules, on: budget("2020-01-01", "2020-12-31")).map(\.outcome) == [.passed])
        #expect(try Self.run(rules, on: budget("2019-01-01", "2020-01-01")).map(\.outcome) == [.passed])  // 365 days
        #expect(try Self.run(rules, on: budget("2020-01-01", "2021-01-01")).map(\.outcome) == [.failed])  // 366 days
        #expect(try Self.run(rules, on: budget("2020-01-01", "2021-01-01")).first?.finding.line == 9)
    }

    @Test func conditionsUseJavaScriptTruthiness() throws {
        // A node-set condition is a JavaScript array: true even when empty.
        let rules =
            #"{"//iati-activity": {"atleast_one": {"cases": [{"condition": "nothing", "paths": ["title"]}, {"condition": "count(nothing) > 0", "paths": ["title"]}]}}}"#
        #expect(try Self.run(rules, on: Self.activity([])).map(\.outcome) == [.failed, .skippedByCondition])
    }

    @Test func loopSubstitutesOnlyTheNamedKeys() throws {
        let rules = #"""
            {"//iati-activity": {"loop": {"cases": [{"foreach": "sector/@vocabulary",
              "do": {"strict_sum": {"cases": [{"paths": ["sector[@vocabulary = '$1']/@percentage"], "sum": 100}]}},
              "subs": ["paths"]}]}}}
            """#
        let activity = Self.activity([
            Self.element("sector", ["vocabulary": "1", "percentage": "100"]),
            Self.element("sector", ["vocabulary": "2", "percentage": "50"], line: 4),
            Self.element("sector", ["vocabulary": "2", "percentage": "40"], line: 5),
        ])
        let results = try Self.run(rules, on: activity)
        #expect(results.map(\.outcome) == [.passed, .failed])
        #expect(results.last?.finding.ruleType == .strictSum)
        #expect(results.last?.finding.line == 4)
    }

    @Test func regexStartsWithUniqueRangeAndSpaces() throws {
        let activity = Self.activity([
            Self.element("iati-identifier", text: "GB-1-X", line: 3),
            Self.element("reporting-org", ["ref": "GB-1"], line: 4),
            Self.element("title", text: "a/b", line: 5),
            Self.element("title", text: "a/b", line: 6),
            Self.element("value", ["n": "101"], line: 7),
            Self.element("note", text: "tail ", line: 8),
        ])
        let rules = #"""
            {"//iati-activity": {
              "regex_matches": {"cases": [{"paths": ["title"], "regex": "^[^\\/]+$"}]},
              "regex_no_matches": {"cases": [{"paths": ["iati-identifier"], "regex": "X$"}]},
              "startsWith": {"cases": [{"prefix": ["reporting-org/@ref"], "separator": "-", "paths": ["iati-identifier"]},
                                       {"prefix": ["reporting-org/@ref"], "separator": "+", "paths": ["iati-identifier"]}]},
              "unique": {"cases": [{"paths": ["title"]}]},
              "range": {"cases": [{"paths": ["value/@n"], "min": 0, "max": 100}, {"paths": ["value/@n"], "min": 0}]},
              "no_spaces": {"cases": [{"paths": ["note", "iati-identifier"]}]}
            }}
            """#
        let results = try Self.run(rules, on: activity)
        #expect(results.map(\.outcome) == [.failed, .failed, .passed, .failed, .failed, .failed, .passed, .failed])
        #expect(results.map(\.finding.line) == [5, 3, 2, 3, 6, 7, 2, 8])
        #expect(
            results.map(\.finding.ruleType) == [
                .regexMatches, .regexNoMatches, .startsWith, .startsWith, .unique, .range, .range, .noSpaces,
            ])
    }

    @Test func orgIDPrefixAndIDConditionUseTheRegistryLists() throws {
        let rules = #"""
            {"//iati-activity": {"startswith": {"cases": [
              {"idCondition": "NOT_EXISTING_ORG_ID", "prefix": ["ORG-ID-PREFIX"], "paths": ["reporting-org/@ref"]}]}}}
            """#
        let activity = Self.activity([Self.element("reporting-org", ["ref": "ZZ-ABC-1"])])
        #expect(try Self.run(rules, on: activity).map(\.outcome) == [.skippedNoIDSets])
        var options = RuleEngine.Options(organisationIdentifierPrefixes: ["GB-COH"], currentTime: 0)
        #expect(try Self.run(rules, on: activity, options: options).map(\.outcome) == [.failed])
        options.organisationIdentifierPrefixes = ["ZZ-ABC"]
        #expect(try Self.run(rules, on: activity, options: options).map(\.outcome) == [.passed])
        options.organisationIdentifiers = ["ZZ-ABC-1"]
        #expect(try Self.run(rules, on: activity, options: options).map(\.outcome) == [.skippedByIDCondition])
    }

    @Test func oneOrAllAndOnlyOneOf() throws {
        let rules = #"""
            {"//iati-activity": {
              "one_or_all": {"cases": [{"one": "@xml:lang", "all": "lang"}]},
              "only_one_of": {"cases": [{"excluded": ["recipient-country"], "paths": ["transaction/recipient-country"]}]}
            }}
            """#
        let narrative = Node(name: "narrative", text: "x", line: 4)
        let tagged = Node(
            name: "narrative",
            attributes: [Attribute(name: "lang", namespace: XMLNamespace.xml, prefix: "xml", value: "fr")], text: "y",
            line: 5)
        let transaction = Self.element("transaction", line: 6, children: [Self.element("recipient-country", line: 7)])
        let untagged = Self.activity([Self.element("title", children: [tagged, narrative]), transaction])
        let results = try Self.run(rules, on: untagged)
        #expect(results.map(\.outcome) == [.failed, .passed])
        #expect(results.first?.finding.line == 4)
        let lang = Attribute(name: "lang", namespace: XMLNamespace.xml, prefix: "xml", value: "en")
        let withLanguage = Self.activity(
            [Self.element("recipient-country"), Self.element("title", children: [narrative]), transaction],
            attributes: [lang])
        #expect(try Self.run(rules, on: withLanguage).map(\.outcome) == [.passed, .failed])
    }

    // MARK: Bad rulesets

    static func loadError(_ json: String) -> RulesetError? {
        do {
            _ = try Ruleset(json: Array(json.utf8), name: "bad.json")
            return nil
        } catch {
            return error
        }
    }

    @Test func badJSONNamesFileAndLine() throws {
        let error = try #require(Self.loadError("{\n  \"//iati-activity\": {\n    \"atleast_one\": {\"cases\": [}\n}"))
        #expect(error.file == "bad.json")
        #expect(error.line == 3)
        #expect(error.description.hasPrefix("bad.json:3:"))
        #expect(error.description.contains("JSON syntax error"))
    }

    @Test func unknownRuleTypeNamesTheRule() throws {
        let error = try #require(Self.loadError(#"{"//iati-activity": {"at_least_one": {"cases": []}}}"#))
        #expect(error.rule == "at_least_one")
        #expect(error.context == "//iati-activity")
        #expect(error.message.contains("unknown rule type"))
        #expect(error.description.contains("bad.json"))
    }

    @Test func badXPathNamesRuleCaseAndExpression() throws {
        let json =
            #"{"//iati-activity": {"atleast_one": {"cases": [{"paths": ["title"]}, {"paths": ["title[["], "ruleInfo": {"id": "9.9.9"}}]}}}"#
        let error = try #require(Self.loadError(json))
        #expect(error.rule == "atleast_one")
        #expect(error.caseNumber == 2)
        #expect(error.ruleID == "9.9.9")
        #expect(error.message.contains("title[["))
        let unknownFunction = try #require(
            Self.loadError(#"{"//iati-activity": {"if_then": {"cases": [{"if": "true()", "then": "today() > 1"}]}}}"#))
        #expect(unknownFunction.message.contains("today()"))
        let badContext = try #require(Self.loadError(#"{"//iati-activity[": {}}"#))
        #expect(badContext.context == "//iati-activity[")
    }

    @Test func missingKeysBadRegexAndBadTypesAreReported() throws {
        #expect(
            Self.loadError(#"{"//a": {"date_order": {"cases": [{"less": "x/@d"}]}}}"#)?.message.contains("\"more\"")
                == true)
        #expect(
            Self.loadError(#"{"//a": {"regex_matches": {"cases": [{"paths": ["x"], "regex": "("}]}}}"#)?.message
                .contains("regular expression") == true)
        #expect(
            Self.loadError(#"{"//a": {"sum": {"cases": [{"paths": ["x"], "sum": "lots"}]}}}"#)?.message.contains(
                "number") == true)
        #expect(
            Self.loadError(#"{"//a": {"unique": {"cases": [{"paths": [1]}]}}}"#)?.message.contains("strings") == true)
        #expect(
            Self.loadError(#"{"//a": {"unique": {"cases": [{"paths": ["x"], "ruleInfo": {"severity": "fatal"}}]}}}"#)?
                .message.contains("severity") == true)
        #expect(
            Self.loadError(#"{"//a": {"loop": {"cases": [{"foreach": "x", "do": {"loop": {"cases": []}}}]}}}"#)?.message
                .contains("loop") == true)
        #expect(Self.loadError("[]")?.message.contains("object") == true)
        #expect(
            Self.loadError(#"{"//a": {"unique": {"cases": [{"paths": ["count(x)"]}]}}}"#)?.message.contains(
                "must select nodes") == true)
        #expect(Self.loadError(#"{"count(//a)": {}}"#)?.message.contains("must select nodes") == true)
        #expect(Self.loadError(#"{"//a": {"unique": {"cases": [{"paths": ["x"]}]}}}"#) == nil)
    }

    @Test func unreadableRulesetFileIsNamed() {
        #expect(throws: RulesetError.self) { try Ruleset(contentsOf: "/nonexistent/ruleset.json") }
        do {
            _ = try Ruleset(contentsOf: "/nonexistent/ruleset.json")
        } catch {
            #expect(error.description.contains("/nonexistent/ruleset.json"))
        }
    }

    @Test func rulesetKeepsFileOrderAndCountsCases() throws {
        let json =
            #"{"//b": {"unique": {"cases": [{"paths": ["x"]}]}}, "//a": {"loop": {"cases": [{"foreach": "x/@v", "do": {"if_then": {"cases": [{"if": "1", "then": "1"}]}}}]}}}"#
        let ruleset = try Ruleset(json: Array(json.utf8), name: "t")
        #expect(ruleset.contextExpressions == ["//b", "//a"])
        #expect(ruleset.caseCount == 3)
        #expect(ruleset.ruleTypes == [.unique, .loop, .ifThen])
    }

    // MARK: XPath

    @Test func xpathValuesLinesAndRelativeEvaluation() throws {
        let lang = Attribute(name: "lang", namespace: XMLNamespace.xml, prefix: "xml", value: "en")
        let root = Node(
            name: "iati-activities",
            children: [
                Node(
                    name: "iati-activity", attributes: [lang],
                    children: [
                        Node(name: "title", children: [Node(name: "narrative", text: "T", line: 70_001)], line: 70_000),
                        Node(
                            name: "x", namespace: "urn:x", prefix: "p",
                            attributes: [Attribute(name: "a", namespace: "urn:x", prefix: "p", value: "1")],
                            line: 70_002),
                    ], line: 2)
            ], line: 1)
        let document = try XPathDocument(root: root, name: "doc")
        guard case .nodes(let activities) = try document.evaluate("//iati-activity") else {
            Issue.record("not a node-set")
            return
        }
        #expect(activities.count == 1)
        let activity = try #require(activities.first)
        #expect(activity.line == 2)
        #expect(activity.name == "iati-activity")
        #expect(try activity.evaluate("string(@xml:lang)") == .string("en"))
        #expect(try activity.evaluate("count(title/narrative)") == .number(1))
        #expect(try activity.evaluate("title = 'T'") == .boolean(true))
        let narrative = try #require(try activity.evaluate("title/narrative").nodes?.first)
        #expect(narrative.line == 70_001)  // past libxml2's 65,535 limit
        #expect(narrative.stringValue == "T")
        let attribute = try #require(try activity.evaluate("@xml:lang").nodes?.first)
        #expect(attribute.kind == .attribute)
        #expect(attribute.qualifiedName == "xml:lang")
        #expect(attribute.line == 2)
        #expect(attribute.nodeValue == "en")
        // Namespaced element and attribute keep their namespace (`local-name`, `namespace-uri`).
        #expect(try activity.evaluate("namespace-uri(*[local-name() = 'x'])") == .string("urn:x"))
        #expect(try activity.evaluate("string(*[local-name() = 'x']/@*[local-name() = 'a'])") == .string("1"))
    }

    @Test func xpathErrorsNameTheExpression() throws {
        let document = try XPathDocument(root: Node(name: "a"), name: "doc")
        #expect(throws: XMLError.self) { try document.evaluate("a[") }
        do {
            _ = try document.evaluate("count(//a) +")
            Issue.record("no error")
        } catch {
            #expect(error.message.contains("count(//a) +"))
            #expect(error.file == "doc")
        }
        // A path without predicates, calls or attributes is compiled in parentheses (see
        // XPathCache); its errors still quote it as written.
        do {
            _ = try document.evaluate("a/")
            Issue.record("no error")
        } catch {
            #expect(error.message.contains("\"a/\"") && !error.message.contains("(a/)"))
        }
        #expect(try document.evaluate("//a").nodes?.count == 1)
        #expect(try document.evaluate("/a | //a").nodes?.count == 1)
        do {
            _ = try document.evaluate("nosuchfunction(1)")
            Issue.record("no error")
        } catch {
            #expect(error.message.contains("nosuchfunction(1)"))
        }
        // A node of another document cannot be a context.
        let other = try XPathDocument(root: Node(name: "b"), name: "other")
        let node = try #require(try other.evaluate("/b").nodes?.first)
        #expect(throws: XMLError.self) { try document.evaluate(".", context: node) }
    }

    @Test func xpathCacheCompilesOnceAndStaysBounded() throws {
        let cache = XPathCache(capacity: 3)
        let document = try XPathDocument(root: Node(name: "a"), cache: cache)
        _ = try document.evaluate("1")
        _ = try document.evaluate("1")
        #expect(cache.count == 1)
        for index in 2...6 { _ = try document.evaluate("\(index)") }
        #expect(cache.count <= 3)
        #expect(try document.evaluate("6") == .number(6))
    }
}

extension RuleOutcome {
    /// Whether the official validator's result value is truthy: a pass, or a skip by condition
    /// or id-condition (a date skip is the empty string, which is not).
    var isTruthyInOfficialValidator: Bool {
        self == .passed || self == .skippedByCondition || self == .skippedByIDCondition
    }
}
