/// A calendar date as IATI writes it (`xsd:date`, or the date part of an `xsd:dateTime`),
/// keeping the original text.
///
/// Text that is not a valid date is kept with `year`, `month` and `day` set to `nil`.
public struct IATIDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The text as written, trimmed.
    public var text: String
    public var year: Int?
    public var month: Int?
    public var day: Int?

    /// Parses `YYYY-MM-DD`, optionally followed by a time zone (`Z`, `+07:00`) or a time
    /// (`T10:00:00Z`).
    public init(text: String) {
        self.text = text.trimmingXMLWhitespace()
        if let parts = Self.parse(self.text) {
            (year, month, day) = (parts.year, parts.month, parts.day)
        }
    }

    /// Creates a date from its parts.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.text = Self.format(year: year, month: month, day: day)
    }

    /// Whether the text is a valid calendar date.
    public var isValid: Bool { year != nil }

    /// `YYYY-MM-DD` for a valid date, else the original text.
    public var isoString: String {
        guard let year, let month, let day else { return text }
        return Self.format(year: year, month: month, day: day)
    }

    public var description: String { text }

    /// Valid dates in calendar order, before invalid ones (compared by text).
    public static func < (lhs: IATIDate, rhs: IATIDate) -> Bool {
        switch (lhs.year, rhs.year) {
        case (.some, .none): return true
        case (.none, .some): return false
        case (.none, .none): return lhs.text < rhs.text
        default:
            let left = (lhs.year ?? 0, lhs.month ?? 0, lhs.day ?? 0)
            let right = (rhs.year ?? 0, rhs.month ?? 0, rhs.day ?? 0)
            return left < right
        }
    }

    private static func format(year: Int, month: Int, day: Int) -> String {
        if (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) {
            // Ten ASCII bytes: a small string, made without allocating.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { text in
                writeISO(year: year, month: month, day: day, into: text.baseAddress!)
                return String(decoding: text, as: UTF8.self)
            }
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(abs(value))
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    private static func parse(_ text: String) -> (year: Int, month: Int, day: Int)? {
        var text = text
        return text.withUTF8(parse)
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        var index = 0
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        /// Reads exactly `count` digits, or at least four (and at most nine) when `count` is nil.
        func number(_ count: Int?) -> Int? {
            var value = 0
            var read = 0
            while index < bytes.count, isDigit(bytes[index]), read < (count ?? 9) {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                read += 1
                index += 1
            }
            if let count { return read == count ? value : nil }
            return read >= 4 && (index == bytes.count || !isDigit(bytes[index])) ? value : nil
        }
        func dash() -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "-") else { return false }
            index += 1
            return true
        }
        let negative = dash()
        guard let year = number(nil), year > 0, dash(),
            let month = number(2), (1...12).contains(month), dash(),
            let day = number(2), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        if index < bytes.count {
            let rest = String(decoding: bytes[index...], as: UTF8.self)
            guard isTimeZone(rest) || rest.hasPrefix("T") else { return nil }
        }
        return (negative ? -year : year, month, day)
    }

    private static func isTimeZone(_ text: String) -> Bool {
        if text == "Z" { return true }
        let characters = Array(text)
        guard characters.count == 6, characters[0] == "+" || characters[0] == "-", characters[3] == ":" else { return false }
        return [1, 2, 4, 5].allSatisfy { characters[$0].isASCII && characters[$0].isNumber }
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
