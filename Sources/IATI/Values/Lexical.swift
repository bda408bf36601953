/// The lexical rules of the XML Schema datatypes IATI uses, and the normal form iatix writes.
extension DataType {
    /// Whether `text` (already trimmed of surrounding white space) is a valid lexical form.
    public func accepts(_ text: Substring) -> Bool {
        if self == .string { return true }
        var text = text
        return text.withUTF8 { accepts(bytes: $0) }
    }

    /// ``accepts(_:)`` over UTF-8 bytes.
    func accepts(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .string: return true
        case .decimal: return Lexical.isDecimal(bytes)
        case .integer: return Lexical.isInteger(bytes)
        case .int: return Lexical.isInteger(bytes) && Lexical.isInt32(bytes)
        case .nonNegativeInteger:
            return Lexical.isInteger(bytes) && (bytes.first != UInt8(ascii: "-") || Lexical.isZero(bytes))
        case .positiveInteger:
            return Lexical.isInteger(bytes) && bytes.first != UInt8(ascii: "-") && !Lexical.isZero(bytes)
        case .boolean: return Lexical.isBoolean(bytes)
        case .date: return Lexical.isDate(bytes)
        case .dateTime: return Lexical.isDateTime(bytes)
        // libxml2's schema engine (the reference) escapes what a URI may not hold and accepts
        // the rest, so every string is taken as an anyURI, as there.
        case .anyURI: return true
        case .language: return Lexical.isLanguage(bytes)
        case .nmtoken: return !bytes.isEmpty && !bytes.contains { Lexical.isSpace($0) }
        }
    }

    /// The form iatix writes: numbers as minimal JSON-compatible numerals (exact: no
    /// rounding, trailing fraction zeros kept), booleans as `1`/`0`, other types trimmed.
    /// `nil` when `text` is not valid for the type (the caller keeps it as it is and reports it).
    public func normalised(_ raw: String) -> String? {
        let text = Lexical.trimmed(raw)
        if self == .string {
            // Nothing trimmed (almost every value) is told by the bytes; counting characters
            // walks the whole text. (Where a space before a combining mark is trimmed, as many
            // characters are left as before: such a text is kept as it is.)
            if text.utf8.count == raw.utf8.count { return raw }
            return text.count == raw.count ? raw : String(text)
        }
        guard accepts(text) else { return nil }
        switch self {
        case .decimal, .integer, .int, .nonNegativeInteger, .positiveInteger:
            return Lexical.isNormalNumber(text) ? String(text) : Lexical.normalisedNumber(text)
        case .boolean:
            return text == "true" || text == "1" ? "1" : "0"
        default:
            return text.utf8.count == raw.utf8.count ? raw : String(text)
        }
    }
}

