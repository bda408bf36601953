import Cooperation
import Foundation
import IATI
import Testing

/// Sums of every money value per measure and currency, computed from the activities alone.
private func independentTotals(_ activities: [Activity]) -> [String: Decimal] {
    var totals: [String: Decimal] = [:]
    let transactionNames = [
        "1": "incoming-funds", "2": "commitment", "3": "disbursement", "4": "expenditure", "11": "incoming-commitment",
    ]
    for activity in activities {
        for budget in activity.budgets {
            guard let value = budget.value, let amount = value.amount else { continue }
            totals["\(budget.type == "2" ? "budget-revised" : "budget") \(value.currency ?? "")", default: 0] += amount
        }
        for planned in activity.plannedDisbursements {
            guard let value = planned.value, let amount = value.amount else { continue }
            totals["planned-disbursement \(value.currency ?? "")", default: 0] += amount
        }
        for transaction in activity.transactions {
            guard let value = transaction.value, let amount = value.amount else { continue }
            let name = transaction.type.flatMap { transactionNames[$0] } ?? Measure.transaction(transaction.type)
            totals["\(name) \(value.currency ?? "")", default: 0] += amount
        }
    }
    return totals
}

/// Checks that every amount is counted once: input = allocated + unallocated per measure and
/// currency, the input equals the activities' own sums, the unallocated totals and the
/// allocations at leaf nodes add up.
private func expectReconciles(_ outputs: CooperationOutputs, activities: [Activity], sourceLocation: SourceLocation = #_sourceLocation) {
    for row in outputs.reconciliation {
        #expect(row.balances, "\(row.measure) \(row.currency): \(row.input) ≠ \(row.allocated) + \(row.unallocated)", sourceLocation: sourceLocation)
    }
    let input = Dictionary(uniqueKeysWithValues: outputs.reconciliation.map { ("\($0.measure) \($0.currency)", $0.input) })
    #expect(input == independentTotals(activities), sourceLocation: sourceLocation)
    var unallocated: [String: Decimal] = [:]
    for total in outputs.unallocatedTotals { unallocated["\(total.measure) \(total.currency)", default: 0] += total.amount }
    for row in outputs.reconciliation {
        #expect((unallocated["\(row.measure) \(row.currency)"] ?? 0) == row.unallocated, sourceLocation: sourceLocation)
    }
    // Priorities hold every allocated amount once (their totals roll up their outcomes and outputs).
    var allocated: [String: Decimal] = [:]
    for priority in outputs.priorities {
        for total in priority.funding { allocated["\(total.measure) \(total.currency)", default: 0] += total.amount }
        // An outcome's totals never exceed its priority's; outputs' never exceed their outcome's.
        for outcome in priority.children {
            var sum: [String: Decimal] = [:]
            for output in outcome.children {
                for total in output.funding { sum["\(total.measure) \(total.year ?? 0) \(total.currency)", default: 0] += total.amount }
            }
            for total in outcome.funding {
                let key = "\(total.measure) \(total.year ?? 0) \(total.currency)"
                #expect(abs(sum[key] ?? 0) <= abs(total.amount), "\(outcome.code) \(key)", sourceLocation: sourceLocation)
            }
        }
    }
    for row in outputs.reconciliation {
        #expect((allocated["\(row.measure) \(row.currency)"] ?? 0) == row.allocated, "\(row.measure) \(row.currency)", sourceLocation: sourceLocation)
    }
}

private func aggregate(_ framework: Framework, _ files: [String], rates: ExchangeRates? = nil, listLimit: Int = 10_000) throws -> (CooperationOutputs, [Activity]) {
    var aggregator = OutputsAggregator(framework: framework, rates: rates, options: .init(listLimit: listLimit))
    var all: [Activity] = []
    for file in files {
        for activity in try Fixtures.activities(in: file) {
            aggregator.add(activity, file: file)
            all.append(activity)
        }
    }
    return (aggregator.finish(inputs: files.map { InputFile(name: $0, sha256: nil, activities: 0, counted: true) }), all)
}

