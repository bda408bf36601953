import Cooperation
import Foundation
import IATI
import Testing

@Suite("Framework and rates files")
struct FrameworkTests {
    @Test("the default Viet Nam–ILO framework loads and says it is a working structure")
    func defaultFramework() throws {
        let framework = try Framework.load(path: Fixtures.defaultFramework)
        #expect(framework.programme.id == "VN-ILO-DWCP-2022-2026")
        #expect(framework.programme.country == "VN")
        #expect(framework.programme.periodStart == "2022-01-01" && framework.programme.periodEnd == "2026-12-31")
        #expect(framework.priorities.map(\.code) == ["P1", "P2", "P3"])
        #expect(framework.priorities[0].children.count == 3, "priority 1 is reported to have three outcomes")
        #expect(framework.programme.note.en?.contains("Working structure, to be aligned with the signed programme document") == true)
        #expect(framework.programme.note.vi?.isEmpty == false)
        for node in framework.allNodes {
            #expect(node.name.en != nil && node.name.vi != nil, "\(node.code) needs names in both languages")
        }
        #expect(framework.scope.recipientCountries == ["VN"])
        #expect(Set(framework.rules.map(\.tier)) == [.sector, .sdg, .keyword])
        let text = try String(contentsOfFile: Fixtures.defaultFramework, encoding: .utf8)
        #expect(text.contains("A WORKING STRUCTURE, to be aligned with the signed programme document"))
        #expect(!text.contains("VNM151"), "no outcome codes from the illustrative samples")
    }

    private func problems(_ yaml: String) -> [ConfigurationProblem] {
        do {
            _ = try Framework.parse(yaml: yaml, file: "broken.yaml")
            return []
        } catch {
            return error.problems
        }
    }

    private static let minimal = """
        programme:
          id: X
          name: {en: X, vi: X}
        priorities:
          - code: P1
            name: {en: One}
            outcomes:
              - code: O1
                name: {en: Outcome}
        """

    @Test("YAML syntax errors give file, line and column")
    func syntax() {
        let found = problems(Self.minimal + "\nrules:\n  - id: r\n    target: [O1\n")
        #expect(found.count == 1)
        #expect(found.first?.file == "broken.yaml")
        #expect((found.first?.line ?? 0) >= 11)
        #expect(found.first?.message.hasPrefix("YAML syntax") == true)
    }

    @Test("unknown keys are reported with their line and the allowed keys")
    func unknownKeys() {
        let found = problems(Self.minimal.replacingOccurrences(of: "    name: {en: One}", with: "    name: {en: One}\n    titel: typo"))
        #expect(found.count == 1)
        #expect(found.first?.line == 7)
        #expect(found.first?.message.contains("unknown key \"titel\"") == true)
        #expect(found.first?.message.contains("allowed keys") == true)
        let rule = problems(Self.minimal + "\nrules:\n  - {id: r, target: O1, sector: [\"16020\"]}\n")
        #expect(rule.contains { $0.line == 11 && $0.message.contains("unknown key \"sector\"") })
    }

    @Test("duplicate codes, duplicate rule ids and rules pointing nowhere")
    func consistency() {
        let duplicate = problems(Self.minimal + "\n      - code: O1\n        name: {en: Again}\n")
        #expect(duplicate.contains { $0.line == 10 && $0.message.contains("code \"O1\" is used twice (first on line 8)") })
        let rules = problems(Self.minimal + """

            rules:
              - {id: r1, target: O1, sectors: ["16020"]}
              - {id: r1, target: O2, sectors: ["16010"]}
            """)
        #expect(rules.contains { $0.line == 12 && $0.message.contains("rule id \"r1\" is used twice") })
        #expect(rules.contains { $0.line == 12 && $0.message.contains("points at \"O2\"") })
    }