/// Byte-level checks behind ``DataType/accepts(_:)``.
enum Lexical {
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// `text` without the XML white space around it.
    static func trimmed(_ text: String) -> Substring {
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, !isSpace(first), !isSpace(last) { return text[...] }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }),
            let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return Substring(text.utf8[first...last])
    }

    static func isBoolean(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        switch b.count {
        case 1: return b[0] == UInt8(ascii: "1") || b[0] == UInt8(ascii: "0")
        case 4: return b.elementsEqual("true".utf8)
        case 5: return b.elementsEqual("false".utf8)
        default: return false
        }
    }

    /// Already in the form ``normalisedNumber(_:)`` gives: no sign but `-`, no needless
    /// leading zero, digits on both sides of a point, not a negative zero.
    static func isNormalNumber(_ text: Substring) -> Bool {
        var text = text
        return text.withUTF8 { b in
            var i = 0
            if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
            let start = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            let integerDigits = i - start
            guard integerDigits > 0, integerDigits == 1 || b[start] != UInt8(ascii: "0") else { return false }
            var nonZero = b[start..<i].contains { $0 != UInt8(ascii: "0") }
            if i < b.count {
                guard b[i] == UInt8(ascii: "."), i + 1 < b.count else { return false }
                i += 1
                let fraction = i
                while i < b.count, isDigit(b[i]) { i += 1 }
                nonZero = nonZero || b[fraction..<i].contains { $0 != UInt8(ascii: "0") }
            }
            return i == b.count && (nonZero || b.first != UInt8(ascii: "-"))
        }
    }

    /// `[+-]? (digits (. digits?)? | . digits)`
    static func isDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        var digits = 0
        while i < b.count, isDigit(b[i]) { i += 1; digits += 1 }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) { i += 1; digits += 1 }
        }
        return digits > 0 && i == b.count
    }

    static func isInteger(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        let start = i
        while i < b.count, isDigit(b[i]) { i += 1 }
        return i > start && i == b.count
    }

    /// Whether an integer (``isInteger(_:)``) lies in the range of `xsd:int` (32 bits).
    static func isInt32(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let negative = b.first == UInt8(ascii: "-")
        let digits = b.drop { !isDigit($0) }.drop { $0 == UInt8(ascii: "0") }
        guard digits.count <= 10 else { return false }
        let magnitude = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        return magnitude <= (negative ? 2_147_483_648 : 2_147_483_647)
    }

    static func isZero(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.allSatisfy { isDigit($0) ? $0 == UInt8(ascii: "0") : true }
    }

    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, count: Int) -> Int? {
        var value = 0
        for _ in 0..<count {
            guard i < b.count, isDigit(b[i]) else { return nil }
            value = value * 10 + Int(b[i] - 0x30)
            i += 1
        }
        return value
    }

    /// `-?YYYY-MM-DD`, a real calendar day, then an optional zone.
    static func isDate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        guard datePart(b, &i) else { return false }
        return zone(b, &i) && i == b.count
    }

    /// `date T hh:mm:ss(.s+)?` then an optional zone.
    static func isDateTime(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        guard datePart(b, &i), i < b.count, b[i] == UInt8(ascii: "T") else { return false }
        i += 1
        guard let hour = number(b, &i, count: 2), i < b.count, b[i] == UInt8(ascii: ":") else { return false }
        i += 1
        guard let minute = number(b, &i, count: 2), i < b.count, b[i] == UInt8(ascii: ":") else { return false }
        i += 1
        guard let second = number(b, &i, count: 2) else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            if i == start { return false }
        }
        let valid = (hour < 24 && minute < 60 && second < 60) || (hour == 24 && minute == 0 && second == 0)
        return valid && zone(b, &i) && i == b.count
    }

    private static func datePart(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Bool {
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        let start = i
        var year = 0
        while i < b.count, isDigit(b[i]) {
            year = year &* 10 &+ Int(b[i] - 0x30)
            i += 1
        }
        let yearDigits = i - start
        // Four digits or more, no leading zero past four; year 0000 does not exist.
        guard yearDigits >= 4, yearDigits == 4 || b[start] != UInt8(ascii: "0"), year != 0 else { return false }
        guard i < b.count, b[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard let month = number(b, &i, count: 2), i < b.count, b[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard let day = number(b, &i, count: 2), (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `Z` or `±hh:mm` (up to 14:00), or nothing.
    private static func zone(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Bool {
        guard i < b.count else { return true }
        if b[i] == UInt8(ascii: "Z") {
            i += 1
            return true
        }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard let hours = number(b, &i, count: 2), i < b.count, b[i] == UInt8(ascii: ":") else { return false }
        i += 1
        guard let minutes = number(b, &i, count: 2) else { return false }
        return minutes < 60 && (hours < 14 || (hours == 14 && minutes == 0))
    }

    /// `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`
    static func isLanguage(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        var first = true
        while true {
            let start = i
            while i < b.count, isAlpha(b[i]) || (!first && isDigit(b[i])) { i += 1 }
            let length = i - start
            guard length >= 1, length <= 8 else { return false }
            if i == b.count { return true }
            guard b[i] == UInt8(ascii: "-") else { return false }
            i += 1
            first = false
        }
    }

    private static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    /// A JSON number in exponent form (`1.25e3`, `5E-2`) written out in plain notation, exactly
    /// (`1250`, `0.05`), as XML's decimals are; `nil` for one without an exponent, or with one
    /// so large (over 400) that writing it out would make a text of that many digits.
    static func plainNumber(json text: String) -> String? {
        guard let mark = text.utf8.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
            let exponent = Int(text[text.index(after: mark)...]), abs(exponent) <= 400
        else { return nil }
        var mantissa = text[..<mark]
        let negative = mantissa.hasPrefix("-")
        if negative || mantissa.hasPrefix("+") { mantissa = mantissa.dropFirst() }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let digits = Array(whole + (parts.count > 1 ? parts[1] : ""))
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let point = whole.count + exponent
        let plain: String
        if point <= 0 {
            plain = "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            plain = String(digits) + String(repeating: "0", count: point - digits.count)
        } else {
            plain = String(digits[..<point]) + "." + String(digits[point...])
        }
        return normalisedNumber(Substring((negative ? "-" : "") + plain))
    }

    /// A valid xsd numeral as a JSON numeral: no `+`, no leading zeros, a digit on both
    /// sides of the point. The value and the fraction digits are kept exactly.
    static func normalisedNumber(_ text: Substring) -> String {
        var bytes = Array(text.utf8)
        var sign: [UInt8] = []
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            if first == UInt8(ascii: "-") { sign = [first] }
            bytes.removeFirst()
        }
        var integer = bytes.prefix { $0 != UInt8(ascii: ".") }
        var fraction = bytes.count > integer.count ? Array(bytes[(integer.count + 1)...]) : []
        while integer.count > 1, integer.first == UInt8(ascii: "0") { integer.removeFirst() }
        if integer.isEmpty { integer = [UInt8(ascii: "0")] }
        if fraction.isEmpty { fraction = [] }
        let isZero = integer.allSatisfy { $0 == UInt8(ascii: "0") } && fraction.allSatisfy { $0 == UInt8(ascii: "0") }
        var result = isZero ? [] : sign
        result += integer
        if !fraction.isEmpty { result += [UInt8(ascii: ".")] + fraction }
        return String(decoding: result, as: UTF8.self)
    }
}
