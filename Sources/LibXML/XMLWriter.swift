/// Serialises ``Node`` trees as indented XML text (two spaces per level, one element per line,
/// text kept inline), escaping text and attribute values.
///
/// Namespaces: the caller says which prefixes are already declared in scope; the writer
/// declares whatever else a subtree uses on that subtree's root element, one declaration per
/// prefix, sorted by prefix. Elements in a namespace without a prefix get a generated one.
public struct XMLWriter: Sendable {
    public init() {}

    /// The XML declaration line.
    public static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// A start tag with namespace declarations, for a document root written in pieces.
    public func startTag(
        _ name: String, attributes: [Attribute], declarations: [NamespaceDeclaration], into out: inout [UInt8]
    ) {
        out += "<"
        out += name
        for declaration in declarations.sorted(by: { ($0.prefix ?? "") < ($1.prefix ?? "") }) {
            out += declaration.prefix.map { " xmlns:\($0)=\"" } ?? " xmlns=\""
            appendEscapedAttribute(declaration.uri, to: &out)
            out += "\""
        }
        for attribute in attributes {
            out += " "
            out += attribute.qualifiedName
            out += "=\""
            appendEscapedAttribute(attribute.value, to: &out)
            out += "\""
        }
        out += ">"
    }

    /// Writes `node` at indentation `level`, declaring any namespace it uses that `scope`
    /// (prefix → URI) does not already declare.
    public func write(_ node: Node, level: Int, scope: [String: String], into out: inout [UInt8]) {
        var prefixes = NamespacePrefixes(scope: scope)
        prefixes.gather(node)
        prefixes.assign()
        write(node, level: level, prefixes: prefixes, declare: prefixes.newDeclarations, into: &out)
    }

    // Single bytes appended as bytes: a one-character string appended costs a call through the
    // generic `append(contentsOf:)`, and every element has eight or more of them.
    private func write(_ node: Node, level: Int, prefixes: NamespacePrefixes, declare: [NamespaceDeclaration], into out: inout [UInt8]) {
        Self.indent(level, into: &out)
        let name = prefixes.qualified(node.name, namespace: node.namespace, prefix: node.prefix)
        out.append(UInt8(ascii: "<"))
        out += name
        for declaration in declare {
            out += " xmlns:\(declaration.prefix ?? "")=\""
            appendEscapedAttribute(declaration.uri, to: &out)
            out.append(UInt8(ascii: "\""))
        }
        for attribute in node.attributes {
            out.append(UInt8(ascii: " "))
            out += prefixes.qualified(attribute.name, namespace: attribute.namespace, prefix: attribute.prefix)
            out.append(UInt8(ascii: "="))
            out.append(UInt8(ascii: "\""))
            appendEscapedAttribute(attribute.value, to: &out)
            out.append(UInt8(ascii: "\""))
        }
        if node.children.isEmpty && node.text.isEmpty {
            out += "/>\n"
            return
        }
        out.append(UInt8(ascii: ">"))
        appendEscapedText(node.text, to: &out)
        if !node.children.isEmpty {
            out.append(0x0A)
            for child in node.children {
                write(child, level: level + 1, prefixes: prefixes, declare: [], into: &out)
            }
            Self.indent(level, into: &out)
        }
        out.append(UInt8(ascii: "<"))
        out.append(UInt8(ascii: "/"))
        out += name
        out.append(UInt8(ascii: ">"))
        out.append(0x0A)
    }

