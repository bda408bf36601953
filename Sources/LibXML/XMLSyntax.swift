/// What XML 1.0 (fifth edition) allows, for text that is to be written as XML and read again:
/// the characters a document may hold, and names without colons (Namespaces in XML's NCName).
/// libxml2's `xmlValidateNCName` is not used: it follows the fourth edition's character
/// classes and refuses names its own parser reads (`⁰a`).
public enum XMLSyntax {
    /// The UTF-8 byte order mark, which some tools (Windows ones) write before a file's text.
    public static let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// `bytes` after a UTF-8 byte order mark; all of them without one.
    public static func afterByteOrderMark<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bytes.SubSequence {
        bytes.starts(with: utf8ByteOrderMark) ? bytes.dropFirst(utf8ByteOrderMark.count) : bytes[...]
    }

    /// Whether XML 1.0's Char production allows `scalar`: tab, line feed, carriage return,
    /// and U+0020 on, but U+FFFE and U+FFFF (surrogates are never scalars).
    public static func isCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xFFFD, 0x10000...: true
        default: false
        }
    }

    /// Whether `text` is an NCName: a name start character, then name characters.
    public static func isNCName(_ text: String) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next(), isNameStart(first.value) else { return false }
        while let scalar = scalars.next() {
            guard isNameStart(scalar.value) || isNameOther(scalar.value) else { return false }
        }
        return true
    }

    private static func isNameStart(_ v: UInt32) -> Bool {
        switch v {
        case 0x41...0x5A, 0x5F, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF,
            0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD,
            0x10000...0xEFFFF:
            true
        default: false
        }
    }

    private static func isNameOther(_ v: UInt32) -> Bool {
        switch v {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: true
        default: false
        }
    }
}
