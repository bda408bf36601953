import Foundation
import IATI

/// Fractions that add up to 1 from percentages as publishers write them, and what was done
/// to get there.
///
/// The rules, in order:
/// - one item: 1, whatever its percentage;
/// - no percentage at all: equal shares;
/// - some missing: each missing one gets an equal part of what the given ones leave of 100
///   (none when they leave nothing);
/// - a negative or unreadable percentage counts as missing;
/// - a total other than 100: every share rescaled in proportion (equal shares when the total is 0).
///
/// Each rule that applied is named in the note, so a split never silently differs from what
/// the publisher wrote. Fractions are kept to ``places`` decimal places (a third is
/// 0.3333333333333333): exact for every percentage written with up to 14 decimals, and the
/// splits still add up exactly (see ``IATI/ExactShares``).
struct Shares: Sendable, Hashable {
    /// Decimal places of a fraction.
    static let places = 16

    var fractions: [Decimal]
    var note: String?

    /// A fraction of at most ``places`` decimal places (as every fraction here is) in fixed point.
    static func fixed(_ fraction: Decimal) -> FixedDecimal {
        guard let fixed = FixedDecimal(fraction, scale: places) else { preconditionFailure("a fraction of more than \(places) places: \(fraction)") }
        return fixed
    }

    /// The product of two fractions of 0…1, rounded to ``places`` (as `Decimal` rounds it):
    /// the share of a row split twice.
    static func product(_ first: FixedDecimal, _ second: FixedDecimal) -> FixedDecimal {
        guard let product = first.multiplied(by: second, scale: places) else { preconditionFailure("fractions out of range: \(first) × \(second)") }
        return product
    }

    /// `part ÷ whole` rounded to ``places``, for `0 ≤ part ≤ whole`: in fixed point where both
    /// have at most 6 decimal places (the same value `Decimal` gives, at a fraction of the cost),
    /// else by `Decimal`.
    static func fraction(_ part: Decimal, of whole: Decimal) -> Decimal {
        if let part = FixedDecimal(part, scale: 6), let whole = FixedDecimal(whole, scale: 6),
            let fraction = FixedDecimal.fraction(part, of: whole, scale: places)
        {
            return fraction.decimal
        }
        return (part / whole).rounded(scale: places)
    }

    /// The sum of `values`: in fixed point where each has at most 6 decimal places (the
    /// same value `Decimal` addition gives, at a fraction of its cost), else by `Decimal`.
    static func sum(_ values: [Decimal]) -> Decimal {
        var total: Int128 = 0
        for value in values {
            guard let fixed = FixedDecimal(value, scale: 6) else { return values.reduce(0, +) }
            let (next, overflow) = total.addingReportingOverflow(fixed.value)
            guard !overflow else { return values.reduce(0, +) }
            total = next
        }
        return FixedDecimal(value: total, scale: 6).decimal
    }

    init(percentages: [DecimalValue?], of what: String) {
        let count = percentages.count
        guard count > 1 else {
            fractions = count == 1 ? [1] : []
            if let percentage = percentages.first??.value, percentage != 100 {
                note = "one \(what) with percentage \(percentage.plainText): taken as 100"
            }
            return
        }
        var notes: [String] = []
        var values: [Decimal?] = percentages.map { $0?.value.flatMap { $0 >= 0 ? $0 : nil } }
        let unreadable = zip(percentages, values).filter { $0.0 != nil && $0.1 == nil }.count
        if unreadable > 0 { notes.append("\(unreadable) \(what) percentage(s) negative or not a number: counted as missing") }
        let missing = values.filter { $0 == nil }.count
        if missing == count {
            notes.append("no \(what) percentages: equal shares")
            values = Array(repeating: 1, count: count)
        } else if missing > 0 {
            let given = Self.sum(values.compactMap { $0 })
            let each = given < 100 ? (100 - given) / Decimal(missing) : 0
            notes.append("\(missing) \(what) percentage(s) missing: each given \(each.rounded(scale: 4).plainText)")
            values = values.map { $0 ?? each }
        }
        var present = values.map { $0 ?? 0 }
        let total = Self.sum(present)
        if total == 0 {
            notes.append("\(what) percentages add up to 0: equal shares")
            present = Array(repeating: 1, count: count)
        } else if total != 100, missing < count {
            notes.append("\(what) percentages add up to \(total.plainText): rescaled to 100")
        }
        let sum = total == 0 ? Decimal(count) : total
        fractions = present.map { Self.fraction($0, of: sum) }
        note = notes.isEmpty ? nil : notes.joined(separator: "; ")
    }
}
