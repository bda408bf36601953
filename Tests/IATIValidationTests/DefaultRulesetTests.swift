import Foundation
@testable import IATIValidation
import Testing

/// The built-in ruleset: it loads, its ids and severities are the official ones, and it finds
/// the rule-level faults of the broken sample and no errors in the ILO sample.
@Suite struct DefaultRulesetTests {
    /// The package root (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `validator/data-quality-rules.csv` of the reference folder (`$IATI_REFERENCE`, else
    /// `../shared/iati` beside the package), `nil` when absent.
    static let qualityRulesCSV: String? = {
        let fileManager = FileManager.default
        let reference: String
        if let given = ProcessInfo.processInfo.environment["IATI_REFERENCE"], !given.isEmpty {
            reference = given
        } else {
            reference = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/iati").path
        }
        let path = reference + "/validator/data-quality-rules.csv"
        return fileManager.fileExists(atPath: path) ? path : nil
    }()

    static let csvMissing =
        "data-quality-rules.csv not found (looked under $IATI_REFERENCE, else ../shared/iati/validator): skipped"

    /// A fixed "now" (2026-01-01, after the samples were last updated), so date rules give the
    /// same answer on any day.
    static let now: Double = 1_767_225_600

    /// One case of the ruleset: its id, severity and line in the JSON.
    struct CaseInfo {
        var id: String?
        var severity: RuleSeverity?
        var line: Int
    }

    /// Every case, a loop's inner cases included, per rule in file order.
    static func casesByRule(_ ruleset: Ruleset) -> [[CaseInfo]] {
        var groups: [[CaseInfo]] = []
        func walk(_ rules: [Rule]) {
            for rule in rules {
                groups.append(rule.cases.filter { $0.loop == nil }.map {
                    CaseInfo(id: $0.info?.id, severity: $0.info?.severity, line: $0.line)
                })
                for ruleCase in rule.cases { walk(ruleCase.loop?.rules ?? []) }
            }
        }
        for context in ruleset.contexts { walk(context.rules) }
        return groups
    }

    /// The records of a CSV text (RFC 4180 quoting).
    static func csvRecords(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",":
                record.append(field)
                field = ""
            case "\n", "\r\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
            default: field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }

    /// Dotted ids compared part by part as numbers (`1.1.3` < `1.1.21` < `2.1.1`).
    static func idParts(_ id: String) -> [Int] { id.split(separator: ".").map { Int($0) ?? 0 } }

    @Test func loads() throws {
        let ruleset = try DefaultRuleset.load()
        #expect(ruleset.name == DefaultRuleset.name)
        #expect(ruleset.caseCount > 100)
        for group in Self.casesByRule(ruleset) {
            for info in group {
                #expect(info.id?.isEmpty == false, "case at JSON line \(info.line) has no id")
                #expect(info.severity != nil, "case \(info.id ?? "?") has no severity")
            }
        }
    }

    @Test func casesAreOrderedByIDWithinEachRule() throws {
        for group in Self.casesByRule(try DefaultRuleset.load()) {
            let ids = group.compactMap(\.id)
            for (first, second) in zip(ids, ids.dropFirst()) {
                #expect(
                    Self.idParts(first).lexicographicallyPrecedes(Self.idParts(second))
                        || Self.idParts(first) == Self.idParts(second), "\(first) before \(second)")
            }
        }
    }

    @Test(
        "every id is a Ruleset-defined rule of data-quality-rules.csv with the same severity",
        .enabled(if: qualityRulesCSV != nil, Comment(rawValue: csvMissing)))
    func idsAndSeveritiesAreOfficial() throws {
        let path = try #require(Self.qualityRulesCSV)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let records = Self.csvRecords(text)
        let header = try #require(records.first)
        let idColumn = try #require(header.firstIndex(of: "ID"))
        let severityColumn = try #require(header.firstIndex(of: "Severity"))
        let whereColumn = try #require(header.firstIndex(of: "Where Defined"))
        // id → the severities the Ruleset-defined rows give it ("" when the row gives none).
        var official: [String: Set<String>] = [:]
        for record in records.dropFirst() where record.count > max(idColumn, severityColumn, whereColumn) {
            guard record[whereColumn].trimmingCharacters(in: .whitespaces) == "Ruleset" else { continue }
            official[record[idColumn].trimmingCharacters(in: .whitespaces), default: []]
                .insert(record[severityColumn].trimmingCharacters(in: .whitespaces).lowercased())
        }
        #expect(official.count > 50, "the CSV was not read")
        for info in Self.casesByRule(try DefaultRuleset.load()).joined() {
            let id = try #require(info.id)
            guard let severities = official[id] else {
                Issue.record("\(id) (JSON line \(info.line)) is not a Ruleset-defined rule of the CSV")
                continue
            }
            // A few rows give no severity; any severity is then accepted.
            if severities.contains("") { continue }
            #expect(
                severities.contains(info.severity?.rawValue ?? "none"),
                "\(id): severity \(info.severity?.rawValue ?? "none"), the CSV says \(severities.sorted())")
        }
    }

    @Test func findsTheRuleFaultsOfTheBrokenSample() throws {
        let path = Self.packageRoot.appendingPathComponent("samples/broken-activities.xml").path
        let engine = RuleEngine(
            ruleset: try DefaultRuleset.load(), options: RuleEngine.Options(currentTime: Self.now))
        let findings = try engine.evaluate(file: path).findings
        let found = Set(findings.map { "\($0.ruleID ?? "?")@\($0.line)" })
        let expected: Set<String> = [
            "11.1.2@87",  // planned start 2024-07-01 after planned end 2023-06-30 (lines 87-88)
            "2.1.2@90",  // DAC sector percentages add up to 90 (lines 90-91)
            "11.2.1@94",  // transaction date 2031-03-15 in the future
            "11.2.2@95",  // value date 2031-03-15 in the future
            "1.1.1@125",  // VNM-ILO-904 does not start with XM-DAC-41302
            "1.1.21@125",  // … nor with XM-DAC-41302-
        ]
        #expect(found == expected)
        let byID = Dictionary(grouping: findings) { $0.ruleID ?? "" }
        #expect(byID["11.1.2"]?.first?.activityIdentifier == "XM-DAC-41302-VNM903")
        #expect(byID["2.1.2"]?.first?.severity == .error)
        #expect(byID["1.1.1"]?.first?.severity == .warning)
        #expect(findings.allSatisfy { $0.ruleset == DefaultRuleset.name && !$0.message.isEmpty })
    }

    @Test func reportsNoErrorsOnTheILOSample() throws {
        let path = Self.packageRoot.appendingPathComponent("samples/ilo-vietnam-activities.xml").path
        let engine = RuleEngine(
            ruleset: try DefaultRuleset.load(), options: RuleEngine.Options(currentTime: Self.now))
        let report = try engine.evaluate(file: path)
        #expect(!report.elements.isEmpty)
        let serious = report.findings.filter { $0.severity >= .error }
        #expect(serious.isEmpty, "\(serious.map { "\($0.ruleID ?? "?") line \($0.line): \($0.message)" })")
    }
}
