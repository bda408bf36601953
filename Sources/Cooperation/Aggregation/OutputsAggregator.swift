import Foundation
public import IATI
import Rates

/// Streams activities into the cooperation outputs, keeping totals, not activities (the
/// choice between versions of a duplicated activity is made before, by `ActivitySelection`).
///
/// Memory grows with the framework and the number of distinct years, currencies, partners
/// and places, and with the listed activities up to ``Options/listLimit`` per list; never
/// with the number of activities read.
public struct OutputsAggregator {
    /// Limits of what is listed.
    public struct Options: Sendable, Hashable {
        /// Most entries kept in each list (contributions and activity indicators per node,
        /// unallocated activities, unconverted amounts); the rest are counted.
        public var listLimit: Int
        /// The language titles, names and reasons are given in, where the data has it.
        public var language: ReportLanguage

        /// Creates options.
        public init(listLimit: Int = 10_000, language: ReportLanguage = .en) {
            self.listLimit = listLimit
            self.language = language
        }

        /// The defaults.
        public static let `default` = Options()
    }

    public let framework: Framework
    public let rates: ExchangeRates?
    public let options: Options
    let matcher: RuleMatcher
    private let ancestors: [String: [String]]
    private let indicatorByReference: [CodeReference: String]

    private struct MoneyKey: Hashable {
        var node: String
        var measure: String
        var year: Int?
        var currency: String
    }
    private struct ConvertedKey: Hashable {
        var node: String
        var measure: String
        var year: Int?
    }
    private struct BalanceKey: Hashable {
        var measure: String
        var currency: String
    }
    private struct UnallocatedKey: Hashable {
        var reason: String
        var measure: String
        var year: Int?
        var currency: String
    }

    private var money: [MoneyKey: Decimal] = [:]
    private var converted: [ConvertedKey: Decimal] = [:]
    private var unconvertedCounts: [String: Int] = [:]
    private var inputTotals: [BalanceKey: Decimal] = [:]
    private var allocatedTotals: [BalanceKey: Decimal] = [:]
    private var unallocatedTotals: [UnallocatedKey: Decimal] = [:]
    private var contributions: [String: [Contribution]] = [:]
    private var contributionsOmitted: [String: Int] = [:]
    private var activityIndicators: [String: [ActivityIndicator]] = [:]
    private var activityIndicatorsOmitted: [String: Int] = [:]
    private var linkedIndicators: [String: [ActivityIndicator]] = [:]
    private var partners: [String: [PartnerKey: Int]] = [:]
    private var partnerNames: [PartnerKey: String] = [:]
    private var locations: [String: [LocationKey: Int]] = [:]
    private var unallocated: [UnallocatedActivity] = []
    private var unallocatedOmitted = 0
    private var unconverted: [UnconvertedAmount] = []
    private var unconvertedOmitted = 0
    private var conversions: [ConvertedAmount] = []
    private var conversionsOmitted = 0
    private var statusCounts: [ActivityMapping.Status: Int] = [:]
    private var activityCount = 0
    private var invalidAmounts = 0
    private var problems: [InputProblem] = []

    /// Creates an aggregator for a framework, with rates to convert amounts or none.
    public init(framework: Framework, rates: ExchangeRates? = nil, options: Options = .default) {
        self.framework = framework
        self.rates = rates
        self.options = options
        self.matcher = RuleMatcher(framework: framework)
        var ancestors: [String: [String]] = [:]
        var byReference: [CodeReference: String] = [:]
        for node in framework.allNodes {
            ancestors[node.code] = Array((framework.path(to: node.code) ?? []).dropLast())
            for indicator in node.indicators {
                for reference in indicator.references where byReference[reference] == nil {
                    byReference[reference] = indicator.code
                }
            }
        }
        self.ancestors = ancestors
        self.indicatorByReference = byReference
    }

    /// Activities added so far.
    public var activitiesRead: Int { activityCount }

    /// Records that an input could not be read (wholly or from some point on).
    public mutating func addProblem(file: String, line: Int, message: String) {
        problems.append(InputProblem(file: file, line: line, message: message))
    }