    @Test("a period that ends before it starts is reported at its end")
    func periodBackwards() {
        let backwards = problems(Self.minimal.replacingOccurrences(of: "  name: {en: X, vi: X}", with: "  name: {en: X, vi: X}\n  period: {start: 2026-01-01, end: 2020-12-31}"))
        #expect(backwards.count == 1)
        #expect(backwards.first?.line == 4)
        #expect(backwards.first?.message.contains("the period ends (2020-12-31) before it starts (2026-01-01)") == true, "\(backwards)")
        let forwards = problems(Self.minimal.replacingOccurrences(of: "  name: {en: X, vi: X}", with: "  name: {en: X, vi: X}\n  period: {start: 2022-01-01, end: 2026-12-31}"))
        #expect(forwards.isEmpty, "\(forwards)")
    }

    @Test("bad values: share, confidence, sector codes, SDG targets, rules without conditions, untagged vocabularies")
    func badValues() {
        let found = problems(Self.minimal + """

            rules:
              - {id: a, target: O1, sectors: ["1602"], share: 120}
              - {id: b, target: O1, sdg-targets: ["8.77.1"], confidence: sure}
              - {id: c, target: O1}
              - {id: d, target: O1, tags: [{code: X}]}
            """)
        #expect(found.contains { $0.line == 11 && $0.message.contains("not a DAC 5-digit or 3-digit code") })
        #expect(found.contains { $0.line == 11 && $0.message.contains("share of rule a") })
        #expect(found.contains { $0.line == 12 && $0.message.contains("SDG target") })
        #expect(found.contains { $0.line == 12 && $0.message.contains("confidence of rule b") })
        #expect(found.contains { $0.line == 13 && $0.message.contains("has no condition") })
        #expect(found.contains { $0.line == 14 && $0.message.contains("needs its \"vocabulary\"") })
    }

    @Test("a duplicated key in one mapping is a YAML error with its line")
    func duplicateKey() {
        let found = problems(Self.minimal.replacingOccurrences(of: "  id: X", with: "  id: X\n  id: Y"))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("\"id\"") == true)
        #expect((found.first?.line ?? 0) > 0)
    }

    @Test("rates: read, looked up by value date")
    func rates() throws {
        let rates = try ExchangeRates.parse(csv: """
            # rates to USD
            date,currency,rate
            2023-01-01,VND,0.0000425
            2024-01-01,VND,0.000041
            2023-01-01,AUD,0.68
            """, file: "rates.csv", target: "USD")
        #expect(rates.target == "USD")
        #expect(try rates.rate(for: "VND", on: IATIDate(text: "2023-06-30")).get() == Decimal(string: "0.0000425"))
        #expect(try rates.rate(for: "VND", on: IATIDate(text: "2024-01-01")).get() == Decimal(string: "0.000041"))
        #expect(try rates.rate(for: "USD", on: nil).get() == 1)
        #expect(throws: ExchangeRates.Failure.self) { try rates.rate(for: "VND", on: IATIDate(text: "2022-12-31")).get() }
        #expect(throws: ExchangeRates.Failure.self) { try rates.rate(for: "CAD", on: IATIDate(text: "2023-06-30")).get() }
    }

    @Test("broken rates files: every problem with its line")
    func brokenRates() {
        do {
            _ = try ExchangeRates.parse(csv: """
                date,currency,rate,target
                2023-01-01,VND,0.0000425,USD
                2023-01-01,AUD,,USD
                2023-13-01,AUD,0.68,USD
                2023-01-01,aud,0.68,USD
                2023-01-01,VND,0.00005,USD
                2023-01-01,CAD,0.74,EUR
                2023-01-01,JPY,-1,USD
                ,JPY,0.007,USD
                """, file: "rates.csv")
            Issue.record("the broken rates file was accepted")
        } catch {
            let lines = error.problems.map(\.line)
            #expect(lines == [3, 4, 5, 6, 7, 8, 9])
            #expect(error.problems[0].message.contains("no rate for AUD"))
            #expect(error.problems[3].message.contains("different rate for VND on 2023-01-01 is on line 2"))
            #expect(error.description.hasPrefix("rates.csv:3: "))
        }
        #expect(throws: ConfigurationError.self) { try ExchangeRates.parse(csv: "day,money\n", file: "r.csv", target: "USD") }
        #expect(throws: ConfigurationError.self) { try ExchangeRates.parse(csv: "date,currency,rate\n2023-01-01,VND,1\n", file: "r.csv") }
    }
}
