import Foundation
@testable import IATIValidation
import Testing
import TestSupport

/// The built-in ruleset: it loads, its ids, severities and categories are the official ones, and it finds
/// the rule-level faults of the broken sample and no errors in the ILO sample.
@Suite struct DefaultRulesetTests {
    /// The package root (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fixed "now" (2026-01-01, after the samples were last updated), so date rules give the
    /// same answer on any day.
    static let now: Double = 1_767_225_600

    /// One case of the ruleset: its id, severity, category and line in the JSON.
    struct CaseInfo {
        var id: String?
        var severity: RuleSeverity?
        var category: String?
        var line: Int
    }

    /// Every case, a loop's inner cases included, per rule in file order.
    static func casesByRule(_ ruleset: Ruleset) -> [[CaseInfo]] {
        var groups: [[CaseInfo]] = []
        func walk(_ rules: [Rule]) {
            for rule in rules {
                groups.append(rule.cases.filter { $0.loop == nil }.map {
                    CaseInfo(id: $0.info?.id, severity: $0.info?.severity, category: $0.info?.category, line: $0.line)
                })
                for ruleCase in rule.cases { walk(ruleCase.loop?.rules ?? []) }
            }
        }
        for context in ruleset.contexts { walk(context.rules) }
        return groups
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
        "every id is a Ruleset-defined rule of data-quality-rules.csv with the same severity and category",
        .enabled(if: QualityRules.isAvailable, QualityRules.missing))
    func idsSeveritiesAndCategoriesAreOfficial() throws {
        // id → the Ruleset-defined rows that give it.
        let official = Dictionary(grouping: try QualityRules.load().filter { $0.whereDefined == "Ruleset" }, by: \.id)
        #expect(official.count > 50, "the CSV was not read")
        for info in Self.casesByRule(try DefaultRuleset.load()).joined() {
            let id = try #require(info.id)
            guard let rows = official[id] else {
                Issue.record("\(id) (JSON line \(info.line)) is not a Ruleset-defined rule of the CSV")
                continue
            }
            #expect(
                rows.contains { $0.category == info.category },
                "\(id): category \(info.category ?? "none"), the CSV says \(rows.map(\.category))")
            // A few rows give no severity; any severity is then accepted.
            if rows.contains(where: { $0.severity.isEmpty }) { continue }
            #expect(
                rows.contains { $0.severity == info.severity?.rawValue },
                "\(id): severity \(info.severity?.rawValue ?? "none"), the CSV says \(rows.map(\.severity))")
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