    /// Maps one activity and adds its money, results, partners and places.
    /// - Parameters:
    ///   - activity: the decoded activity.
    ///   - file: the input it came from, for the lists.
    /// - Returns: how the activity was mapped.
    @discardableResult
    public mutating func add(_ activity: Activity, file: String) -> ActivityMapping {
        activityCount += 1
        let mapping = matcher.map(activity)
        statusCounts[mapping.status, default: 0] += 1
        let activityScope = mapping.status == .outOfScope ? 0 : matcher.scopeShare(activity)
        let identifier = activity.identifier ?? "(no identifier, line \(activity.line))"
        let narratives = NarrativeChoice(options.language, activity: activity)

        var allocated: [String: [BalanceKey: Decimal]] = [:]
        var unallocatedHere: [BalanceKey: Decimal] = [:]
        for item in values(of: activity) {
            guard let amount = item.value.amount else {
                invalidAmounts += 1
                continue
            }
            let currency = item.value.currency ?? ""
            let key = BalanceKey(measure: item.measure, currency: currency)
            inputTotals[key, default: 0] += amount
            let scope = item.transaction.map { matcher.scopeShare($0, activityShare: activityScope) } ?? activityScope
            let inScope = Splitter.part(of: amount, percent: scope)
            let outOfScope = amount - inScope
            if outOfScope != 0 {
                unallocatedTotals[UnallocatedKey(reason: ActivityMapping.Status.outOfScope.rawValue, measure: item.measure, year: item.year, currency: currency), default: 0] += outOfScope
                if mapping.status == .outOfScope { unallocatedHere[key, default: 0] += outOfScope }
            }
            let parts = Splitter.parts(of: inScope, percents: mapping.allocations.map(\.share), complete: mapping.unallocatedShare == 0)
            let remainder = inScope - parts.reduce(0, +)
            if remainder != 0 {
                unallocatedTotals[UnallocatedKey(reason: mapping.status.rawValue, measure: item.measure, year: item.year, currency: currency), default: 0] += remainder
                unallocatedHere[key, default: 0] += remainder
            }
            for (allocation, part) in zip(mapping.allocations, parts) where part != 0 {
                allocatedTotals[key, default: 0] += part
                allocated[allocation.target, default: [:]][key, default: 0] += part
                let nodes = [allocation.target] + (ancestors[allocation.target] ?? [])
                for node in nodes {
                    money[MoneyKey(node: node, measure: item.measure, year: item.year, currency: currency), default: 0] += part
                }
                convert(part, item, nodes: nodes, activity: identifier)
            }
        }

        let title = narratives.text(activity.title)
        for allocation in mapping.allocations {
            let amounts = sortedAmounts(allocated[allocation.target] ?? [:])
            let contribution = Contribution(
                target: allocation.target, activity: identifier, title: title, reportingOrg: activity.reportingOrg?.ref,
                file: file, share: allocation.share, scopeShare: activityScope, rules: allocation.rules, tier: allocation.tier,
                confidence: allocation.confidence, isAmbiguous: allocation.isAmbiguous, amounts: amounts)
            for node in [allocation.target] + (ancestors[allocation.target] ?? []) {
                Self.append(contribution, to: &contributions, omitted: &contributionsOmitted, node: node, limit: options.listLimit)
            }
        }
        let touched = touchedNodes(mapping)
        if !touched.isEmpty {
            addResults(activity, identifier: identifier, targets: mapping.allocations.map(\.target), narratives: narratives)
            addPartners(activity, nodes: touched, narratives: narratives)
            addLocations(activity, nodes: touched, narratives: narratives)
        }
        if mapping.status != .mapped {
            Self.appendListed(
                UnallocatedActivity(
                    activity: identifier, title: title, file: file, line: activity.line, status: mapping.status,
                    reason: mapping.reason?.text(options.language) ?? mapping.status.rawValue, candidates: mapping.candidates,
                    unallocatedShare: mapping.unallocatedShare, amounts: sortedAmounts(unallocatedHere)),
                to: &unallocated, omitted: &unallocatedOmitted, limit: options.listLimit)
        }
        return mapping
    }

    // MARK: - Values

    private struct Item {
        var measure: String
        var year: Int?
        var value: MonetaryValue
        var rateDate: IATIDate?
        var transaction: Transaction?
    }

