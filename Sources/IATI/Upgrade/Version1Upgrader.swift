import LibXML

/// Rewrites one record (`iati-activity` or `iati-organisation`) written in 1.01–1.05 into the
/// shape of 2.03, guided by the 2.03 catalogue, before canonicalisation: renamed and moved
/// elements and attributes, textual codes mapped, plain text put into narratives, and what
/// 2.03 no longer has kept in the legacy namespace. Every change is recorded.
///
/// The rules only act on 1.0x shapes, so content that is already in 2.x form passes through
/// unchanged (files that mix the two are read correctly).
struct Version1Upgrader {
    /// The file's `xml:lang`, inherited by narratives that set none.
    let fileLanguage: String?
    var recorder = UpgradeRecorder()

    init(fileLanguage: String?) {
        self.fileLanguage = fileLanguage
    }

    /// The upgraded record.
    mutating func upgrade(record: Node, spec: ElementSpec) -> Node {
        upgrade(record, spec: spec, path: UpgradePath(record: record.name), inherited: fileLanguage, isRecord: true) ?? record
    }

    /// The upgraded element, or `nil` when it is dropped because nothing is left in it.
    mutating func upgrade(_ input: Node, spec: ElementSpec, path: UpgradePath, inherited: String?, isRecord: Bool = false) -> Node? {
        var node = input
        applyElementRules(&node, spec: spec, path: path)
        upgradeAttributes(&node, spec: spec, path: path)
        let language = Self.language(of: node) ?? inherited

        let paths = path.children(node.children)
        var children: [Node] = []
        for (index, child) in node.children.enumerated() {
            let childPath = paths[index]
            if child.namespace != nil {
                children.append(child)
            } else if let childSpec = spec.child(child.name)?.element {
                if let upgraded = upgrade(child, spec: childSpec, path: childPath, inherited: language) {
                    children.append(upgraded)
                }
            } else if Self.isEmpty(child) {
                recorder.record(.emptyDropped, line: child.line, from: UpgradePlace(path: childPath), to: nil,
                    note: "<\(child.name)> is not part of 2.03 here and holds nothing")
            } else if spec.allowsExtensionElements {
                children.append(LegacyNamespace.moved(child))
                recorder.record(.keptAsExtension, line: child.line, from: UpgradePlace(path: childPath),
                    to: UpgradePlace(path: "\(path)/" + LegacyNamespace.prefix + ":" + child.name),
                    note: "<\(child.name)> is not part of 2.03 inside <\(node.name)>")
            } else {
                children.append(child)
            }
        }
        node.children = children
        upgradeText(&node, spec: spec, path: path)
        upgradeCodes(&node, spec: spec, path: path)
        node.children = mergeNarratives(node.children, spec: spec, path: path, language: language)

        if !isRecord, node.attributes.isEmpty, Lexical.trimmed(node.text).isEmpty, node.children.isEmpty, Self.requiresContent(spec) {
            recorder.record(.emptyDropped, line: node.line, from: UpgradePlace(path: path), to: nil,
                note: "<\(node.name)> holds nothing and 2.03 requires content in it")
            return nil
        }
        return node
    }

    // MARK: - Attributes

    /// Drops empty attributes, renames `ref` to `code` on code elements (1.0 drafts) and keeps
    /// attributes 2.03 does not have in the legacy namespace.
    private mutating func upgradeAttributes(_ node: inout Node, spec: ElementSpec, path: UpgradePath) {
        var kept: [Attribute] = []
        var legacyElements: [Node] = []
        for attribute in node.attributes {
            guard attribute.namespace == nil else {
                kept.append(attribute)
                continue
            }
            var place: String { UpgradePath.attribute(attribute, of: path) }
            if Lexical.trimmed(attribute.value).isEmpty {
                recorder.record(.emptyDropped, line: node.line, from: UpgradePlace(path: place, value: attribute.value), to: nil)
                continue
            }
            if spec.attribute(attribute.name) != nil {
                kept.append(attribute)
                continue
            }
            if attribute.name == "ref", spec.attribute("ref") == nil, spec.attribute("code")?.isRequired == true,
                node.attribute("code").map({ Lexical.trimmed($0).isEmpty }) ?? true
            {
                kept.append(Attribute(name: "code", value: attribute.value))
                recorder.record(.attributeRenamed, line: node.line, from: UpgradePlace(path: place, value: attribute.value),
                    to: UpgradePlace(path: "\(path)/@code", value: attribute.value), note: "the 1.0 drafts gave codes in @ref")
                continue
            }
            if spec.allowsExtensionAttributes {
                kept.append(LegacyNamespace.attribute(attribute.name, value: attribute.value))
                recorder.record(.keptAsExtension, line: node.line, from: UpgradePlace(path: place, value: attribute.value),
                    to: UpgradePlace(path: "\(path)/@\(LegacyNamespace.prefix):\(attribute.name)", value: attribute.value),
                    note: "@\(attribute.name) is not part of 2.03 on <\(node.name)>")
            } else if spec.allowsExtensionElements {
                legacyElements.append(LegacyNamespace.element(attribute.name, text: attribute.value, line: node.line))
                recorder.record(.keptAsExtension, line: node.line, from: UpgradePlace(path: place, value: attribute.value),
                    to: UpgradePlace(path: "\(path)/\(LegacyNamespace.prefix):\(attribute.name)", value: attribute.value),
                    note: "@\(attribute.name) is not part of 2.03 on <\(node.name)>, which takes no foreign attributes")
            } else {
                kept.append(attribute)
            }
        }
        node.attributes = kept
        node.children += legacyElements
    }

