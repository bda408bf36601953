import LibXML

/// Finds what a canonical record lacks for the 2.03 schema, using the catalogue: required
/// elements and attributes, too many elements, values that are not valid for their datatype,
/// and content the schema does not allow. An upgrade reports these instead of inventing values.
enum CompletenessCheck {
    /// The gaps of `record` (canonical, so children are in schema order).
    static func missing(in record: Node, spec: ElementSpec) -> [MissingContent] {
        var result: [MissingContent] = []
        check(record, spec: spec, path: UpgradePath(record: record.name), into: &result)
        return result
    }

    /// Whether the 2.03 schema accepts `value` for `type`: libxml2's own datatype check, so that
    /// the report agrees with its XSD validator (its `anyURI` rules, for example).
    static func accepts(_ value: String, _ type: DataType) -> Bool {
        if type == .string { return true }
        return XSDBuiltinType.accepts(value, type: type.rawValue) ?? type.accepts(Lexical.trimmed(value))
    }

    private static func check(_ node: Node, spec: ElementSpec, path: UpgradePath, into result: inout [MissingContent]) {
        for attribute in spec.attributes {
            let value = attribute.isXMLNamespace
                ? node.attribute(attribute.localName, namespace: XMLNamespace.xml)
                : node.attribute(attribute.name)
            guard let value else {
                if attribute.isRequired {
                    result.append(MissingContent(
                        kind: .attribute, path: "\(path)/@" + attribute.name, element: node.name, item: "@" + attribute.name,
                        line: node.line, message: "<\(node.name)> has no \(attribute.name), which 2.03 requires"))
                }
                continue
            }
            if !accepts(value, attribute.type) {
                result.append(MissingContent(
                    kind: .invalidValue, path: "\(path)/@" + attribute.name, element: node.name, item: "@" + attribute.name,
                    line: node.line, message: "\(attribute.name)=\"\(value)\" on <\(node.name)> is not a valid \(attribute.type.rawValue)"))
            }
        }
        for attribute in node.attributes where attribute.namespace == nil && spec.attribute(attribute.name) == nil {
            result.append(MissingContent(
                kind: .notAllowed, path: "\(path)/@" + attribute.name, element: node.name, item: "@" + attribute.name,
                line: node.line, message: "<\(node.name)> has attribute \(attribute.name), which 2.03 does not have"))
        }
        let foreign = node.attributes.first { attribute in
            guard let namespace = attribute.namespace else { return false }
            return namespace != XMLNamespace.xml || spec.attribute("xml:" + attribute.name) == nil
        }
        if !spec.allowsExtensionAttributes, let foreign {
            result.append(MissingContent(
                kind: .notAllowed, path: "\(path)/@" + foreign.qualifiedName, element: node.name, item: "@" + foreign.qualifiedName,
                line: node.line, message: "<\(node.name)> takes no extension attributes, but has \(foreign.qualifiedName)"))
        }

        let text = Lexical.trimmed(node.text)
        if let content = spec.content {
            if !accepts(String(text), content) {
                result.append(MissingContent(
                    kind: .invalidValue, path: path.description, element: node.name, item: node.name, line: node.line,
                    message: text.isEmpty
                        ? "<\(node.name)> is empty, which is not a valid \(content.rawValue)"
                        : "<\(node.name)> text \"\(text.prefix(40))\" is not a valid \(content.rawValue)"))
            }
        } else if !text.isEmpty {
            result.append(MissingContent(
                kind: .notAllowed, path: path.description, element: node.name, item: node.name, line: node.line,
                message: "<\(node.name)> holds text \"\(text.prefix(40))\" where 2.03 expects only elements"))
        }

        let paths = path.children(node.children)
        // How many children fill each slot (the slots' names are distinct: ``ElementSpec``).
        var counts = [Int](repeating: 0, count: spec.children.count)
        for (index, child) in node.children.enumerated() {
            let childPath = paths[index]
            if child.namespace != nil {
                if !spec.allowsExtensionElements || spec.content != nil {
                    result.append(MissingContent(
                        kind: .notAllowed, path: childPath.description, element: node.name, item: child.qualifiedName, line: child.line,
                        message: "<\(node.name)> takes no extension elements, but has <\(child.qualifiedName)>"))
                }
                continue
            }
            guard let order = spec.order(of: child.name) else {
                result.append(MissingContent(
                    kind: .notAllowed, path: childPath.description, element: node.name, item: child.name, line: child.line,
                    message: "<\(child.name)> is not part of 2.03 inside <\(node.name)>"))
                continue
            }
            counts[order] += 1
            check(child, spec: spec.children[order].element, path: childPath, into: &result)
        }
        for (slot, count) in zip(spec.children, counts) {
            if count < slot.minOccurs {
                result.append(MissingContent(
                    kind: .element, path: "\(path)/" + slot.element.name, element: node.name, item: slot.element.name, line: node.line,
                    message: "<\(node.name)> has no <\(slot.element.name)>, which 2.03 requires"))
            }
            if let maximum = slot.maxOccurs, count > maximum {
                result.append(MissingContent(
                    kind: .tooMany, path: "\(path)/" + slot.element.name, element: node.name, item: slot.element.name, line: node.line,
                    message: "<\(node.name)> has \(count) <\(slot.element.name)> elements; 2.03 allows \(maximum)"))
            }
        }
    }
}
