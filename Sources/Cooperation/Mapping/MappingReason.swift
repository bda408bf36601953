public import Foundation
public import IATI

/// Why part or all of an activity is unallocated, with what the sentence needs, so that it
/// can be said in the report's language.
public enum MappingReason: Sendable, Hashable, CustomStringConvertible {
    /// The activity is for none of the programme's countries.
    case outOfScope(countries: [String])
    /// No rule matched.
    case noRule
    /// At a tier, the shares of the matching nodes add up to more than 100%.
    case sharesAbove100(tier: RuleTier, candidates: [String], sum: Decimal)
    /// At a tier, several nodes match and no share separates them.
    case noShareSeparates(tier: RuleTier, candidates: [String])
    /// This percent of the activity is covered by no rule.
    case uncovered(percent: Decimal)

    /// The reason in English.
    public var description: String { text(.en) }

    /// The reason in `language`.
    public func text(_ language: ReportLanguage) -> String {
        let labels = Labels(language: language)
        let en = language == .en
        switch self {
        case .outOfScope(let countries):
            let list = countries.joined(separator: ", ")
            return en ? "not for the programme's countries (\(list))" : "không dành cho các quốc gia của chương trình (\(list))"
        case .noRule:
            return en ? "no rule matched" : "không quy tắc nào khớp"
        case .sharesAbove100(let tier, let candidates, let sum):
            let list = candidates.joined(separator: ", ")
            let percent = labels.number("\(sum)")
            return en
                ? "at the \(tier.name) tier the shares of \(list) add up to \(sum)%, more than 100%"
                : "ở bậc \(labels.tier(tier)), tỷ lệ của \(list) cộng lại là \(percent)%, vượt quá 100%"
        case .noShareSeparates(let tier, let candidates):
            let list = candidates.joined(separator: ", ")
            return en
                ? "at the \(tier.name) tier, \(list) all match and no share separates them"
                : "ở bậc \(labels.tier(tier)), \(list) đều khớp và không có tỷ lệ nào phân biệt"
        case .uncovered(let percent):
            let rounded = percent.rounded(scale: 2)
            return en
                ? "\(rounded)% of the activity is covered by no rule"
                : "\(labels.number("\(rounded)"))% của hoạt động không thuộc quy tắc nào"
        }
    }
}
