import Foundation
import IATI

/// What the rules look at in one activity, gathered once.
struct ActivityFacts {
    let activity: Activity
    /// Folded words of the titles and descriptions, computed when a keyword rule asks.
    private(set) lazy var words: [Substring] = {
        let narratives = activity.title + activity.descriptions.flatMap(\.narratives)
        return narratives.flatMap { TextFolding.words($0.text) + ["|"] }
    }()

    init(_ activity: Activity) {
        self.activity = activity
    }

    /// Sectors of these vocabularies, with their percentages.
    func sectors(vocabularies: Set<String>) -> [Sector] {
        activity.sectors.filter { vocabularies.contains($0.effectiveVocabulary) }
    }

    /// The share of the activity the `matched` sectors stand for, per vocabulary, the largest:
    /// their percentages summed, or 100 when a matched sector is its vocabulary's only one
    /// and has no percentage; `nil` when percentages are missing.
    func share(of matched: [Sector]) -> Decimal? {
        var best: Decimal?
        for vocabulary in Set(matched.map(\.effectiveVocabulary)).sorted() {
            let inVocabulary = matched.filter { $0.effectiveVocabulary == vocabulary }
            let all = activity.sectors.filter { $0.effectiveVocabulary == vocabulary }
            var sum: Decimal = 0
            var known = true
            for sector in inVocabulary {
                if let value = sector.percentage?.value {
                    sum += value
                } else if all.count == 1 {
                    sum += 100
                } else {
                    known = false
                }
            }
            if known { best = max(best ?? 0, min(sum, 100)) }
        }
        return best
    }
}
