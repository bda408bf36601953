import IATI
import IATIValidation
import LibXML
import Tables
#if canImport(Glibc)
import Glibc
#endif

/// One-line descriptions of failures, with what to do.
enum ErrorText {
    static func describe(_ error: any Error, input: String) -> String {
        switch error {
        case let error as XMLError:
            // The official id, as `validate` gives it: the input could not be read as IATI XML.
            if error.inputKind != nil || error.code == XMLError.unreadable { return "\(error.description) [\(RuleID.of(error))]" }
            var text = error.description
            if error.code != 0 { text += hint(forParserCode: error.code) + " [\(RuleID.notWellFormed)]" }
            return text
        default:
            return "\(input): \(error)"
        }
    }

    private static func hint(forParserCode code: Int) -> String {
        switch code {
        case 4, 5, 77: " (the file is not complete XML: was it truncated or is it another format?)"
        default: " (the file is not well-formed XML; fix it at that position)"
        }
    }
}

/// Counts by reason as a warning states them: the most frequent first (then by reason), as
/// `3 no rate for JPY, 1 value missing or not a number`.
func countsByReason(_ counts: [String: Int]) -> String {
    counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
}

/// The warnings of a run's amounts: missing or not a number, then (per target currency)
/// converted with the nearest rate in time, of another month than their value date's.
func amountWarnings(_ summary: FlattenSummary) -> [String] {
    let notANumber = summary.amountsNotANumber
    return (notANumber > 0
        ? ["warning: \(notANumber) amount(s) missing or not a number: their split rows have no value_split (split_note says why)"] : [])
        + otherMonthNotes(summary.convertedWithOtherMonth)
}

/// The warnings of amounts converted with the nearest rate in time, of another month than
/// their value date's, by target currency: one line per currency.
private func otherMonthNotes(_ counts: [String: Int]) -> [String] {
    counts.sorted { $0.key < $1.key }.map { target, count in
        "warning: \(count) amount(s) converted to \(target) with the nearest rate in time, of another month than their value date "
            + "(the rates file has none for that month); rate_date_\(target.lowercased()) gives each rate's date"
    }
}

/// Progress lines for long work.
enum Progress {
    static func line(name: String, bytes: Int, total: Int?, elapsed: Double) -> String {
        let megabytes = Double(bytes) / 1_000_000
        let rate = elapsed > 0 ? megabytes / elapsed : 0
        var text = "\(name): \(format(megabytes)) MB at \(format(rate)) MB/s"
        if let total, total > 0, bytes > 0, rate > 0 {
            let fraction = min(1, Double(bytes) / Double(total))
            let remaining = (Double(total - bytes) / 1_000_000) / rate
            text += ", \(Int(fraction * 100))%, about \(Int(remaining.rounded())) s left"
        }
        return text
    }

    static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