    /// Every money value of the activity with its measure and year.
    private func values(of activity: Activity) -> [Item] {
        var items: [Item] = []
        for budget in activity.budgets {
            guard let value = budget.value else { continue }
            items.append(Item(
                measure: budget.type == "2" ? Measure.revisedBudget : Measure.budget,
                year: budget.periodStart?.year ?? value.valueDate?.year, value: value,
                rateDate: value.valueDate ?? budget.periodStart, transaction: nil))
        }
        for planned in activity.plannedDisbursements {
            guard let value = planned.value else { continue }
            items.append(Item(
                measure: Measure.plannedDisbursement, year: planned.periodStart?.year ?? value.valueDate?.year, value: value,
                rateDate: value.valueDate ?? planned.periodStart, transaction: nil))
        }
        for transaction in activity.transactions {
            guard let value = transaction.value else { continue }
            items.append(Item(
                measure: Measure.transaction(transaction.type), year: transaction.date?.year ?? value.valueDate?.year,
                value: value, rateDate: value.valueDate ?? transaction.date, transaction: transaction))
        }
        return items
    }

    /// Converts an allocated part of a value for its node and the node's ancestors, and lists
    /// the conversion (rate and rate date) or why there is none.
    private mutating func convert(_ part: Decimal, _ item: Item, nodes: [String], activity: String) {
        guard let rates else { return }
        let currency = item.value.currency
        switch rates.conversion(of: currency, on: item.rateDate) {
        case .success(let use):
            let amount = use.convert(part).rounded(scale: 2)
            for node in nodes { converted[ConvertedKey(node: node, measure: item.measure, year: item.year), default: 0] += amount }
            Self.appendListed(
                ConvertedAmount(
                    activity: activity, target: nodes.first ?? "", measure: item.measure, year: item.year, currency: currency ?? "",
                    amount: part, rate: use.rate, rateDate: use.date?.isoString, converted: amount, line: item.value.line),
                to: &conversions, omitted: &conversionsOmitted, limit: options.listLimit)
        case .failure(let failure):
            for node in nodes { unconvertedCounts[node, default: 0] += 1 }
            Self.appendListed(
                UnconvertedAmount(
                    activity: activity, target: nodes.first ?? "", measure: item.measure, currency: currency ?? "", amount: part,
                    valueDate: item.rateDate?.text, line: item.value.line, reason: failure.description),
                to: &unconverted, omitted: &unconvertedOmitted, limit: options.listLimit)
        }
    }

    private static func appendListed<T>(_ item: T, to list: inout [T], omitted: inout Int, limit: Int) {
        if list.count < limit { list.append(item) } else { omitted += 1 }
    }

    private func sortedAmounts(_ amounts: [BalanceKey: Decimal]) -> [MeasureAmount] {
        Self.summed(amounts.map { ($0.key.measure, $0.key.currency, $0.value) })
    }

