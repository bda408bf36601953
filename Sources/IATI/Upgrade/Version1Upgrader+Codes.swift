import LibXML

extension Version1Upgrader {
    /// Maps the codes of an element's attributes to 2.03: by the 1.0x tables, else by the
    /// code's name; values that are neither are reported and left as written.
    mutating func upgradeCodes(_ node: inout Node, spec: ElementSpec, path: UpgradePath) {
        for index in node.attributes.indices {
            let attribute = node.attributes[index]
            guard attribute.namespace == nil, let attributeSpec = spec.attribute(attribute.name), let codelist = attributeSpec.codelist else { continue }
            let value = String(Lexical.trimmed(attribute.value))
            guard !value.isEmpty else { continue }
            var place: String { "\(path)/@" + attribute.name }

            let mapping = V1Codes.mapping(element: node.name, attribute: attribute.name)
            if let mapping {
                switch mapping.target(of: value) {
                case .some(.some(let target)):
                    if target != value {
                        node.attributes[index].value = target
                        recorder.record(.codeMapped, line: node.line, from: UpgradePlace(path: place, value: attribute.value),
                            to: UpgradePlace(path: place, value: target),
                            note: "1.0x \(mapping.codelist105) \(value) → 2.03 \(mapping.codelist203) \(target)")
                    }
                    continue
                case .some(.none):
                    recorder.record(.unmappedCode, line: node.line, from: UpgradePlace(path: place, value: attribute.value),
                        to: UpgradePlace(path: place, value: attribute.value),
                        note: "1.0x \(mapping.codelist105) code \(value) has no 2.03 \(mapping.codelist203) equivalent; left as written")
                    continue
                case .none:
                    break
                }
            }
            // Codes whose list depends on a vocabulary are not checked here.
            if attribute.name == "code", spec.attribute("vocabulary") != nil { continue }
            guard let list = Codelists.named(codelist), !list.contains(value) else { continue }
            if let code = CodeNames.code(named: value, in: list) {
                node.attributes[index].value = code
                recorder.record(.codeByName, line: node.line, from: UpgradePlace(path: place, value: attribute.value),
                    to: UpgradePlace(path: place, value: code), note: "\"\(value)\" is the name of \(codelist) code \(code)")
                continue
            }
            if let mapping, let old = Codelists.version105(named: mapping.codelist105).flatMap({ CodeNames.code(named: value, in: $0) }),
                case .some(.some(let target)) = mapping.target(of: old)
            {
                node.attributes[index].value = target
                recorder.record(.codeByName, line: node.line, from: UpgradePlace(path: place, value: attribute.value),
                    to: UpgradePlace(path: place, value: target),
                    note: "\"\(value)\" is the name of 1.0x \(mapping.codelist105) code \(old), which is \(target) in 2.03")
                continue
            }
            recorder.record(.unmappedCode, line: node.line, from: UpgradePlace(path: place, value: attribute.value),
                to: UpgradePlace(path: place, value: attribute.value),
                note: "\"\(value)\" is not a 2.03 \(codelist) code and no mapping gives one; left as written")
        }
    }
}
