import LibXML

extension Version1Upgrader {
    /// The restructurings that concern one element and its children, before the generic rules.
    mutating func applyElementRules(_ node: inout Node, spec: ElementSpec, path: UpgradePath) {
        renameChildren(&node, spec: spec, path: path)
        switch node.name {
        case "iati-activity": activityWebsites(&node, path: path)
        case "other-identifier": otherIdentifier(&node, path: path)
        case "document-link": documentLanguage(&node, path: path)
        case "location": location(&node, path: path)
        case "administrative": administrative(&node, path: path)
        default: break
        }
    }

    /// Children 2.03 knows under another name (``ElementRename``).
    /// A child is not renamed where 2.03 allows one such element and the new name is taken.
    private mutating func renameChildren(_ node: inout Node, spec: ElementSpec, path: UpgradePath) {
        let paths = path.children(node.children)
        for index in node.children.indices where node.children[index].namespace == nil {
            guard let rename = ElementRename.of(node.children[index].name, in: node.name) else { continue }
            let taken = node.children.contains { $0.name == rename.to && $0.namespace == nil }
            if taken, spec.child(rename.to)?.isRepeated == false { continue }
            node.children[index].name = rename.to
            recorder.record(.elementRenamed, line: node.children[index].line, from: UpgradePlace(path: paths[index]),
                to: UpgradePlace(path: "\(path)/" + rename.to), note: rename.note)
        }
    }

    /// `activity-website` → `document-link` with category A12, format `text/html` and the
    /// code's name as title (2.03 requires a format and a title).
    private mutating func activityWebsites(_ node: inout Node, path: UpgradePath) {
        let paths = path.children(node.children)
        for index in node.children.indices {
            let child = node.children[index]
            guard child.namespace == nil, child.name == "activity-website" else { continue }
            let url = String(Lexical.trimmed(child.text))
            guard !url.isEmpty else { continue }  // left to the generic rules (dropped as empty)
            let code = "A12"
            let title = Codelists.named("DocumentCategory")?.code(code)?.name ?? "Activity web page"
            let format = "text/html"
            var link = Node(
                name: "document-link",
                attributes: [Attribute(name: "url", value: url), Attribute(name: "format", value: format)] + child.attributes,
                line: child.line, column: child.column)
            link.children = [
                Node(name: "title", children: [
                    Node(name: "narrative", attributes: [Attribute(name: "lang", namespace: XMLNamespace.xml, prefix: "xml", value: "en")],
                        text: title, line: child.line, column: child.column),
                ], line: child.line, column: child.column),
                Node(name: "category", attributes: [Attribute(name: "code", value: code)], line: child.line, column: child.column),
            ] + child.children
            node.children[index] = link
            recorder.record(.activityWebsite, line: child.line, from: UpgradePlace(path: paths[index], value: url),
                to: UpgradePlace(path: "\(path)/document-link/@url", value: url),
                note: "category \(code); format \(format) and title \"\(title)\" (English) supplied, as 2.03 requires both")
        }
    }

    /// `other-identifier`: text → `@ref`, `@owner-ref` → `owner-org/@ref`, `@owner-name` →
    /// `owner-org/narrative`.
    private mutating func otherIdentifier(_ node: inout Node, path: UpgradePath) {
        let text = String(Lexical.trimmed(node.text))
        if !text.isEmpty, node.attribute("ref").map({ Lexical.trimmed($0).isEmpty }) ?? true {
            node.attributes.removeAll { $0.name == "ref" && $0.namespace == nil }
            node.attributes.append(Attribute(name: "ref", value: text))
            node.text = ""
            recorder.record(.otherIdentifier, line: node.line, from: UpgradePlace(path: path, value: text),
                to: UpgradePlace(path: "\(path)/@ref", value: text))
        }
        let ownerRef = node.attribute("owner-ref").map { String(Lexical.trimmed($0)) } ?? ""
        let ownerName = node.attribute("owner-name").map { String(Lexical.trimmed($0)) } ?? ""
        guard !ownerRef.isEmpty || !ownerName.isEmpty else { return }
        var owner = node.child("owner-org") ?? Node(name: "owner-org", line: node.line, column: node.column)
        if !ownerRef.isEmpty, owner.attribute("ref") == nil {
            owner.attributes.append(Attribute(name: "ref", value: ownerRef))
            node.attributes.removeAll { $0.name == "owner-ref" && $0.namespace == nil }
            recorder.record(.otherIdentifier, line: node.line, from: UpgradePlace(path: "\(path)/@owner-ref", value: ownerRef),
                to: UpgradePlace(path: "\(path)/owner-org/@ref", value: ownerRef))
        }
        if !ownerName.isEmpty {
            owner.children.append(Node(name: "narrative", text: ownerName, line: node.line, column: node.column))
            node.attributes.removeAll { $0.name == "owner-name" && $0.namespace == nil }
            recorder.record(.otherIdentifier, line: node.line, from: UpgradePlace(path: "\(path)/@owner-name", value: ownerName),
                to: UpgradePlace(path: "\(path)/owner-org/narrative", value: ownerName))
        }
        node.children.removeAll { $0.name == "owner-org" && $0.namespace == nil }
        node.children.insert(owner, at: 0)
    }

    /// 1.01 `document-link/@language` → a `language` child.
    private mutating func documentLanguage(_ node: inout Node, path: UpgradePath) {
        guard let index = node.attributes.firstIndex(where: { $0.name == "language" && $0.namespace == nil }) else { return }
        let code = String(Lexical.trimmed(node.attributes[index].value))
        guard !code.isEmpty else { return }
        node.attributes.remove(at: index)
        node.children.append(Node(name: "language", attributes: [Attribute(name: "code", value: code)], line: node.line, column: node.column))
        recorder.record(.documentLanguage, line: node.line, from: UpgradePlace(path: "\(path)/@language", value: code),
            to: UpgradePlace(path: "\(path)/language/@code", value: code))
    }
}
