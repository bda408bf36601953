public import LibXML

/// Turns an element read from a file into its canonical form, guided by the catalogue:
/// children in schema order (extensions after them, in input order), attributes in schema
/// order (others after, sorted), text trimmed, numbers and booleans in normal form,
/// `xml:lang` made explicit on every narrative and `currency` on every value.
/// Nothing is dropped: what the standard does not know is kept and noted.
///
/// The work is done in place on the node it is given, which keeps conversion from copying
/// every record.
public struct Canonicaliser: Sendable {
    public init() {}

    /// What an element inherits from its ancestors.
    public struct Inherited: Sendable {
        public var language: String?
        public var currency: String?
        public init(language: String? = nil, currency: String? = nil) {
            self.language = language
            self.currency = currency
        }
    }

    /// The canonical form of `node`, which the catalogue describes as `spec`.
    public func canonical(_ node: consuming Node, spec: ElementSpec, inherited: Inherited, log: inout NoticeLog) -> Node {
        var result = node
        var path = [spec.name]
        canonicalise(&result, spec: spec, path: &path, inherited: inherited, log: &log)
        return result
    }

    private func canonicalise(_ node: inout Node, spec: ElementSpec, path: inout [String], inherited: Inherited, log: inout NoticeLog) {
        var scope = inherited
        for attribute in node.attributes {
            if attribute.name == "lang", attribute.namespace == XMLNamespace.xml {
                let language = Lexical.trimmed(attribute.value)
                if !language.isEmpty { scope.language = String(language) }
            } else if attribute.name == "default-currency", attribute.namespace == nil, spec.attribute("default-currency") != nil {
                let currency = Lexical.trimmed(attribute.value)
                if !currency.isEmpty { scope.currency = String(currency) }
            }
        }
        node.namespace = nil
        node.prefix = nil
        canonicaliseAttributes(&node, spec: spec, path: path, scope: scope, log: &log)
        canonicaliseText(&node, spec: spec, path: path, log: &log)

        var inOrder = true
        var hasOthers = false
        var previous = -1
        for index in node.children.indices {
            // The child's name read, not the child copied: a copy alive while the child is
            // changed in place would make it copy its attributes and children first.
            let name = node.children[index].name
            if node.children[index].namespace == nil, let order = spec.order(of: name) {
                path.append(name)
                canonicalise(&node.children[index], spec: spec.children[order].element, path: &path, inherited: scope, log: &log)
                path.removeLast()
                if hasOthers || order < previous { inOrder = false }
                previous = order
            } else {
                hasOthers = true
                note(unknown: node.children[index], spec: spec, path: path, log: &log)
                Self.trimExtension(&node.children[index])
                Self.noteMixedContent(node.children[index], path: path.joined(separator: "/"), log: &log)
            }
        }
        if !inOrder {
            // A stable sort: same-named siblings keep their input order; others go last.
            let keyed = node.children.enumerated().map { (key: $1.namespace == nil ? spec.order(of: $1.name) ?? Int.max : Int.max, position: $0, node: $1) }
            node.children = keyed.sorted { ($0.key, $0.position) < ($1.key, $1.position) }.map(\.node)
        }
    }

    private func note(unknown child: Node, spec: ElementSpec, path: [String], log: inout NoticeLog) {
        let where_ = path.joined(separator: "/") + "/" + child.qualifiedName
        if child.namespace == nil {
            log.record(Notice(
                kind: .unknownContent, line: child.line, path: where_,
                message: "element <\(child.name)> is not part of the standard inside <\(spec.name)>; kept as an extension"))
        } else {
            log.record(Notice(
                kind: .extensionKept, line: child.line, path: where_,
                message: "extension element <\(child.qualifiedName)> (\(child.namespace ?? "")) kept"))
        }
    }

    private static func matches(_ attribute: Attribute, _ spec: AttributeSpec) -> Bool {
        if spec.isXMLNamespace { return attribute.namespace == XMLNamespace.xml && attribute.name == spec.localName }
        return attribute.namespace == nil && attribute.name == spec.name
    }

