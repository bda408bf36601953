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

    /// Escapes markup characters; characters XML 1.0 does not allow are dropped.
    static func escape(_ value: String, attribute: Bool, into out: inout String) {
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t":
                continue
            case _ where scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                continue
            default:
                out.unicodeScalars.append(scalar)
            }
        }
    }
}