    private func touchedNodes(_ mapping: ActivityMapping) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for allocation in mapping.allocations {
            for node in [allocation.target] + (ancestors[allocation.target] ?? []) where seen.insert(node).inserted {
                result.append(node)
            }
        }
        return result
    }

    private static func append<T>(_ item: T, to lists: inout [String: [T]], omitted: inout [String: Int], node: String, limit: Int) {
        if lists[node, default: []].count < limit {
            lists[node, default: []].append(item)
        } else {
            omitted[node, default: 0] += 1
        }
    }

    // MARK: - Results, partners, places

    private mutating func addResults(_ activity: Activity, identifier: String, targets: [String], narratives: NarrativeChoice) {
        let byReference = indicatorByReference
        for result in activity.results {
            for indicator in result.indicators {
                let summary = ActivityIndicator(activity: identifier, result: result, indicator: indicator, narratives: narratives)
                let linked = indicator.references.lazy.compactMap { reference in
                    byReference[CodeReference(vocabulary: reference.vocabulary, code: reference.code ?? "")]
                        ?? byReference[CodeReference(vocabulary: nil, code: reference.code ?? "")]
                }.first
                if let linked {
                    if linkedIndicators[linked, default: []].count < options.listLimit {
                        linkedIndicators[linked, default: []].append(summary)
                    }
                    continue
                }
                for target in targets {
                    Self.append(summary, to: &activityIndicators, omitted: &activityIndicatorsOmitted, node: target, limit: options.listLimit)
                }
            }
        }
    }

    private mutating func addPartners(_ activity: Activity, nodes: [String], narratives: NarrativeChoice) {
        var keys: [PartnerKey] = []
        func add(role: String, ref: String?, names: [Narrative]) {
            let name = narratives.text(names)
            let key = PartnerKey(role: role, ref: ref, name: ref == nil ? name : nil)
            if !keys.contains(key) { keys.append(key) }
            if partnerNames[key] == nil, let name { partnerNames[key] = name }
        }
        for organisation in activity.participatingOrgs {
            add(role: PartnerKey.roleName(organisation.role), ref: organisation.ref, names: organisation.narratives)
        }
        for transaction in activity.transactions where transaction.type == "1" || transaction.type == "11" {
            guard let provider = transaction.provider, provider.ref != nil || provider.name != nil else { continue }
            add(role: "funding", ref: provider.ref, names: provider.narratives)
        }
        for node in nodes {
            for key in keys { partners[node, default: [:]][key, default: 0] += 1 }
        }
    }

    private mutating func addLocations(_ activity: Activity, nodes: [String], narratives: NarrativeChoice) {
        var keys: Set<LocationKey> = []
        for country in activity.recipientCountries {
            keys.insert(LocationKey(kind: "country", code: country.code, name: narratives.text(country.narratives), point: nil))
        }
        for region in activity.recipientRegions {
            keys.insert(LocationKey(kind: "region", code: region.code, name: narratives.text(region.narratives), point: nil))
        }
        for location in activity.locations {
            let code = location.administrative.first?.code ?? location.identifiers.first?.code ?? location.ref
            let point = location.point.flatMap { point -> String? in
                guard let latitude = point.latitude, let longitude = point.longitude else { return nil }
                return "\(latitude) \(longitude)"
            }
            keys.insert(LocationKey(kind: "location", code: code, name: narratives.text(location.name), point: point))
        }
        for node in nodes {
            for key in keys { locations[node, default: [:]][key, default: 0] += 1 }
        }
    }

    // MARK: - Finishing

    /// The outputs of everything added so far.
    /// - Parameters:
    ///   - inputs: the input files, as listed in the run summary.
    ///   - duplicates: identifiers read more than once (chosen between by `ActivitySelection`).
    ///   - generatedAt: when the outputs are made (ISO 8601, UTC).
    ///   - generator: the program and its version.
    public func finish(
        inputs: [InputFile], duplicates: [DuplicateActivity] = [], generatedAt: String = "", generator: String = "iatix"
    ) -> CooperationOutputs {
        let balance = Set(inputTotals.keys).union(allocatedTotals.keys)
        let reconciliation = balance.map { key in
            let unallocated = unallocatedTotals.filter { $0.key.measure == key.measure && $0.key.currency == key.currency }.values.reduce(0, +)
            return ReconciliationRow(
                measure: key.measure, currency: key.currency, input: inputTotals[key] ?? 0, allocated: allocatedTotals[key] ?? 0,
                unallocated: unallocated)
        }.sorted { (Measure.rank($0.measure), $0.measure, $0.currency) < (Measure.rank($1.measure), $1.measure, $1.currency) }
        let unallocatedRows = unallocatedTotals.map {
            UnallocatedTotal(reason: $0.key.reason, measure: $0.key.measure, year: $0.key.year, currency: $0.key.currency, amount: $0.value)
        }.sorted {
            ($0.reason, Measure.rank($0.measure), $0.measure, $0.year ?? 0, $0.currency)
                < ($1.reason, Measure.rank($1.measure), $1.measure, $1.year ?? 0, $1.currency)
        }
        let statusOrder = ActivityMapping.Status.allCases
        let listed = unallocated.enumerated().sorted { left, right in
            let l = statusOrder.firstIndex(of: left.element.status) ?? 0
            let r = statusOrder.firstIndex(of: right.element.status) ?? 0
            return l != r ? l < r : left.offset < right.offset
        }.map(\.element)
        let priorities = framework.priorities.map(outputs(for:))
        return CooperationOutputs(
            programme: framework.programme, frameworkSource: framework.source,
            run: RunSummary(
                generatedAt: generatedAt, generator: generator, inputs: inputs, activities: activityCount, statusCounts: statusCounts,
                language: options.language, targetCurrency: rates?.target, ratesSource: rates?.source, invalidAmounts: invalidAmounts),
            priorities: priorities, unallocated: listed, unallocatedOmitted: unallocatedOmitted,
            unallocatedTotals: unallocatedRows,
            totals: Self.summed(priorities.flatMap { node in node.funding.map { ($0.measure, $0.currency, $0.amount) } }),
            convertedTotals: Self.summed(priorities.flatMap { node in node.converted.map { ($0.measure, rates?.target ?? "", $0.amount) } }),
            conversions: conversions, conversionsOmitted: conversionsOmitted,
            unconverted: unconverted, unconvertedOmitted: unconvertedOmitted,
            reconciliation: reconciliation, inputProblems: problems, duplicates: duplicates)
    }

    /// Rows summed per measure and currency, in measure order.
    private static func summed(_ rows: [(measure: String, currency: String, amount: Decimal)]) -> [MeasureAmount] {
        var sums: [BalanceKey: Decimal] = [:]
        for row in rows { sums[BalanceKey(measure: row.measure, currency: row.currency), default: 0] += row.amount }
        return sums.map { MeasureAmount(measure: $0.key.measure, currency: $0.key.currency, amount: $0.value) }
            .sorted { (Measure.rank($0.measure), $0.measure, $0.currency) < (Measure.rank($1.measure), $1.measure, $1.currency) }
    }

    private func outputs(for node: FrameworkNode) -> NodeOutputs {
        let funding = money.filter { $0.key.node == node.code }.map {
            FundingTotal(measure: $0.key.measure, year: $0.key.year, currency: $0.key.currency, amount: $0.value)
        }.sorted {
            (Measure.rank($0.measure), $0.measure, $0.year ?? 0, $0.currency) < (Measure.rank($1.measure), $1.measure, $1.year ?? 0, $1.currency)
        }
        let convertedTotals = converted.filter { $0.key.node == node.code }.map {
            ConvertedTotal(measure: $0.key.measure, year: $0.key.year, amount: $0.value)
        }.sorted { (Measure.rank($0.measure), $0.measure, $0.year ?? 0) < (Measure.rank($1.measure), $1.measure, $1.year ?? 0) }
        let partnerList = (partners[node.code] ?? [:]).map { key, count in
            Partner(role: key.role, ref: key.ref, name: partnerNames[key] ?? key.name, activities: count)
        }.sorted { (PartnerKey.roleRank($0.role), -$0.activities, $0.ref ?? "", $0.name ?? "") < (PartnerKey.roleRank($1.role), -$1.activities, $1.ref ?? "", $1.name ?? "") }
        let locationList = (locations[node.code] ?? [:]).map { key, count in
            LocationSummary(kind: key.kind, code: key.code, name: key.name, point: key.point, activities: count)
        }.sorted { ($0.kind, -$0.activities, $0.code ?? "", $0.name ?? "", $0.point ?? "") < ($1.kind, -$1.activities, $1.code ?? "", $1.name ?? "", $1.point ?? "") }
        return NodeOutputs(
            level: node.level, code: node.code, name: node.name, description: node.description, funding: funding,
            converted: convertedTotals, unconvertedCount: unconvertedCounts[node.code] ?? 0,
            contributions: contributions[node.code] ?? [], contributionsOmitted: contributionsOmitted[node.code] ?? 0,
            indicators: node.indicators.map { IndicatorOutputs(indicator: $0, reported: linkedIndicators[$0.code] ?? []) },
            activityIndicators: activityIndicators[node.code] ?? [],
            activityIndicatorsOmitted: activityIndicatorsOmitted[node.code] ?? 0,
            partners: partnerList, locations: locationList, children: node.children.map(outputs(for:)))
    }
}

/// A partner as counted: its role and its identifier, or its name when it has none.
struct PartnerKey: Hashable {
    var role: String
    var ref: String?
    var name: String?

    static func roleName(_ code: String?) -> String {
        switch code {
        case "1": "funding"
        case "2": "accountable"
        case "3": "extending"
        case "4": "implementing"
        case .some(let code): code
        case .none: "unknown"
        }
    }

    static func roleRank(_ role: String) -> Int {
        ["funding", "implementing", "accountable", "extending"].firstIndex(of: role) ?? 4
    }
}

/// A place as counted.
struct LocationKey: Hashable {
    var kind: String
    var code: String?
    var name: String?
    var point: String?
}
