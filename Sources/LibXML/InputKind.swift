/// What an input turned out to be when it is not the XML a reader expects: told from its
/// first bytes (and, for encodings, from libxml2's error), so that the message names the
/// input and what to do instead of repeating libxml2's words ("Document is empty" for a PDF).
public enum InputKind: String, Sendable, Hashable, CaseIterable {
    case empty, pdf, zip, png, jpeg, gif, html, json
    /// Bytes that are not text (NUL bytes, not UTF-16).
    case binary
    /// Bytes that are not in the encoding the file declares (or UTF-8, when it declares none).
    case wrongEncoding = "wrong-encoding"
    /// An encoding declaration libxml2 does not know.
    case unknownEncoding = "unknown-encoding"
    /// Well-formed XML, but not the kind of document expected: set by the caller that knows
    /// which root it expects (this module does not).
    case otherXML = "other-xml"

    /// `error` (libxml2's, or the reader's "Document is empty") with the input named, when
    /// its first bytes or its error code tell what it is; otherwise `error` unchanged.
    /// - Parameter head: the input's first bytes (``SniffingSource/peekedBytes``).
    public static func naming(_ error: XMLError, head: [UInt8]) -> XMLError {
        guard error.inputKind == nil, let kind = classify(error, head: head) else { return error }
        var named = error
        named.inputKind = kind
        named.message = kind.message(error: error, head: head)
        if kind != .wrongEncoding && kind != .unknownEncoding {
            named.line = 1
            named.column = 0
        }
        return named
    }

    /// The kind of input `head` shows, given that libxml2 refused it with `error`.
    static func classify(_ error: XMLError, head: [UInt8]) -> InputKind? {
        let start = Array(XMLSyntax.afterByteOrderMark(head))
        if !start.contains(where: { !isSpace($0) }) { return .empty }
        if start.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if start.starts(with: [0x50, 0x4B, 0x03, 0x04]) || start.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if start.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return .png }
        if start.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if start.starts(with: Array("GIF8".utf8)) { return .gif }
        let significant = start.drop { isSpace($0) }
        if let first = significant.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return .json }
        if looksLikeHTML(significant) { return .html }
        let isUTF16 = head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0x00, 0x3C]) || head.starts(with: [0x3C, 0x00])
        if !isUTF16, head.contains(0) { return .binary }
        if error.code == 31 || error.code == 32 { return .unknownEncoding }  // XML_ERR_UNKNOWN_ENCODING, XML_ERR_UNSUPPORTED_ENCODING
        if error.code == 81 || error.message.hasPrefix("Input is not proper UTF-8") { return .wrongEncoding }  // XML_ERR_INVALID_ENCODING
        return nil
    }

    /// `<!DOCTYPE html`, or `<html` after an optional XML declaration, in any case.
    private static func looksLikeHTML(_ bytes: ArraySlice<UInt8>) -> Bool {
        var text = String(decoding: bytes.prefix(512), as: UTF8.self).lowercased()
        if text.hasPrefix("<?xml"), let end = text.firstRange(of: "?>") { text = String(text[end.upperBound...].drop { $0.isWhitespace }) }
        while text.hasPrefix("<!--"), let end = text.firstRange(of: "-->") { text = String(text[end.upperBound...].drop { $0.isWhitespace }) }
        return text.hasPrefix("<!doctype html") || text.hasPrefix("<html")
    }

    /// One line: what the input is, and what to do.
    func message(error: XMLError, head: [UInt8]) -> String {
        switch self {
        case .empty: "the file is empty (no XML at all): check that the export or download finished, and send the file again"
        case .pdf: "a PDF document, not XML: a report cannot be read as data; ask for the XML file itself"
        case .zip: "a ZIP archive, not XML: name it with .zip so that iatix reads the XML files inside it, or unpack it first"
        case .png, .jpeg, .gif: "a \(rawValue.uppercased()) image, not XML: ask for the XML file itself"
        case .html: "an HTML web page, not XML: the link gave a web page (a login, error or landing page) instead of the file; download the XML file itself"
        case .json: "JSON, not XML: iatix's normalised JSON is read by `iatix convert FILE --from json --to xml`; other JSON has to be turned into XML first"
        case .binary: "a binary file, not XML (it holds NUL bytes): check that this is the file meant, not a compressed or office document"
        case .wrongEncoding: wrongEncodingMessage(error: error, head: head)
        case .unknownEncoding:
            "the file declares the encoding \"\(Self.declaredEncoding(head) ?? "?")\", which is not known: declare the encoding the file is really in (UTF-8, windows-1258, ISO-8859-1, UTF-16) or save it as UTF-8"
        case .otherXML: error.message
        }
    }

    private func wrongEncodingMessage(error: XMLError, head: [UInt8]) -> String {
        let declared = Self.declaredEncoding(head)
        let bytes = error.message.firstRange(of: "Bytes: ").map { " (" + error.message[$0.upperBound...].trimmingSuffixSpace() + ")" } ?? ""
        let claim = declared.map { "while the file declares \($0)" } ?? "while the file declares no encoding (so UTF-8)"
        return "bytes that are not \(declared ?? "UTF-8")\(bytes), \(claim): the file is in another encoding (windows-1258 or ISO-8859-1, for instance); declare it in the first line, <?xml version=\"1.0\" encoding=\"windows-1258\"?>, or save the file as UTF-8"
    }

    /// The `encoding` of the XML declaration at the start of `head`, if any.
    static func declaredEncoding(_ head: [UInt8]) -> String? {
        let text = String(decoding: head.prefix(256), as: UTF8.self)
        guard text.hasPrefix("<?xml") || text.hasPrefix("\u{FEFF}<?xml"), let end = text.firstRange(of: "?>") else { return nil }
        let declaration = text[..<end.lowerBound]
        guard let key = declaration.firstRange(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }
}

extension Substring {
    fileprivate func trimmingSuffixSpace() -> String {
        var text = String(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
