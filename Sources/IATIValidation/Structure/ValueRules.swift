import IATI
import LibXML

/// The lexical checks of attribute values and text, as the XSD validator makes them.
enum ValueRules {
    /// Whether `raw` (as the parser delivered it) is a valid value of `type`. White space
    /// around the value is allowed for every type (the XSD collapses it) and kept for strings.
    static func accepts(_ raw: String, as type: DataType) -> Bool {
        switch type {
        case .string:
            return true
        case .anyURI:
            // libxml2 escapes what a URI may not hold before parsing it, so its anyURI is far
            // more lenient than RFC 3986: ask it.
            return XSDBuiltinType.accepts(raw, type: "anyURI") ?? true
        default:
            return type.accepts(raw.trimmedXML)
        }
    }

    /// Whether `raw` is a valid attribute of the XML namespace, as `xml.xsd` declares them;
    /// attributes it does not declare are accepted (the schemas process them laxly).
    static func acceptsXMLAttribute(_ name: String, _ raw: String) -> Bool {
        switch name {
        case "lang":
            // xml.xsd: xsd:language, or the empty string.
            if raw.isEmpty { return true }
            let trimmed = raw.trimmedXML
            return !trimmed.isEmpty && DataType.language.accepts(trimmed)
        case "space":
            let trimmed = raw.trimmedXML
            return trimmed == "default" || trimmed == "preserve"
        case "base":
            return accepts(raw, as: .anyURI)
        case "id":
            let trimmed = raw.trimmedXML
            return !trimmed.isEmpty && !trimmed.contains(":") && DataType.nmtoken.accepts(trimmed)
        default:
            return true
        }
    }

    /// What a valid value of `type` looks like, for messages.
    static func describe(_ type: DataType) -> String {
        switch type {
        case .string: "text (xsd:string)"
        case .decimal: "a decimal number such as 1250.50, without exponent or thousands separators (xsd:decimal)"
        case .integer: "a whole number (xsd:integer)"
        case .int: "a whole number from -2147483648 to 2147483647 (xsd:int)"
        case .nonNegativeInteger: "a whole number, 0 or more (xsd:nonNegativeInteger)"
        case .positiveInteger: "a whole number, 1 or more (xsd:positiveInteger)"
        case .boolean: "true, false, 1 or 0 (xsd:boolean)"
        case .date: "a date as YYYY-MM-DD (xsd:date)"
        case .dateTime: "a date and time as YYYY-MM-DDThh:mm:ss, optionally with a time zone (xsd:dateTime)"
        case .anyURI: "a URI (xsd:anyURI)"
        case .language: "a language code such as en or fr-CA (xsd:language)"
        case .nmtoken: "a name without spaces (xsd:NMTOKEN)"
        }
    }

    /// A value quoted for a message, shortened when long.
    static func quote(_ value: String) -> String {
        var text = value.count > 60 ? String(value.prefix(57)) + "..." : value
        text = text.replacingNewlines()
        return "\"\(text)\""
    }
}

extension String {
    func replacingNewlines() -> String {
        guard utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return self }
        return String(map { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" ? " " : $0 })
    }
}
