public import LibXML

extension IATIDate {
    /// Appends ``isoString``'s bytes to `out` without making a string (`YYYY-MM-DD` for a
    /// valid date of years 0–9999, else the text as ``isoString`` has it).
    public func appendISO(to out: OutputBuffer) {
        var valid = true
        out.append(reserving: 10) { text in
            valid = writeISO(into: text)
            return valid ? 10 : 0
        }
        if !valid { out.append(isoString) }
    }

    /// Writes `YYYY-MM-DD` at `text` (10 bytes) for a valid date of years 0–9999; false, with
    /// nothing written, for any other.
    private func writeISO(into text: UnsafeMutablePointer<UInt8>) -> Bool {
        guard let year, let month, let day, (0...9999).contains(year) else { return false }
        Self.writeISO(year: year, month: month, day: day, into: text)
        return true
    }

    /// Writes `YYYY-MM-DD` at `text` (10 bytes), for a year of 0–9999 and a month and day of 0–99.
    static func writeISO(year: Int, month: Int, day: Int, into text: UnsafeMutablePointer<UInt8>) {
        let zero = UInt8(ascii: "0")
        let dash = UInt8(ascii: "-")
        (text[0], text[1], text[2], text[3]) = (zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10), zero + UInt8(year % 10))
        (text[4], text[5], text[6], text[7]) = (dash, zero + UInt8(month / 10), zero + UInt8(month % 10), dash)
        (text[8], text[9]) = (zero + UInt8(day / 10), zero + UInt8(day % 10))
    }

    /// Days since 1970-01-01 of a valid date (proleptic Gregorian), `nil` for an invalid one.
    public var dayNumber: Int? {
        guard let year, let month, let day else { return nil }
        return Self.daysFromCivil(year: year, month: month, day: day)
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        let civil = Self.civil(fromDays: dayNumber)
        self.init(year: civil.year, month: civil.month, day: civil.day)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` days after 1970-01-01 (Howard Hinnant's algorithm).
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
