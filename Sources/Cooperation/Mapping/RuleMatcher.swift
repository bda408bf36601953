public import Foundation
public import IATI

/// Maps activities onto a framework with its rules.
///
/// Tiers are applied most explicit first (``RuleTier``). At each tier, the matching rules
/// divide what is still unallocated: a rule's `share`, or the percentages of the sectors it
/// matched, is a percentage of that remainder; a single node without a share takes all of it.
/// What is left goes on to the next tier. When several nodes without shares match at one
/// tier, or the shares of a tier add up to more than 100, the activity is ambiguous and the
/// framework's ``AllocationPolicy`` decides.
public struct RuleMatcher: Sendable {
    public let framework: Framework
    private let rules: [CompiledRule]
    private let ancestors: [String: [String]]
    private let order: [String: Int]

    /// Prepares the rules of `framework`.
    public init(framework: Framework) {
        self.framework = framework
        self.rules = framework.rules.map(CompiledRule.init)
        var ancestors: [String: [String]] = [:]
        var order: [String: Int] = [:]
        for (index, node) in framework.allNodes.enumerated() {
            ancestors[node.code] = Array((framework.path(to: node.code) ?? []).dropLast())
            order[node.code] = index
        }
        self.ancestors = ancestors
        self.order = order
    }

    /// Maps one activity.
    public func map(_ activity: Activity) -> ActivityMapping {
        if !isInScope(activity) {
            return ActivityMapping(
                status: .outOfScope, allocations: [], unallocatedShare: 100,
                reason: .outOfScope(countries: framework.scope.recipientCountries))
        }
        var facts = ActivityFacts(activity)
        var remaining: Decimal = 100
        var allocations: [String: Allocation] = [:]
        var anyMatch = false
        var candidates: [String] = []
        var ambiguityReason: MappingReason?

        for tier in RuleTier.allCases where remaining > 0 {
            let matches = rules.filter { $0.rule.tier == tier }.compactMap { rule in
                rule.match(&facts).map { (rule: rule.rule, share: $0) }
            }
            if matches.isEmpty { continue }
            anyMatch = true
            let claims = collapse(claims(matches, tier: tier))
            let withShare = claims.filter { $0.share != nil }
            let withoutShare = claims.filter { $0.share == nil }
            let sum = withShare.reduce(Decimal(0)) { $0 + ($1.share ?? 0) }
            let base = remaining

            if sum > 100 {
                candidates = inFrameworkOrder(claims.map(\.target))
                ambiguityReason = .sharesAbove100(tier: tier, candidates: candidates, sum: sum)
                if framework.allocation.ambiguous == .equalSplit {
                    let shares = Self.exactSplit(base, weights: withShare.map { $0.share ?? 0 })
                    for (claim, share) in zip(withShare, shares) { add(claim, share: share, ambiguous: true, to: &allocations) }
                    remaining = 0
                }
                break
            }
            for claim in withShare {
                let share = base * (claim.share ?? 0) / 100
                add(claim, share: share, ambiguous: false, to: &allocations)
                remaining -= share
            }
            if remaining < Self.negligible { remaining = 0 }  // residue of inexact division, not a share
            if withoutShare.count == 1, let claim = withoutShare.first, remaining > 0 {
                add(claim, share: remaining, ambiguous: false, to: &allocations)
                remaining = 0
            } else if withoutShare.count > 1, remaining > 0 {
                candidates = inFrameworkOrder(withoutShare.map(\.target))
                ambiguityReason = .noShareSeparates(tier: tier, candidates: candidates)
                if framework.allocation.ambiguous == .equalSplit {
                    let shares = Self.exactSplit(remaining, weights: withoutShare.map { _ in 1 })
                    for (claim, share) in zip(withoutShare, shares) { add(claim, share: share, ambiguous: true, to: &allocations) }
                    remaining = 0
                }
                break
            }
        }

        let sorted = allocations.values.filter { $0.share > 0 }.sorted { (order[$0.target] ?? 0) < (order[$1.target] ?? 0) }
        if !anyMatch {
            return ActivityMapping(status: .unmapped, allocations: [], unallocatedShare: 100, reason: .noRule)
        }
        if let ambiguityReason {
            return ActivityMapping(
                status: .ambiguous, allocations: sorted, unallocatedShare: max(remaining, 0), candidates: candidates,
                reason: ambiguityReason)
        }
        if remaining > 0 {
            return ActivityMapping(
                status: .partial, allocations: sorted, unallocatedShare: remaining,
                reason: .uncovered(percent: remaining))
        }
        return ActivityMapping(status: .mapped, allocations: sorted, unallocatedShare: 0)
    }

    /// Shares below this are residues of division, not shares.
    static let negligible = Decimal(sign: .plus, exponent: -20, significand: 1)