    // MARK: - Text

    /// Moves an element's own text where 2.03 wants it: a narrative, the `iso-date` or `code`
    /// attribute, nowhere (a code's name), or the legacy namespace.
    private mutating func upgradeText(_ node: inout Node, spec: ElementSpec, path: UpgradePath) {
        var languageIndex = node.attributes.firstIndex { $0.name == "lang" && $0.namespace == XMLNamespace.xml }
        if let index = languageIndex, Lexical.trimmed(node.attributes[index].value).isEmpty, spec.attribute("xml:lang") == nil {
            recorder.record(.emptyDropped, line: node.line, from: UpgradePlace(path: "\(path)/@xml:lang", value: node.attributes[index].value),
                to: nil, note: "an empty xml:lang names no language; the inherited one applies")
            node.attributes.remove(at: index)
            languageIndex = nil
        }
        let language = languageIndex.map { node.attributes[$0].value }
        let text = String(Lexical.trimmed(node.text))
        guard !text.isEmpty else {
            node.text = ""
            if let languageIndex, spec.attribute("xml:lang") == nil, !spec.allowsExtensionAttributes {
                dropLanguage(&node, at: languageIndex, path: path, note: "xml:lang on an element without text, which 2.03 does not allow here")
            }
            return
        }
        if spec.content != nil { return }

        let dateAttribute = spec.attribute("iso-date")
        if dateAttribute != nil, node.attribute("iso-date") == nil, DataType.date.accepts(Substring(text)) {
            node.attributes.append(Attribute(name: "iso-date", value: text))
            node.text = ""
            recorder.record(.dateFromText, line: node.line, from: UpgradePlace(path: path, value: text),
                to: UpgradePlace(path: "\(path)/@iso-date", value: text))
            if let languageIndex, spec.attribute("xml:lang") == nil { dropLanguage(&node, at: languageIndex, path: path, note: "the language of the date text") }
            return
        }
        if spec.child("narrative") != nil {
            var narrative = Node(name: "narrative", text: text, line: node.line, column: node.column)
            if let languageIndex, spec.attribute("xml:lang") == nil {
                narrative.attributes = [node.attributes[languageIndex]]
                node.attributes.remove(at: languageIndex)
            }
            node.children.insert(narrative, at: 0)
            node.text = ""
            recorder.record(.textToNarrative, line: node.line, from: UpgradePlace(path: path, value: text),
                to: UpgradePlace(path: "\(path)/narrative", value: text),
                note: language.map { "xml:lang=\"\($0)\" moved onto the narrative" })
            return
        }
        if dateAttribute != nil, let date = node.attribute("iso-date"), Lexical.trimmed(date) == text {
            node.text = ""
            recorder.record(.dateFromText, line: node.line, from: UpgradePlace(path: path, value: text),
                to: UpgradePlace(path: "\(path)/@iso-date", value: text), note: "the text repeats iso-date")
            if let languageIndex, spec.attribute("xml:lang") == nil { dropLanguage(&node, at: languageIndex, path: path, note: "the language of the date text") }
            return
        }
        if let codeSpec = spec.attribute("code") {
            let code = node.attribute("code").map { String(Lexical.trimmed($0)) } ?? ""
            if code.isEmpty, Self.isCode(text, element: node.name, codelist: codeSpec.codelist) {
                node.attributes.append(Attribute(name: "code", value: text))
                node.text = ""
                recorder.record(.codeFromText, line: node.line, from: UpgradePlace(path: path, value: text),
                    to: UpgradePlace(path: "\(path)/@code", value: text))
                if let languageIndex, spec.attribute("xml:lang") == nil { dropLanguage(&node, at: languageIndex, path: path, note: "the language of the code text") }
                return
            }
            if code.isEmpty, let list = codeSpec.codelist.flatMap(Codelists.named), let named = CodeNames.code(named: text, in: list) {
                node.attributes.append(Attribute(name: "code", value: named))
                node.text = ""
                recorder.record(.codeByName, line: node.line, from: UpgradePlace(path: path, value: text),
                    to: UpgradePlace(path: "\(path)/@code", value: named), note: "\"\(text)\" is the name of \(list.name) code \(named)")
                if let languageIndex, spec.attribute("xml:lang") == nil { dropLanguage(&node, at: languageIndex, path: path, note: "the language of the code's name") }
                return
            }
            if !code.isEmpty, Self.isName(text, of: code, element: node.name, codelist: codeSpec.codelist) {
                node.text = ""
                recorder.record(.codeNameDropped, line: node.line, from: UpgradePlace(path: path, value: text),
                    to: nil, note: "the name of code \(code)")
                if let languageIndex, spec.attribute("xml:lang") == nil { dropLanguage(&node, at: languageIndex, path: path, note: "the language of the dropped code name") }
                return
            }
        }
        keepText(&node, text: text, spec: spec, path: path, languageIndex: languageIndex)
    }

