import IATI

/// The JavaScript behaviours the official validator's rule results depend on (it is written in
/// JavaScript): `Number()`, `String.prototype.trim`, `toFixed`, the `Date` parser and `RegExp`.
/// Reproduced here so the engine gives the official results.
enum JSCompat {
    /// A date key meaning "the current time" (`more: "NOW"`).
    static let nowKeyword = "NOW"
    /// A `startsWith` prefix meaning "an organisation registration agency prefix".
    static let orgIDPrefixKeyword = "ORG-ID-PREFIX"

    static let millisecondsPerDay = 86_400_000.0
    /// The largest time a JavaScript `Date` holds, in milliseconds either side of 1970.
    private static let maximumTime = 8.64e15

    // MARK: Whitespace

    /// JavaScript's white space and line terminators (what `trim()` removes).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            true
        default:
            false
        }
    }

    /// Whether `text.trim() !== text`: white space at the start or the end.
    static func hasOuterWhitespace(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        return isWhitespace(first) || isWhitespace(last)
    }

    static func trimmed(_ text: String) -> Substring.UnicodeScalarView {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, isWhitespace(first) { scalars.removeFirst() }
        while let last = scalars.last, isWhitespace(last) { scalars.removeLast() }
        return scalars
    }

    // MARK: Number()

    /// JavaScript's `Number(text)`: trims white space; empty is 0; decimal (with exponent),
    /// `Infinity`, and `0x`/`0o`/`0b` integers; anything else is NaN.
    static func number(_ text: String) -> Double {
        // The usual value, a plain decimal ("1500", "-2.5"), reads the same in Swift.
        if !text.isEmpty, text.utf8.count < 64,
            text.utf8.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }),
            let value = Double(text)
        {
            return value
        }
        let scalars = Array(trimmed(text))
        if scalars.isEmpty { return 0 }
        let ascii = scalars.allSatisfy(\.isASCII)
        guard ascii else { return .nan }
        let bytes = scalars.map { UInt8($0.value) }
        switch bytes {
        case Array("Infinity".utf8), Array("+Infinity".utf8): return .infinity
        case Array("-Infinity".utf8): return -.infinity
        default: break
        }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            let radix: Double? =
                switch bytes[1] {
                case UInt8(ascii: "x"), UInt8(ascii: "X"): 16
                case UInt8(ascii: "o"), UInt8(ascii: "O"): 8
                case UInt8(ascii: "b"), UInt8(ascii: "B"): 2
                default: nil
                }
            if let radix {
                var value = 0.0
                for byte in bytes[2...] {
                    guard let digit = hexDigit(byte), Double(digit) < radix else { return .nan }
                    value = value * radix + Double(digit)
                }
                return value
            }
        }
        // StrDecimalLiteral: sign? (digits (. digits?)? | . digits) (e sign? digits)?
        var index = 0
        var sign = ""
        if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            if bytes[index] == UInt8(ascii: "-") { sign = "-" }
            index += 1
        }
        func digits() -> String {
            var result = ""
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                result.append(Character(Unicode.Scalar(bytes[index])))
                index += 1
            }
            return result
        }
        let integer = digits()
        var fraction = ""
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fraction = digits()
        }
        guard !integer.isEmpty || !fraction.isEmpty else { return .nan }
        var exponent = ""
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentSign = ""
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                if bytes[index] == UInt8(ascii: "-") { exponentSign = "-" }
                index += 1
            }
            let exponentDigits = digits()
            guard !exponentDigits.isEmpty else { return .nan }
            exponent = "e" + exponentSign + exponentDigits
        }
        guard index == bytes.count else { return .nan }
        let normalised = sign + (integer.isEmpty ? "0" : integer) + "." + (fraction.isEmpty ? "0" : fraction) + exponent
        return Double(normalised) ?? .nan
    }

    private static func hexDigit(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    // MARK: toFixed(4)

    /// `Number(x.toFixed(4))`: `x` rounded to four decimals from its exact binary value, ties
    /// away from zero, as ECMAScript specifies `toFixed`.
    static func roundedToFourDecimals(_ x: Double) -> Double {
        guard x.isFinite, x.magnitude < 1e21, x != 0 else { return x == 0 ? 0 : x }
        let magnitude = x.magnitude
        let mantissa: UInt64
        let binaryExponent: Int
        if magnitude.exponentBitPattern == 0 {
            mantissa = magnitude.significandBitPattern
            binaryExponent = -1074
        } else {
            mantissa = magnitude.significandBitPattern | (1 << 52)
            binaryExponent = Int(magnitude.exponentBitPattern) - 1075
        }
        // With at most four binary places (multiples of 1/16 = 0.0625) nothing needs rounding.
        if binaryExponent >= -4 { return x }
        // magnitude = mantissa / 2^k; the answer is round(mantissa * 10^4 / 2^k) / 10^4.
        let k = -binaryExponent
        let (high, low) = mantissa.multipliedFullWidth(by: 10_000)  // < 2^67, so `units` < 2^62
        var units: UInt64
        if k >= 68 {
            units = 0  // below half a unit
        } else if k < 64 {
            units = (high << (64 - k)) | (low >> k)
            let remainder = low & ((1 << k) - 1)
            if remainder >= (1 << (k - 1)) { units += 1 }
        } else {
            units = high >> (k - 64)
            let remainderHigh = high & ((1 << (k - 64)) - 1)
            if k == 64 {
                if low >= (1 << 63) { units += 1 }
            } else if remainderHigh >= (1 << (k - 65)) {
                units += 1
            }
        }
        var fraction = String(units % 10_000)
        while fraction.count < 4 { fraction = "0" + fraction }
        let text = (x < 0 ? "-" : "") + String(units / 10_000) + "." + fraction
        return Double(text) ?? x
    }

    // MARK: Date

    /// Milliseconds since 1970 for a date text, as JavaScript's `new Date(text)` reads it; `nil`
    /// where it gives an invalid date.
    ///
    /// Exact for the ISO 8601 forms (`2020-01-31`, `2020-01`, `2020`, `2020-01-31T10:00:00Z`,
    /// with offset or fraction); days past a month's end roll over as in V8 (`2021-02-29` is
    /// 1 March). Of V8's lenient fallback it takes `2020-1-5`, `2020/01/05`, `01/05/2020` and a
    /// space-separated time. Times without an offset are read as UTC, which is what the
    /// official validator (running in UTC) does.
    static func date(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        if let time = isoDate(bytes) { return time }
        return lenientDate(bytes)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index >= bytes.count }

        func peek(_ offset: Int = 0) -> UInt8? {
            index + offset < bytes.count ? bytes[index + offset] : nil
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek() == byte else { return false }
            index += 1
            return true
        }

        mutating func takeAny(_ choices: [UInt8]) -> UInt8? {
            guard let byte = peek(), choices.contains(byte) else { return nil }
            index += 1
            return byte
        }

        /// Exactly `count` digits.
        mutating func fixedDigits(_ count: Int) -> Int? {
            var value = 0
            for offset in 0..<count {
                guard let byte = peek(offset), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }

        /// Between `minimum` and `maximum` digits; the value and how many were read.
        mutating func digits(minimum: Int, maximum: Int) -> (value: Int, count: Int)? {
            var value = 0
            var count = 0
            while count < maximum, let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                index += 1
                count += 1
            }
            return count >= minimum ? (value, count) : nil
        }

        mutating func skipSpaces() {
            while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }
    }

    /// ECMAScript's date time string format (ISO 8601 subset).
    private static func isoDate(_ bytes: [UInt8]) -> Double? {
        var scanner = Scanner(bytes: bytes)
        let year: Int
        if let sign = scanner.takeAny([UInt8(ascii: "+"), UInt8(ascii: "-")]) {
            guard let digits = scanner.fixedDigits(6) else { return nil }
            if sign == UInt8(ascii: "-") && digits == 0 { return nil }
            year = sign == UInt8(ascii: "-") ? -digits : digits
        } else {
            guard let digits = scanner.fixedDigits(4) else { return nil }
            year = digits
        }
        var month = 1
        var day = 1
        if scanner.take(UInt8(ascii: "-")) {
            guard let value = scanner.fixedDigits(2) else { return nil }
            month = value
            if scanner.take(UInt8(ascii: "-")) {
                guard let value = scanner.fixedDigits(2) else { return nil }
                day = value
            }
        }
        var time = 0.0
        if scanner.takeAny([UInt8(ascii: "T"), UInt8(ascii: "t")]) != nil {
            guard let parsed = clockTime(&scanner, needsSeconds: false) else { return nil }
            time = parsed
            if scanner.takeAny([UInt8(ascii: "Z"), UInt8(ascii: "z")]) != nil {
                // UTC
            } else if let sign = scanner.takeAny([UInt8(ascii: "+"), UInt8(ascii: "-")]) {
                guard let hours = scanner.fixedDigits(2), scanner.take(UInt8(ascii: ":")),
                    let minutes = scanner.fixedDigits(2), hours <= 23, minutes <= 59
                else { return nil }
                let offset = Double(hours * 60 + minutes) * 60_000
                time += sign == UInt8(ascii: "+") ? -offset : offset
            }
        }
        guard scanner.atEnd else { return nil }
        return makeTime(year: year, month: month, day: day, milliseconds: time)
    }

    /// `HH:mm[:ss[.fff…]]` as milliseconds into the day; `24:00` allowed.
    private static func clockTime(_ scanner: inout Scanner, needsSeconds: Bool, flexibleHour: Bool = false) -> Double? {
        let hour: Int
        if flexibleHour {
            guard let parsed = scanner.digits(minimum: 1, maximum: 2) else { return nil }
            hour = parsed.value
        } else {
            guard let parsed = scanner.fixedDigits(2) else { return nil }
            hour = parsed
        }
        guard scanner.take(UInt8(ascii: ":")), let minute = scanner.fixedDigits(2) else { return nil }
        var second = 0
        var millisecond = 0
        if scanner.take(UInt8(ascii: ":")) {
            guard let value = scanner.fixedDigits(2) else { return nil }
            second = value
            if scanner.take(UInt8(ascii: ".")) {
                guard let fraction = scanner.digits(minimum: 1, maximum: Int.max) else { return nil }
                // Milliseconds: the first three digits, truncated.
                var value = fraction.value
                var count = fraction.count
                if count > 3 {
                    // Re-read the first three digits rather than dividing a possibly huge number.
                    let start = scanner.index - count
                    value = 0
                    for offset in 0..<3 { value = value * 10 + Int(scanner.bytes[start + offset] - UInt8(ascii: "0")) }
                    count = 3
                }
                while count < 3 {
                    value *= 10
                    count += 1
                }
                millisecond = value
            }
        } else if needsSeconds {
            return nil
        }
        guard hour <= 24, minute <= 59, second <= 59 else { return nil }
        if hour == 24 && (minute != 0 || second != 0 || millisecond != 0) { return nil }
        return Double(((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
    }

    /// The forms of V8's fallback parser that occur in practice.
    private static func lenientDate(_ original: [UInt8]) -> Double? {
        var scanner = Scanner(bytes: original)
        scanner.skipSpaces()
        guard let first = scanner.digits(minimum: 1, maximum: 6) else { return nil }
        guard let separator = scanner.takeAny([UInt8(ascii: "-"), UInt8(ascii: "/")]) else { return nil }
        guard let second = scanner.digits(minimum: 1, maximum: 2), scanner.take(separator),
            let third = scanner.digits(minimum: 1, maximum: 6)
        else { return nil }
        let year: Int
        let month: Int
        let day: Int
        if first.count >= 3 {
            (year, month, day) = (first.value, second.value, third.value)
            guard third.count <= 2 else { return nil }
        } else if separator == UInt8(ascii: "/") && third.count >= 3 {
            (year, month, day) = (third.value, first.value, second.value)
        } else {
            return nil
        }
        var time = 0.0
        let beforeTime = scanner.index
        scanner.skipSpaces()
        if scanner.index > beforeTime,
            scanner.peek().map({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) == true
        {
            guard let parsed = clockTime(&scanner, needsSeconds: false, flexibleHour: true) else { return nil }
            time = parsed
        }
        scanner.skipSpaces()
        if scanner.takeAny([UInt8(ascii: "Z"), UInt8(ascii: "z")]) != nil {
            // UTC
        } else if let sign = scanner.takeAny([UInt8(ascii: "+"), UInt8(ascii: "-")]) {
            guard let hours = scanner.fixedDigits(2) else { return nil }
            _ = scanner.take(UInt8(ascii: ":"))
            guard let minutes = scanner.fixedDigits(2), hours <= 23, minutes <= 59 else { return nil }
            let offset = Double(hours * 60 + minutes) * 60_000
            time += sign == UInt8(ascii: "+") ? -offset : offset
        }
        scanner.skipSpaces()
        guard scanner.atEnd else { return nil }
        return makeTime(year: year, month: month, day: day, milliseconds: time)
    }

    private static func makeTime(year: Int, month: Int, day: Int, milliseconds: Double) -> Double? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: 1) + day - 1
        let time = Double(days) * millisecondsPerDay + milliseconds
        guard time.magnitude <= maximumTime else { return nil }
        return time
    }

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        IATIDate.daysFromCivil(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DDTHH:mm:ss.sssZ`, as `Date.prototype.toISOString` writes it.
    static func isoString(_ milliseconds: Double) -> String {
        let totalMilliseconds = Int(milliseconds.rounded(.down))
        var days = totalMilliseconds / 86_400_000
        var rest = totalMilliseconds % 86_400_000
        if rest < 0 {
            rest += 86_400_000
            days -= 1
        }
        let (year, month, day) = IATIDate.civil(fromDays: days)
        func pad(_ value: Int, _ width: Int) -> String {
            var text = String(value.magnitude)
            while text.count < width { text = "0" + text }
            return text
        }
        let yearText = (0...9999).contains(year) ? pad(year, 4) : (year < 0 ? "-" : "+") + pad(year, 6)
        let hour = rest / 3_600_000
        let minute = rest / 60_000 % 60
        let second = rest / 1000 % 60
        let millisecond = rest % 1000
        return
            "\(yearText)-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(millisecond, 3))Z"
    }

    // MARK: RegExp

    /// A regular expression compiled to behave like JavaScript's `new RegExp(pattern)`: matched
    /// per Unicode scalar, `\d` and `\w` ASCII only, `^`/`$` at the ends of the text, `.` not
    /// matching line ends.
    static func regex(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        try Regex(pattern)
            .matchingSemantics(.unicodeScalar)
            .asciiOnlyDigits()
            .asciiOnlyWordCharacters()
    }
}