    /// `total` divided in proportion to `weights`; the last part takes what division left,
    /// so the parts add up to `total` exactly.
    static func exactSplit(_ total: Decimal, weights: [Decimal]) -> [Decimal] {
        let sum = weights.reduce(0, +)
        guard sum > 0, !weights.isEmpty else { return weights.map { _ in 0 } }
        var parts = weights.dropLast().map { total * $0 / sum }
        parts.append(total - parts.reduce(0, +))
        return parts
    }

    // MARK: - Scope

    /// Whether any of the activity is for the scope's countries.
    public func isInScope(_ activity: Activity) -> Bool {
        guard !framework.scope.recipientCountries.isEmpty else { return true }
        if scopeShare(activity) > 0 { return true }
        return activity.transactions.contains { transaction in
            transaction.recipientCountry?.code.map(framework.scope.recipientCountries.contains) ?? false
        }
    }

    /// Percent of the activity for the scope's countries: the sum of their
    /// `recipient-country` percentages (100 for a single country without one, an equal share
    /// when several countries state none); 100 when the scope names no country.
    public func scopeShare(_ activity: Activity) -> Decimal {
        let scope = framework.scope.recipientCountries
        guard !scope.isEmpty else { return 100 }
        let countries = activity.recipientCountries
        let inScope = countries.filter { $0.code.map(scope.contains) ?? false }
        if inScope.isEmpty { return 0 }
        if inScope.allSatisfy({ $0.percentage?.value != nil }) {
            return min(inScope.reduce(Decimal(0)) { $0 + ($1.percentage?.value ?? 0) }, 100)
        }
        if countries.count == 1 { return 100 }
        return Decimal(100) * Decimal(inScope.count) / Decimal(countries.count)
    }

    /// Percent of a transaction for the scope's countries: by its own recipient country when
    /// it states one, else the activity's share.
    public func scopeShare(_ transaction: Transaction, activityShare: Decimal) -> Decimal {
        let scope = framework.scope.recipientCountries
        guard !scope.isEmpty, let code = transaction.recipientCountry?.code else { return activityShare }
        return scope.contains(code) ? 100 : 0
    }

    private func inFrameworkOrder(_ codes: [String]) -> [String] {
        codes.sorted { (order[$0] ?? 0) < (order[$1] ?? 0) }
    }

    // MARK: - Claims

    private struct Claim {
        var target: String
        var share: Decimal?
        var rules: [String]
        var confidence: Confidence
        var tier: RuleTier
    }

    /// Groups the matches of a tier by target. Explicit shares win over sector percentages; of
    /// several explicit shares for one node the largest applies; sector-derived shares of rules
    /// for the same node add up.
    private func claims(_ matches: [(rule: MappingRule, share: Decimal?)], tier: RuleTier) -> [Claim] {
        var byTarget: [String: Claim] = [:]
        var explicit: [String: Decimal] = [:]
        var derived: [String: Decimal] = [:]
        var unshared: Set<String> = []
        var targets: [String] = []
        for (rule, share) in matches {
            if byTarget[rule.target] == nil {
                targets.append(rule.target)
                byTarget[rule.target] = Claim(target: rule.target, share: nil, rules: [], confidence: .high, tier: tier)
            }
            if var claim = byTarget[rule.target] {
                claim.rules.append(rule.id)
                claim.confidence = max(claim.confidence, rule.effectiveConfidence)
                byTarget[rule.target] = claim
            }
            if let stated = rule.share {
                explicit[rule.target] = max(explicit[rule.target] ?? 0, stated)
            } else if let share {
                derived[rule.target, default: 0] += share
            } else {
                unshared.insert(rule.target)
            }
        }
        return targets.compactMap { target in
            guard var claim = byTarget[target] else { return nil }
            if let share = explicit[target] {
                claim.share = share
            } else if !unshared.contains(target), let share = derived[target] {
                claim.share = min(share, 100)
            }
            return claim
        }
    }

    /// Drops claims without a share on a node whose descendant is also claimed: the more
    /// specific node takes them, the rules agree.
    private func collapse(_ claims: [Claim]) -> [Claim] {
        claims.filter { claim in
            claim.share != nil || !claims.contains { ancestors[$0.target]?.contains(claim.target) ?? false }
        }
    }

    private func add(_ claim: Claim, share: Decimal, ambiguous: Bool, to allocations: inout [String: Allocation]) {
        if var existing = allocations[claim.target] {
            existing.share += share
            existing.rules += claim.rules.filter { !existing.rules.contains($0) }
            existing.confidence = max(existing.confidence, claim.confidence)
            existing.isAmbiguous = existing.isAmbiguous || ambiguous
            allocations[claim.target] = existing
        } else {
            allocations[claim.target] = Allocation(
                target: claim.target, share: share, rules: claim.rules, tier: claim.tier, confidence: claim.confidence,
                isAmbiguous: ambiguous)
        }
    }
}
