import Foundation
import IATI

/// A rule with its phrases folded, ready to test activities.
struct CompiledRule: Sendable {
    let rule: MappingRule
    private let phrases: [[Substring]]

    init(_ rule: MappingRule) {
        self.rule = rule
        var phrases: [[Substring]] = []
        for condition in rule.conditions {
            if case .keywords(let english, let vietnamese) = condition {
                phrases += (english + vietnamese).map(TextFolding.words).filter { !$0.isEmpty }
            }
        }
        self.phrases = phrases
    }

    /// `nil` when the activity does not match; else the share the match implies (from sector
    /// percentages), itself `nil` when the match implies none.
    func match(_ facts: inout ActivityFacts) -> Decimal?? {
        var share: Decimal?
        for condition in rule.conditions {
            switch evaluate(condition, &facts) {
            case .none: return .none
            case .some(let implied): if share == nil { share = implied }
            }
        }
        return .some(share)
    }

    /// `nil` when the condition fails; else the share it implies.
    private func evaluate(_ condition: RuleCondition, _ facts: inout ActivityFacts) -> Decimal?? {
        let activity = facts.activity
        func hit(_ matched: Bool) -> Decimal?? { matched ? .some(nil) : .none }
        switch condition {
        case .identifiers(let identifiers):
            return hit(activity.identifier.map(identifiers.contains) ?? false)
        case .identifierSuffixes(let suffixes):
            return hit(activity.identifier.map { identifier in suffixes.contains { identifier.hasSuffix($0) } } ?? false)
        case .tags(let references):
            return hit(activity.tags.contains { tag in references.contains { $0.matches(vocabulary: tag.vocabulary, code: tag.code) } })
        case .resultReferences(let references):
            return hit(activity.results.contains { result in
                result.references.contains { reference in references.contains { $0.matches(vocabulary: reference.vocabulary, code: reference.code) } }
            })
        case .indicatorReferences(let references):
            return hit(activity.results.contains { result in
                result.indicators.contains { indicator in
                    indicator.references.contains { reference in references.contains { $0.matches(vocabulary: reference.vocabulary, code: reference.code) } }
                }
            })
        case .sectors(let codes):
            let matched = activity.sectors.filter { sector in
                guard let code = sector.code else { return false }
                return codes.contains { wanted in
                    switch (wanted.count, sector.effectiveVocabulary) {
                    case (5, "1"): code == wanted
                    case (3, "2"): code == wanted
                    case (3, "1"): code.hasPrefix(wanted)
                    default: false
                    }
                }
            }
            return matched.isEmpty ? .none : .some(facts.share(of: matched))
        case .sdgGoals(let goals):
            return sdg(in: facts) { vocabulary, code in
                let code = code.lowercased()
                return goals.contains { goal in
                    switch vocabulary {
                    case .goal: code == goal
                    case .target, .indicator: code.hasPrefix(goal + ".")
                    }
                }
            }
        case .sdgTargets(let targets):
            return sdg(in: facts) { vocabulary, code in
                let code = code.lowercased()
                return targets.contains { target in
                    let target = target.lowercased()
                    switch vocabulary {
                    case .goal: return false
                    case .target: return code == target
                    case .indicator: return code.hasPrefix(target + ".")
                    }
                }
            }
        case .participatingOrgs(let organisations):
            return hit(activity.participatingOrgs.contains { org in
                organisations.contains { wanted in org.ref == wanted.ref && (wanted.role == nil || wanted.role == org.role) }
            })
        case .recipientCountries(let countries):
            return hit(
                activity.recipientCountries.contains { $0.code.map(countries.contains) ?? false }
                    || activity.transactions.contains { $0.recipientCountry?.code.map(countries.contains) ?? false })
        case .keywords:
            let words = facts.words
            return hit(phrases.contains { TextFolding.contains(words, phrase: $0) })
        }
    }

    private enum SDGLevel { case goal, target, indicator }

    /// Tags (vocabularies 2, 3, 4) and sectors (7, 8, 9) for SDG goals, targets, indicators;
    /// the share comes from the matched sectors' percentages.
    private func sdg(in facts: ActivityFacts, _ test: (SDGLevel, String) -> Bool) -> Decimal?? {
        let tagLevels: [String: SDGLevel] = ["2": .goal, "3": .target, "4": .indicator]
        let sectorLevels: [String: SDGLevel] = ["7": .goal, "8": .target, "9": .indicator]
        let tagged = facts.activity.tags.contains { tag in
            guard let vocabulary = tag.vocabulary, let level = tagLevels[vocabulary], let code = tag.code else { return false }
            return test(level, code)
        }
        let sectors = facts.activity.sectors.filter { sector in
            guard let level = sectorLevels[sector.effectiveVocabulary], let code = sector.code else { return false }
            return test(level, code)
        }
        if !sectors.isEmpty { return .some(facts.share(of: sectors)) }
        return tagged ? .some(nil) : .none
    }
}
