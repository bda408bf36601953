public import LibXML

/// Turns an element read from a file into its canonical form, guided by the catalogue:
/// children in schema order (extensions after them, in input order), attributes in schema
/// order (others after, sorted), text trimmed, numbers and booleans in normal form,
/// `xml:lang` made explicit on every narrative and `currency` on every value.
/// Nothing is dropped: what the standard does not know is kept and noted.
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
    public func canonical(_ node: Node, spec: ElementSpec, inherited: Inherited, log: inout NoticeLog) -> Node {
        canonical(node, spec: spec, path: spec.name, inherited: inherited, log: &log)
    }

    private func canonical(_ node: Node, spec: ElementSpec, path: String, inherited: Inherited, log: inout NoticeLog) -> Node {
        var scope = inherited
        if let language = node.attribute("lang", namespace: XMLNamespace.xml).map(Lexical.trimmed), !language.isEmpty {
            scope.language = String(language)
        }
        if spec.attribute("default-currency") != nil,
            let currency = node.attribute("default-currency").map(Lexical.trimmed), !currency.isEmpty
        {
            scope.currency = String(currency)
        }

        var result = Node(name: node.name, namespace: nil, prefix: nil, line: node.line)
        result.attributes = canonicalAttributes(node, spec: spec, path: path, scope: scope, log: &log)
        result.text = canonicalText(node, spec: spec, path: path, log: &log)

        var known: [(order: Int, node: Node)] = []
        var others: [Node] = []
        for child in node.children {
            if child.namespace == nil, let index = spec.order(of: child.name) {
                let childSpec = spec.children[index].element
                known.append((index, canonical(child, spec: childSpec, path: path + "/" + child.name, inherited: scope, log: &log)))
            } else {
                if child.namespace == nil {
                    log.record(Notice(
                        kind: .unknownContent, line: child.line, path: path + "/" + child.name,
                        message: "element <\(child.name)> is not part of the standard inside <\(spec.name)>; kept as an extension"))
                } else {
                    log.record(Notice(
                        kind: .extensionKept, line: child.line, path: path + "/" + child.qualifiedName,
                        message: "extension element <\(child.qualifiedName)> (\(child.namespace ?? "")) kept"))
                }
                others.append(Self.trimmedExtension(child))
            }
        }
        // A stable sort: same-named siblings keep their input order.
        known.sort { $0.order < $1.order }
        result.children = known.map(\.node) + others
        return result
    }

    private func canonicalAttributes(_ node: Node, spec: ElementSpec, path: String, scope: Inherited, log: inout NoticeLog) -> [Attribute] {
        var byName: [String: String] = [:]
        var others: [Attribute] = []
        for attribute in node.attributes {
            let key = attribute.namespace == XMLNamespace.xml ? "xml:" + attribute.name : attribute.name
            if attribute.namespace == nil || attribute.namespace == XMLNamespace.xml, spec.attribute(key) != nil {
                byName[key] = attribute.value
                continue
            }
            var kept = attribute
            kept.value = String(Lexical.trimmed(attribute.value))
            if attribute.namespace == XMLNamespace.xml {
                kept.prefix = "xml"
            } else if attribute.namespace == nil {
                log.record(Notice(
                    kind: .unknownContent, line: node.line, path: path + "/@" + attribute.name,
                    message: "attribute \(attribute.name)=\"\(attribute.value)\" is not part of the standard on <\(spec.name)>; kept as an extension"))
            } else {
                log.record(Notice(
                    kind: .extensionKept, line: node.line, path: path + "/@" + attribute.qualifiedName,
                    message: "extension attribute \(attribute.qualifiedName) (\(attribute.namespace ?? "")) kept"))
            }
            others.append(kept)
        }
        if spec.name == "narrative", byName["xml:lang"] == nil {
            if let language = scope.language {
                byName["xml:lang"] = language
            } else {
                log.record(Notice(
                    kind: .missingLanguage, line: node.line, path: path,
                    message: "narrative has no xml:lang and neither its activity nor its file sets one"))
            }
        }
        if spec.attribute("currency") != nil, spec.name == "value" || spec.name == "forecast" || spec.name == "loan-status" || spec.name == "budget-line",
            byName["currency"] == nil
        {
            if let currency = scope.currency {
                byName["currency"] = currency
            } else {
                log.record(Notice(
                    kind: .missingCurrency, line: node.line, path: path,
                    message: "amount has no currency and its activity has no default-currency"))
            }
        }

        var result: [Attribute] = []
        for attributeSpec in spec.attributes {
            guard let raw = byName[attributeSpec.name] else { continue }
            let value: String
            if let normal = attributeSpec.type.normalised(raw) {
                value = normal
            } else {
                value = String(Lexical.trimmed(raw))
                log.record(Notice(
                    kind: .invalidValue, line: node.line, path: path + "/@" + attributeSpec.name,
                    message: "\(attributeSpec.name)=\"\(raw)\" is not a valid \(attributeSpec.type.rawValue); kept as written"))
            }
            result.append(attributeSpec.isXMLNamespace
                ? Attribute(name: attributeSpec.localName, namespace: XMLNamespace.xml, prefix: "xml", value: value)
                : Attribute(name: attributeSpec.name, value: value))
        }
        others.sort { ($0.namespace ?? "", $0.name) < ($1.namespace ?? "", $1.name) }
        return result + others
    }

    private func canonicalText(_ node: Node, spec: ElementSpec, path: String, log: inout NoticeLog) -> String {
        let trimmed = Lexical.trimmed(node.text)
        guard let content = spec.content else {
            if !trimmed.isEmpty {
                log.record(Notice(
                    kind: .unexpectedText, line: node.line, path: path,
                    message: "<\(spec.name)> holds text \"\(trimmed.prefix(40))\" where the standard expects only elements; kept"))
            }
            return String(trimmed)
        }
        if trimmed.isEmpty || content == .string { return String(trimmed) }
        if let normal = content.normalised(node.text) { return normal }
        log.record(Notice(
            kind: .invalidValue, line: node.line, path: path,
            message: "<\(spec.name)> text \"\(trimmed.prefix(40))\" is not a valid \(content.rawValue); kept as written"))
        return String(trimmed)
    }

    /// An extension subtree with its text trimmed and attributes sorted, otherwise as read.
    static func trimmedExtension(_ node: Node) -> Node {
        var copy = node
        copy.text = String(Lexical.trimmed(node.text))
        copy.attributes = node.attributes
            .map { attribute in
                var kept = attribute
                kept.value = String(Lexical.trimmed(attribute.value))
                return kept
            }
            .sorted { ($0.namespace ?? "", $0.name) < ($1.namespace ?? "", $1.name) }
        copy.children = node.children.map(trimmedExtension)
        return copy
    }
}