@Suite("Aggregation: every amount counted once")
struct AggregationTests {
    @Test("ILO sample with the default framework", .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func sample() throws {
        let framework = try Framework.load(path: Fixtures.defaultFramework)
        let (outputs, activities) = try aggregate(framework, [try #require(Fixtures.iloSample)])
        expectReconciles(outputs, activities: activities)
        #expect(outputs.run.activities == 6)
        #expect(outputs.run.statusCounts[.mapped] == 5)
        #expect(outputs.run.statusCounts[.ambiguous] == 1)
        #expect(outputs.unallocated.map(\.activity) == ["XM-DAC-41302-VNM353"])
        #expect(outputs.unallocated.first?.candidates == ["P3-W1", "P3-W2"])

        let employment = try #require(outputs.priorities.first?.children.first { $0.code == "P1-W2" })
        let expenditure = employment.funding.filter { $0.measure == "expenditure" && $0.currency == "USD" }.map(\.amount).reduce(0, +)
        #expect(expenditure == 1_210_000)
        let incoming = employment.funding.filter { $0.measure == "incoming-funds" }.map(\.currency)
        #expect(Set(incoming) == ["AUD"], "amounts stay in their own currencies")
        #expect(employment.contributions.map(\.activity) == ["XM-DAC-41302-VNM151"])
        #expect(employment.contributions.first?.rules == ["sector-employment", "sdg-employment"])
        #expect(employment.partners.contains { $0.role == "funding" && $0.ref == "XM-DAC-801" })
        #expect(employment.partners.contains { $0.role == "implementing" && $0.ref == nil && $0.name?.contains("MOLISA") == true })
        #expect(!employment.locations.isEmpty)
        #expect(!employment.activityIndicators.isEmpty)

        let relations = try #require(outputs.priorities.last?.children.first { $0.code == "P3-W1" })
        #expect(relations.funding.contains { $0.measure == "budget" && $0.currency == "VND" && $0.year == 2023 && $0.amount == 3_600_000_000 })
        let p3Budget = outputs.priorities.last?.funding.filter { $0.measure == "budget" && $0.currency == "VND" }.map(\.amount).reduce(0, +)
        #expect(p3Budget == 16_900_000_000)
    }

    @Test("real v2 files with the default framework: out of scope, still reconciled", .enabled(if: Fixtures.realV2 != nil, Fixtures.noReference))
    func realDefault() throws {
        let framework = try Framework.load(path: Fixtures.defaultFramework)
        let (outputs, activities) = try aggregate(framework, Fixtures.realFiles)
        expectReconciles(outputs, activities: activities)
        #expect(outputs.run.activities == activities.count)
        #expect(outputs.run.statusCounts.values.reduce(0, +) == activities.count)
    }

    @Test("real v2 files split by sector percentages: reconciled exactly", .enabled(if: Fixtures.realV2 != nil, Fixtures.noReference))
    func realSplit() throws {
        let framework = try Framework.parse(yaml: """
            programme: {id: T, name: {en: T}}
            priorities:
              - code: P
                name: {en: P}
                outcomes:
                  - {code: GOV, name: {en: Government}}
                  - {code: EDU, name: {en: Education}}
                  - {code: HEALTH, name: {en: Health}}
                  - {code: BANK, name: {en: Banking and business}}
                  - {code: OTHER, name: {en: Everything else by keyword}}
            rules:
              - {id: gov, target: GOV, sectors: ["151"]}
              - {id: edu, target: EDU, sectors: ["111", "112", "113", "114"]}
              - {id: health, target: HEALTH, sectors: ["121", "122", "123"]}
              - {id: bank, target: BANK, sectors: ["240", "250", "321"]}
              - {id: words, target: OTHER, keywords: {en: [development, research]}}
            """, file: "split.yaml")
        let (outputs, activities) = try aggregate(framework, Fixtures.realFiles)
        expectReconciles(outputs, activities: activities)
        let canada = outputs.priorities.first?.children.flatMap(\.contributions).filter { $0.activity == "CA-3-D002451001" } ?? []
        #expect(Dictionary(uniqueKeysWithValues: canada.map { ($0.target, $0.share) }) == ["GOV": Decimal(string: "53.48"), "BANK": 45, "OTHER": Decimal(string: "1.52")])
        #expect(outputs.run.statusCounts[.mapped, default: 0] > 0)
    }

    @Test("awkward shares: parts always add up to the amount", arguments: ["100.00", "0.01", "1664612", "815132.15", "-250.5"])
    func splits(amount: String) throws {
        let framework = try Framework.parse(yaml: Fixtures.rulesYAML.replacingOccurrences(of: "rules:\n", with: "allocation: {ambiguous: equal-split}\nrules:\n")
            + "\n  - {id: third, target: B1, keywords: {en: [labour inspection]}}\n", file: "split.yaml")
        var aggregator = OutputsAggregator(framework: framework)
        let activity = try Fixtures.activity(title: "Child labour, đào tạo nghề and labour inspection", """
            <transaction><transaction-type code="3"/><transaction-date iso-date="2024-02-01"/><value>\(amount)</value></transaction>
            """)
        aggregator.add(activity, file: "t.xml")
        let outputs = aggregator.finish(inputs: [InputFile(name: "t.xml", sha256: nil, activities: 0, counted: true)])
        expectReconciles(outputs, activities: [activity])
        #expect(outputs.reconciliation.first?.unallocated == 0)
    }

    @Test("rates: amounts converted by value date; unconvertible amounts listed, not dropped", .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func conversion() throws {
        let framework = try Framework.load(path: Fixtures.defaultFramework)
        let rates = try ExchangeRates.parse(csv: """
            date,currency,rate
            2023-01-01,AUD,0.68
            2023-01-01,KRW,0.00077
            2023-01-01,JPY,0.0072
            2024-01-01,VND,0.000041
            """, file: "rates.csv", target: "USD")
        let (outputs, activities) = try aggregate(framework, [try #require(Fixtures.iloSample)], rates: rates)
        expectReconciles(outputs, activities: activities)
        #expect(outputs.run.targetCurrency == "USD")
        let employment = try #require(outputs.priorities.first?.children.first { $0.code == "P1-W2" })
        let audFunds = employment.funding.filter { $0.measure == "incoming-funds" }.map(\.amount).reduce(0, +)
        let convertedFunds = employment.converted.filter { $0.measure == "incoming-funds" }.map(\.amount).reduce(0, +)
        #expect(convertedFunds == audFunds * Decimal(string: "0.68")!)
        // VND amounts dated before 2024 have no rate: listed with their reason, in VND.
        let vnd = outputs.unconverted.filter { $0.currency == "VND" }
        #expect(!vnd.isEmpty)
        #expect(vnd.allSatisfy { $0.reason.contains("no rate for VND on or before") })
        #expect(outputs.priorities.last?.unconvertedCount ?? 0 > 0)
        // Every allocated amount is either converted or listed.
        var allocatedCount = 0
        for priority in outputs.priorities {
            for contribution in priority.contributions { allocatedCount += contribution.amounts.isEmpty ? 0 : 1 }
        }
        #expect(allocatedCount > 0)
    }

    @Test("lists are capped, totals are not")
    func listLimit() throws {
        let framework = try Framework.load(path: Fixtures.defaultFramework)
        var aggregator = OutputsAggregator(framework: framework, options: .init(listLimit: 2))
        var activities: [Activity] = []
        for index in 0..<5 {
            let activity = try Fixtures.activity(id: "LA-\(index)", """
                <recipient-country code="LA"/><budget><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/><value>10</value></budget>
                """)
            activities.append(activity)
            aggregator.add(activity, file: "t.xml")
        }
        let outputs = aggregator.finish(inputs: [InputFile(name: "t.xml", sha256: nil, activities: 0, counted: true)])
        #expect(outputs.unallocated.count == 2)
        #expect(outputs.unallocatedOmitted == 3)
        #expect(outputs.reconciliation.first?.unallocated == 50)
        expectReconciles(outputs, activities: activities)
    }

    @Test("invalid amounts are counted, never summed")
    func invalidAmounts() throws {
        let framework = try Framework.load(path: Fixtures.defaultFramework)
        var aggregator = OutputsAggregator(framework: framework)
        aggregator.add(try Fixtures.activity("""
            <recipient-country code="VN"/><sector code="16020"/>
            <transaction><transaction-type code="3"/><value>1,000.00</value></transaction>
            <transaction><transaction-type code="3"/><value>7</value></transaction>
            """), file: "t.xml")
        let outputs = aggregator.finish(inputs: [InputFile(name: "t.xml", sha256: nil, activities: 0, counted: true)])
        #expect(outputs.run.invalidAmounts == 1)
        #expect(outputs.reconciliation.map(\.input) == [7])
    }
}
