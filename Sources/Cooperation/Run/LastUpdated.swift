import Foundation
import IATI

/// An activity's `last-updated-datetime` as a point in time, to choose between two versions of
/// the same activity.
///
/// Accepts `xsd:dateTime` (`2024-05-01T09:30:00Z`, `+07:00`, fractions of a second; without a
/// zone it is read as UTC) and a date (its midnight, in its zone or UTC). Missing or unreadable text is
/// older than any readable time.
struct LastUpdated: Comparable {
    /// The moment; `nil` when the activity has none or it cannot be read.
    let moment: Date?

    init(_ date: IATIDate?) {
        moment = date.flatMap { Self.parse($0.text) }
    }

    static func < (lhs: LastUpdated, rhs: LastUpdated) -> Bool {
        switch (lhs.moment, rhs.moment) {
        case (nil, .some): true
        case (.some(let left), .some(let right)): left < right
        default: false
        }
    }

    private static func parse(_ text: String) -> Date? {
        var text = text
        if !text.contains("T"), text.count >= 10 {
            // A date, with or without a zone: its midnight.
            text = String(text.prefix(10)) + "T00:00:00" + String(text.dropFirst(10))
        }
        if let t = text.firstIndex(of: "T"), !text[t...].contains(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
            text += "Z"
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
