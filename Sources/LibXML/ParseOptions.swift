internal import CLibXML2

/// How the reader parses. The defaults are safe for untrusted input.
public struct ParseOptions: Sendable, Hashable {
    /// Report line numbers past 65,535 correctly (`XML_PARSE_BIG_LINES`). Always on.
    public var bigLines = true
    /// Keep CDATA sections as text (they are always kept; this only chooses merging).
    public var mergeCDATA = true
    /// Lift libxml2's size limits for single text nodes and names (`XML_PARSE_HUGE`).
    /// Off by default: those limits protect against hostile input.
    public var huge = false

    public init() {}

    /// No network, no external entities, no DTD loading, entity expansion bounded by libxml2.
    public static let `default` = ParseOptions()

    var flags: Int32 {
        // XML_PARSE_NONET: never touch the network. NOENT and DTDLOAD are deliberately absent,
        // so external entities and DTDs are never loaded and entities are not substituted.
        var value = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOXINCNODE.rawValue)
        if bigLines { value |= Int32(XML_PARSE_BIG_LINES.rawValue) }
        if mergeCDATA { value |= Int32(XML_PARSE_NOCDATA.rawValue) }
        if huge { value |= Int32(XML_PARSE_HUGE.rawValue) }
        return value
    }
}

/// libxml2's global initialisation, done once before any parse or schema use (it is not
/// thread-safe before libxml2 2.15, so every entry point goes through here first).
enum LibXML2Runtime {
    static let initialised: Bool = {
        xmlInitParser()
        xmlSchemaInitTypes()
        return true
    }()

    @inline(__always) static func ensure() { _ = initialised }
}

/// Copies a libxml2 string and frees nothing (for strings the caller does not own).
@inline(__always)
func swiftString(_ pointer: UnsafePointer<xmlChar>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
}

/// Copies a libxml2 string the caller owns, then frees it.
@inline(__always)
func swiftStringFreeing(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
    guard let pointer else { return nil }
    defer { iatix_xmlFree(pointer) }
    return String(cString: pointer)
}