    /// Keeps text 2.03 has no place for: an `iatix:text` attribute, else an `iatix:text` child.
    private mutating func keepText(_ node: inout Node, text: String, spec: ElementSpec, path: UpgradePath, languageIndex: Int?) {
        if spec.allowsExtensionAttributes {
            node.attributes.append(LegacyNamespace.attribute(LegacyNamespace.textName, value: text))
            node.text = ""
            recorder.record(.keptAsExtension, line: node.line, from: UpgradePlace(path: path, value: text),
                to: UpgradePlace(path: "\(path)/@\(LegacyNamespace.prefix):\(LegacyNamespace.textName)", value: text),
                note: "<\(node.name)> has no text in 2.03")
        } else if spec.allowsExtensionElements {
            var kept = LegacyNamespace.element(LegacyNamespace.textName, text: text, line: node.line)
            if let languageIndex, spec.attribute("xml:lang") == nil {
                kept.attributes = [node.attributes[languageIndex]]
                node.attributes.remove(at: languageIndex)
            }
            node.children.append(kept)
            node.text = ""
            recorder.record(.keptAsExtension, line: node.line, from: UpgradePlace(path: path, value: text),
                to: UpgradePlace(path: "\(path)/\(LegacyNamespace.prefix):\(LegacyNamespace.textName)", value: text),
                note: "<\(node.name)> has no text in 2.03")
        }
    }

    private mutating func dropLanguage(_ node: inout Node, at index: Int, path: UpgradePath, note: String) {
        recorder.record(.emptyDropped, line: node.line, from: UpgradePlace(path: "\(path)/@xml:lang", value: node.attributes[index].value), to: nil, note: note)
        node.attributes.remove(at: index)
    }

    // MARK: - Helpers

    /// The element's own non-empty `xml:lang`.
    static func language(of node: Node) -> String? {
        guard let value = node.attribute("lang", namespace: XMLNamespace.xml) else { return nil }
        let trimmed = String(Lexical.trimmed(value))
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Whether an element holds no data: only empty attributes, no text, children of the same kind.
    static func isEmpty(_ node: Node) -> Bool {
        node.attributes.allSatisfy { Lexical.trimmed($0.value).isEmpty } && Lexical.trimmed(node.text).isEmpty
            && node.children.allSatisfy(isEmpty)
    }

    /// Whether 2.03 requires something inside an element of this spec.
    static func requiresContent(_ spec: ElementSpec) -> Bool {
        spec.attributes.contains { $0.isRequired } || spec.children.contains { $0.minOccurs > 0 }
    }

    /// Whether `text` is a code of the element's 2.03 codelist, or a 1.0x code with a mapping.
    static func isCode(_ text: String, element: String, codelist: String?) -> Bool {
        if let mapping = V1Codes.mapping(element: element, attribute: "code"), mapping.target(of: text) != nil { return true }
        guard let codelist, let list = Codelists.named(codelist) else { return false }
        return list.contains(text)
    }

    /// Whether `text` only repeats the code itself or its name (1.05 or 2.03).
    static func isName(_ text: String, of code: String, element: String, codelist: String?) -> Bool {
        let wanted = CodeNames.normalised(text)
        if wanted == CodeNames.normalised(code) { return true }
        var names: [String] = []
        if let codelist, let name = Codelists.named(codelist)?.code(code)?.name { names.append(name) }
        if let mapping = V1Codes.mapping(element: element, attribute: "code") {
            if let name = Codelists.version105(named: mapping.codelist105)?.code(code)?.name { names.append(name) }
            if case .some(.some(let target)) = mapping.target(of: code), let name = Codelists.named(mapping.codelist203)?.code(target)?.name {
                names.append(name)
            }
        }
        return names.contains { CodeNames.normalised($0) == wanted }
    }
}
