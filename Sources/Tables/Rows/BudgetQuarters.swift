import Foundation
import IATI

/// A budget period cut at calendar quarters, each piece with its share of the period by day
/// count: a budget from 2015-04-01 to 2016-03-31 has three quarters in 2015 and one in 2016,
/// each with its days ÷ 366.
struct BudgetQuarters: Sendable, Hashable {
    struct Piece: Sendable, Hashable {
        var year: Int
        var quarter: Int
        /// The piece's first and last days, as day numbers (see ``IATI/IATIDate/dayNumber``).
        var firstDay: Int
        var lastDay: Int
        var days: Int
        /// `days` ÷ the period's days, to ``Shares/places`` decimal places.
        var fraction: FixedDecimal

        var start: IATIDate { IATIDate(dayNumber: firstDay) }
        var end: IATIDate { IATIDate(dayNumber: lastDay) }
    }

    /// Empty when the period cannot be cut (see ``note``).
    var pieces: [Piece]
    var note: String?

    init(start: IATIDate?, end: IATIDate?) {
        guard let first = start?.dayNumber, let last = end?.dayNumber else {
            pieces = []
            note = "budget period missing or not a valid date: not split by quarter"
            return
        }
        guard last >= first else {
            pieces = []
            note = "budget period ends before it starts: not split by quarter"
            return
        }
        let total = FixedDecimal(last - first + 1)
        var pieces: [Piece] = []
        var day = first
        while day <= last {
            let (year, month, _) = IATIDate.civil(fromDays: day)
            let quarter = (month - 1) / 3 + 1
            let nextQuarterStart =
                quarter == 4
                ? IATIDate.daysFromCivil(year: year + 1, month: 1, day: 1)
                : IATIDate.daysFromCivil(year: year, month: quarter * 3 + 1, day: 1)
            let pieceEnd = min(last, nextQuarterStart - 1)
            let days = pieceEnd - day + 1
            pieces.append(
                Piece(year: year, quarter: quarter, firstDay: day, lastDay: pieceEnd, days: days, fraction: Self.fraction(days, of: total)))
            day = pieceEnd + 1
        }
        self.pieces = pieces
        note = nil
    }

    /// `days ÷ total` as ``Shares/fraction(_:of:)`` gives it, in fixed point from the start
    /// (a budget has a piece per quarter, split again into hundreds of rows).
    private static func fraction(_ days: Int, of total: FixedDecimal) -> FixedDecimal {
        guard let fraction = FixedDecimal.fraction(FixedDecimal(days), of: total, scale: Shares.places) else {
            preconditionFailure("a quarter's days out of its period's: \(days) of \(total)")
        }
        return fraction
    }
}

/// The cells from `budget_type` to `days` of the budget split rows, a piece per budget type and
/// quarter, laid out once for every budget that has them: the budgets of the same years have
/// the same quarters. One per thread that makes those rows, for the run's one `budget_splits`
/// table (a piece keeps the bytes of the layout that first wrote it).
final class QuarterCells {
    private struct Key: Hashable {
        var type: String?
        var firstDay: Int
        var lastDay: Int
    }

    /// Pieces kept at most (a budget that starts or ends inside a quarter has a piece of its
    /// own there): past it, the pieces are dropped and made again as they come.
    private static let limit = 4096
    private var pieces: [Key: RowBuilder.Piece] = [:]

    /// The cells of a budget of type `type` in `quarter` (`nil`: a period not cut in quarters).
    func piece(type: String?, quarter: BudgetQuarters.Piece?) -> RowBuilder.Piece {
        let key = Key(type: type, firstDay: quarter?.firstDay ?? .min, lastDay: quarter?.lastDay ?? .min)
        if let piece = pieces[key] { return piece }
        if pieces.count >= Self.limit { pieces.removeAll(keepingCapacity: true) }
        let piece = RowBuilder.Piece([
            .optional(type), quarter.map { .integer($0.year) } ?? .empty, quarter.map { .integer($0.quarter) } ?? .empty,
            .optional(quarter?.start), .optional(quarter?.end), quarter.map { .integer($0.days) } ?? .empty,
        ])
        pieces[key] = piece
        return piece
    }
}
