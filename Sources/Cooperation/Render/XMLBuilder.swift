import LibXML
/// A small XML writer: elements with attributes in the order given, two-space indentation,
/// text and attribute values escaped; `nil` attributes are left out.
struct XMLBuilder {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var depth = 0

    mutating func element(_ name: String, _ attributes: [(String, String?)] = [], text content: String? = nil, _ body: ((inout XMLBuilder) -> Void)? = nil) {
        text += String(repeating: "  ", count: depth) + "<" + name
        for (key, value) in attributes {
            guard let value else { continue }
            text += " \(key)=\""
            Self.escape(value, attribute: true, into: &text)
            text += "\""
        }
        if let content {
            text += ">"
            Self.escape(content, attribute: false, into: &text)
            text += "</\(name)>\n"
        } else if let body {
            text += ">\n"
            depth += 1
            body(&self)
            depth -= 1
            text += String(repeating: "  ", count: depth) + "</\(name)>\n"
        } else {
            text += "/>\n"
        }
    }

    /// Escapes markup characters (LibXML's writer: characters XML 1.0 does not allow become U+FFFD).
    static func escape(_ value: String, attribute: Bool, into out: inout String) {
        out += attribute ? XMLWriter.escapedAttribute(value) : XMLWriter.escapedText(value)
    }
}