    /// Two spaces per level.
    private static func indent(_ level: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    /// Escapes `&`, `<`, `>` and carriage returns in text.
    public func appendEscapedText(_ text: String, to out: inout [UInt8]) {
        Self.appendEscaped(text, attribute: false, to: &out)
    }

    /// Escapes `&`, `<`, `"` and white space that attribute normalisation would change.
    public func appendEscapedAttribute(_ text: String, to out: inout [UInt8]) {
        Self.appendEscaped(text, attribute: true, to: &out)
    }

    /// `text` escaped for element content (for callers building a `String`).
    public static func escapedText(_ text: String) -> String { escaped(text, attribute: false) }

    /// `text` escaped for an attribute value in double quotes (for callers building a `String`).
    public static func escapedAttribute(_ text: String) -> String { escaped(text, attribute: true) }

    private static func escaped(_ text: String, attribute: Bool) -> String {
        var bytes: [UInt8] = []
        appendEscaped(text, attribute: attribute, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a byte of UTF-8 text may need escaping (or replacing) in text or in an attribute:
    /// `&` `<` `>`, a control (carriage return among them; tab and line feed too, which the
    /// slow road keeps in text), the first byte of U+FFFE and U+FFFF, and in an attribute `"`.
    /// One bit test for the bytes below 64, where all but one of them are.
    @inline(__always)
    private static func needsWork(_ byte: UInt8, attribute: Bool) -> Bool {
        byte < 64 ? (attribute ? attributeBytes : textBytes) >> UInt64(byte) & 1 != 0 : byte == 0xEF
    }

    /// The bytes below 64 that ``needsWork(_:attribute:)`` holds, as bits: 0x00–0x1F, `&`
    /// (0x26), `<` (0x3C) and `>` (0x3E); for an attribute `"` (0x22) too.
    private static let textBytes: UInt64 = 0x5000_0040_FFFF_FFFF
    private static let attributeBytes: UInt64 = 0x5000_0044_FFFF_FFFF

    /// ``appendEscaped(_:attribute:to:)`` for valid UTF-8 bytes.
    public static func appendEscaped(bytes: UnsafeBufferPointer<UInt8>, attribute: Bool, to out: inout [UInt8]) {
        guard bytes.contains(where: { needsWork($0, attribute: attribute) }) else {
            out.append(contentsOf: bytes)
            return
        }
        appendEscaped(String(decoding: bytes, as: UTF8.self), attribute: attribute, to: &out)
    }

    /// The one escaping routine. Characters XML 1.0 does not allow at all (controls other than
    /// tab, line feed and carriage return; U+FFFE, U+FFFF), which can only come from input that
    /// was not XML (JSON, code), are written as U+FFFD so the output stays well-formed.
    public static func appendEscaped(_ text: String, attribute: Bool, to out: inout [UInt8]) {
        // Most texts need nothing: a native string's bytes are checked and copied in place.
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { needsWork($0, attribute: attribute) }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true { return }
        if copied == nil, !text.utf8.contains(where: { needsWork($0, attribute: attribute) }) {
            out += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where attribute: out += "&quot;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\t", "\n": out.append(scalar: scalar)
            case _ where !XMLSyntax.isCharacter(scalar):
                out.append(scalar: "\u{FFFD}")
            default: out.append(scalar: scalar)
            }
        }
    }
}

/// Which prefix each namespace URI gets inside one written subtree: the prefixes in scope
/// first, then each namespace the subtree uses (``note(_:_:)``, in document order) its own
/// preferred prefix, or `ns1`, `ns2`, … where that is taken or missing (``assign()``).
public struct NamespacePrefixes {
    private var prefixForURI: [String: String] = [:]
    private var uriForPrefix: [String: String]
    /// The declarations the subtree's root must make, sorted by prefix (after ``assign()``).
    public private(set) var newDeclarations: [NamespaceDeclaration] = []
    private var pending: [(uri: String, prefix: String?)] = []

    /// Starts with the prefixes in scope (prefix → URI); `xml` is always bound.
    public init(scope: [String: String]) {
        self.uriForPrefix = scope
        uriForPrefix["xml"] = XMLNamespace.xml
        for (prefix, uri) in scope where prefixForURI[uri] == nil || prefix < (prefixForURI[uri] ?? "") {
            prefixForURI[uri] = prefix
        }
        prefixForURI[XMLNamespace.xml] = "xml"
    }

    /// Notes the namespaces a node's subtree uses, in document order.
    mutating func gather(_ node: Node) {
        if let uri = node.namespace { note(uri, node.prefix) }
        for attribute in node.attributes {
            if let uri = attribute.namespace { note(uri, attribute.prefix) }
        }
        for child in node.children { gather(child) }
    }

    /// Notes a namespace the subtree uses, with the prefix the input gave it.
    public mutating func note(_ uri: String, _ prefix: String?) {
        guard prefixForURI[uri] == nil, !pending.contains(where: { $0.uri == uri }) else { return }
        pending.append((uri, prefix))
    }

    /// Gives every noted namespace its prefix.
    public mutating func assign() {
        for (uri, preferred) in pending where prefixForURI[uri] == nil {
            var prefix = preferred ?? ""
            if prefix.isEmpty || uriForPrefix[prefix] != nil {
                var counter = 1
                while uriForPrefix["ns\(counter)"] != nil { counter += 1 }
                prefix = "ns\(counter)"
            }
            prefixForURI[uri] = prefix
            uriForPrefix[prefix] = uri
            newDeclarations.append(NamespaceDeclaration(prefix: prefix, uri: uri))
        }
        newDeclarations.sort { ($0.prefix ?? "") < ($1.prefix ?? "") }
    }

    /// `prefix:name` for a name in a namespace, the bare name otherwise.
    public func qualified(_ name: String, namespace: String?, prefix: String?) -> String {
        guard let namespace, let assigned = prefixForURI[namespace] else { return name }
        return "\(assigned):\(name)"
    }
}