    private func canonicaliseAttributes(_ node: inout Node, spec: ElementSpec, path: [String], scope: Inherited, log: inout NoticeLog) {
        var result: [Attribute] = []
        result.reserveCapacity(node.attributes.count + 1)
        var matched = 0
        for attributeSpec in spec.attributes {
            var raw = node.attributes.first { Self.matches($0, attributeSpec) }?.value
            if raw != nil {
                matched += 1
            } else {
                raw = inheritedValue(for: attributeSpec, spec: spec, node: node, path: path, scope: scope, log: &log)
            }
            guard let raw else { continue }
            let value: String
            if let normal = attributeSpec.type.normalised(raw) {
                value = normal
            } else {
                value = String(Lexical.trimmed(raw))
                log.record(Notice(
                    kind: .invalidValue, line: node.line, path: path.joined(separator: "/") + "/@" + attributeSpec.name,
                    message: "\(attributeSpec.name)=\"\(raw)\" is not a valid \(attributeSpec.type.rawValue); kept as written"))
            }
            result.append(attributeSpec.isXMLNamespace
                ? Attribute(name: attributeSpec.localName, namespace: XMLNamespace.xml, prefix: "xml", value: value)
                : Attribute(name: attributeSpec.name, value: value))
        }
        if matched < node.attributes.count {
            var others: [Attribute] = []
            for attribute in node.attributes where !spec.attributes.contains(where: { Self.matches(attribute, $0) }) {
                var kept = attribute
                kept.value = String(Lexical.trimmed(attribute.value))
                if attribute.namespace == XMLNamespace.xml {
                    kept.prefix = "xml"
                } else if attribute.namespace == nil {
                    log.record(Notice(
                        kind: .unknownContent, line: node.line, path: path.joined(separator: "/") + "/@" + attribute.name,
                        message: "attribute \(attribute.name)=\"\(attribute.value)\" is not part of the standard on <\(spec.name)>; kept as an extension"))
                } else {
                    log.record(Notice(
                        kind: .extensionKept, line: node.line, path: path.joined(separator: "/") + "/@" + attribute.qualifiedName,
                        message: "extension attribute \(attribute.qualifiedName) (\(attribute.namespace ?? "")) kept"))
                }
                others.append(kept)
            }
            others.sort { ($0.namespace ?? "", $0.name) < ($1.namespace ?? "", $1.name) }
            result += others
        }
        node.attributes = result
    }

    /// `xml:lang` of a narrative and `currency` of an amount, when the element has none:
    /// taken from the activity (or file), or noted as missing.
    private func inheritedValue(for attribute: AttributeSpec, spec: ElementSpec, node: Node, path: [String], scope: Inherited, log: inout NoticeLog) -> String? {
        if attribute.name == "xml:lang", spec.name == "narrative" {
            if let language = scope.language { return language }
            log.record(Notice(
                kind: .missingLanguage, line: node.line, path: path.joined(separator: "/"),
                message: "narrative has no xml:lang and neither its activity nor its file sets one"))
        } else if attribute.name == "currency", spec.name == "value" || spec.name == "forecast" || spec.name == "loan-status" {
            if let currency = scope.currency { return currency }
            log.record(Notice(
                kind: .missingCurrency, line: node.line, path: path.joined(separator: "/"),
                message: "amount has no currency and its activity has no default-currency"))
        }
        return nil
    }

    private func canonicaliseText(_ node: inout Node, spec: ElementSpec, path: [String], log: inout NoticeLog) {
        if node.text.isEmpty { return }
        let trimmed = Lexical.trimmed(node.text)
        guard let content = spec.content else {
            if !trimmed.isEmpty {
                log.record(Notice(
                    kind: .unexpectedText, line: node.line, path: path.joined(separator: "/"),
                    message: "<\(spec.name)> holds text \"\(trimmed.prefix(40))\" where the standard expects only elements; kept"))
            }
            node.text = String(trimmed)
            return
        }
        if trimmed.isEmpty || content == .string {
            if trimmed.utf8.count != node.text.utf8.count { node.text = String(trimmed) }
            return
        }
        if let normal = content.normalised(node.text) {
            node.text = normal
            return
        }
        log.record(Notice(
            kind: .invalidValue, line: node.line, path: path.joined(separator: "/"),
            message: "<\(spec.name)> text \"\(trimmed.prefix(40))\" is not a valid \(content.rawValue); kept as written"))
        node.text = String(trimmed)
    }

    /// An extension subtree with its text trimmed and attributes sorted, otherwise as read.
    static func trimmedExtension(_ node: Node) -> Node {
        var copy = node
        trimExtension(&copy)
        return copy
    }

    /// Notes each element of an extension (trimmed) that holds text and child elements together.
    private static func noteMixedContent(_ node: Node, path: String, log: inout NoticeLog) {
        let here = path + "/" + node.qualifiedName
        if !node.text.isEmpty && !node.children.isEmpty {
            log.record(Notice(kind: .extensionKept, line: node.line, path: here, message: Notice.mixedContent(node.qualifiedName)))
        }
        for child in node.children { noteMixedContent(child, path: here, log: &log) }
    }

    static func trimExtension(_ node: inout Node) {
        let text = Lexical.trimmed(node.text)
        if text.utf8.count != node.text.utf8.count { node.text = String(text) }
        for index in node.attributes.indices {
            let value = Lexical.trimmed(node.attributes[index].value)
            if value.utf8.count != node.attributes[index].value.utf8.count { node.attributes[index].value = String(value) }
        }
        node.attributes.sort { ($0.namespace ?? "", $0.name) < ($1.namespace ?? "", $1.name) }
        for index in node.children.indices { trimExtension(&node.children[index]) }
    }
}
