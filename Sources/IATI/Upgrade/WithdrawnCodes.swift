import LibXML

/// Reports codes of an upgraded record that 2.03 still lists but has withdrawn. Codes whose
/// codelist depends on a vocabulary are left to validation.
enum WithdrawnCodes {
    static func scan(_ node: Node, spec: ElementSpec, path: UpgradePath, into recorder: inout UpgradeRecorder) {
        for attribute in node.attributes where attribute.namespace == nil {
            guard let attributeSpec = spec.attribute(attribute.name), let codelist = attributeSpec.codelist,
                !(attribute.name == "code" && spec.attribute("vocabulary") != nil)
            else { continue }
            let value = String(Lexical.trimmed(attribute.value))
            guard let code = Codelists.named(codelist)?.code(value), code.isWithdrawn else { continue }
            let place = UpgradePlace(path: "\(path)/@" + attribute.name, value: value)
            recorder.record(.withdrawnCode, line: node.line, from: place, to: place,
                note: "\(codelist) code \(value) (\(code.name)) is withdrawn in 2.03; kept as written")
        }
        let paths = path.children(node.children)
        for (index, child) in node.children.enumerated() where child.namespace == nil {
            if let childSpec = spec.child(child.name)?.element {
                scan(child, spec: childSpec, path: paths[index], into: &recorder)
            }
        }
    }
}
