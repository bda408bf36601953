import IATI
import LibXML

/// Walks one expanded element (an activity, an organisation) against its ``ElementModel``:
/// the structure and datatypes the schema requires, when asked, and the codelists of every
/// coded attribute. Findings are appended in document order.
struct ElementChecker {
    /// The input's name, for findings.
    let file: String
    /// The record the findings belong to (its identifier as reported).
    let record: String?
    /// Check structure and datatypes (off when `--xsd` leaves them to libxml2).
    let checksStructure: Bool
    /// Check codelists.
    let checksCodelists: Bool
    private(set) var findings: [Finding] = []
    /// Whether something found is what 1.0x content looks like against 2.x (text beside
    /// narratives, an attribute or child the standard does not define, a code outside its
    /// codelist where 1.0x had textual codes): the record's version is then worth deciding.
    /// Set only on the paths of findings, so a clean record costs nothing more.
    private(set) var suspectsVersion1 = false
    private var steps: [Step]

    struct Step {
        let name: String
        let ordinal: Int?
    }

    /// - Parameter location: the steps from the root to the parent of what will be checked.
    init(file: String, record: String?, checksStructure: Bool, checksCodelists: Bool, location: [Step]) {
        self.file = file
        self.record = record
        self.checksStructure = checksStructure
        self.checksCodelists = checksCodelists
        self.steps = location
    }

    /// Checks `node` and everything inside it. `ordinal` numbers it among its siblings of the
    /// same slot where the slot repeats.
    mutating func check<Element: CheckedElement>(_ node: Element, model: ElementModel, ordinal: Int?, parentAttributes: [Attribute]) {
        steps.append(Step(name: node.qualifiedName, ordinal: ordinal))
        defer { steps.removeLast() }
        if checksStructure, model.isOpen { return }
        let element = Read(name: node.name, attributes: node.attributes)
        checkAttributes(of: element.attributes, name: element.name, model: model, parentAttributes: parentAttributes) { index in
            index.map(node.position(ofAttributeAt:)) ?? node.position
        }
        if let type = model.spec.content {
            checkText(node, element, type: type, model: model)
        } else {
            checkChildren(of: node, element, model: model)
        }
    }

    /// What is read of an element once and used several times.
    private struct Read {
        let name: String
        let attributes: [Attribute]
    }

    /// Checks the attributes of an element whose content is checked elsewhere (the root,
    /// read as a start tag).
    mutating func checkStart(name: String, attributes: [Attribute], at position: SourcePosition, model: ElementModel) {
        steps.append(Step(name: name, ordinal: nil))
        defer { steps.removeLast() }
        checkAttributes(of: attributes, name: name, model: model, parentAttributes: []) { index in
            index.map { attributes[$0].position(orElement: position) } ?? position
        }
    }

    // MARK: - Attributes

    /// `place` gives where the attribute at an index starts (the element, for `nil`): asked
    /// only for a finding, so that valid elements cost no lookup.
    private mutating func checkAttributes(
        of attributes: [Attribute], name: String, model: ElementModel, parentAttributes: [Attribute], place: (Int?) -> SourcePosition
    ) {
        for (index, attribute) in attributes.enumerated() {
            let definition: AttributeModel?
            let isXML: Bool
            if attribute.namespace == nil {
                definition = model.attribute(named: attribute.name)
                isXML = false
            } else if attribute.namespace == XMLNamespace.xml {
                definition = model.xmlAttribute(named: attribute.name)
                isXML = true
            } else {
                definition = nil
                isXML = false
            }
            if let definition {
                let key = definition.spec.name
                if checksStructure {
                    let valid = isXML
                        ? ValueRules.acceptsXMLAttribute(attribute.name, attribute.value)
                        : ValueRules.accepts(attribute.value, as: definition.spec.type)
                    if !valid {
                        let type = isXML ? DataType.language : definition.spec.type
                        structure(
                            "invalid value \(ValueRules.quote(attribute.value)) for @\(key) of <\(name)>: expected \(ValueRules.describe(type))",
                            at: place(index), attribute: key)
                    }
                }
                if checksCodelists, !definition.codelists.isEmpty {
                    checkCodes(
                        attribute.value, checks: definition.codelists, attributes: attributes, parentAttributes: parentAttributes,
                        element: name, attribute: key, at: place(index))
                }
                continue
            }
            if checksCodelists, attribute.namespace == XMLNamespace.xml, attribute.name == "lang" {
                // `//@xml:lang` maps to Language wherever it appears, declared or not.
                checkCodes(
                    attribute.value, checks: ElementModel.anyXMLLang, attributes: attributes, parentAttributes: parentAttributes,
                    element: name, attribute: "xml:lang", at: place(index))
            }
            guard checksStructure else { continue }
            let qualified = attribute.qualifiedName
            if attribute.namespace == nil {
                suspectsVersion1 = true
                structure("attribute @\(qualified) is not allowed on <\(name)>: the standard defines no such attribute here", at: place(index), attribute: qualified)
            } else if !model.spec.allowsExtensionAttributes {
                structure("attribute @\(qualified) is not allowed on <\(name)>: <\(name)> takes no extension attributes", at: place(index), attribute: qualified)
            } else if attribute.namespace == XMLNamespace.xml, !ValueRules.acceptsXMLAttribute(attribute.name, attribute.value) {
                structure("invalid value \(ValueRules.quote(attribute.value)) for @\(qualified) of <\(name)>", at: place(index), attribute: qualified)
            }
        }
        guard checksStructure else { return }
        for required in model.requiredAttributes where !attributes.contains(where: { $0.namespace == nil && $0.name == required }) {
            structure("missing required attribute @\(required) on <\(name)>", at: place(nil))
        }
    }

    // MARK: - Content

    private mutating func checkText<Element: CheckedElement>(_ node: Element, _ element: Read, type: DataType, model: ElementModel) {
        let text = node.text
        if checksStructure {
            if let child = node.children.first(where: { _ in true }) {
                structure("element <\(child.qualifiedName)> is not allowed in <\(element.name)>, which holds text only", at: child.position)
            }
            if !ValueRules.accepts(text, as: type) {
                structure(
                    "invalid text \(ValueRules.quote(text.trimmedXML.description)) in <\(element.name)>: expected \(ValueRules.describe(type))",
                    at: text.isEmpty ? node.position : node.textPosition)
            }
        }
        if checksCodelists, !model.textCodelists.isEmpty {
            checkCodes(
                text, checks: model.textCodelists, attributes: element.attributes, parentAttributes: [], element: element.name, attribute: nil,
                at: text.isEmpty ? node.position : node.textPosition)
        }
    }

    private mutating func checkChildren<Element: CheckedElement>(of node: Element, _ element: Read, model: ElementModel) {
        if checksStructure, node.hasNonSpaceText {
            if model.particleIndex["narrative"] != nil { suspectsVersion1 = true }
            structure(
                "text \(ValueRules.quote(node.text.trimmedXML.description)) is not allowed in <\(element.name)>, which holds elements only",
                at: node.textPosition)
        }
        guard checksStructure else {
            // Codelists only: find each child's model by name, number repeats by run.
            var previous = ""
            var ordinal = 0
            for child in node.children where child.namespace == nil {
                let name = child.name
                guard let index = model.particleIndex[name], let childModel = model.particles[index].element else { continue }
                ordinal = name == previous ? ordinal + 1 : 1
                previous = name
                check(child, model: childModel, ordinal: model.particles[index].repeats ? ordinal : nil, parentAttributes: element.attributes)
            }
            return
        }
        var matcher = SequenceMatcher(model)
        for child in node.children {
            var missing: [String] = []
            let qualifiedName = child.qualifiedName
            let outcome = matcher.accept(name: child.name, namespace: child.namespace, qualifiedName: qualifiedName) {
                missing.append($0)
            }
            for message in missing { structure(message, at: child.position) }
            switch outcome {
            case .element(let childModel, let ordinal, let repeats):
                check(child, model: childModel, ordinal: repeats ? ordinal : nil, parentAttributes: element.attributes)
            case .extensionElement:
                break
            case .unexpected(let message):
                if child.namespace == nil { suspectsVersion1 = true }
                steps.append(Step(name: qualifiedName, ordinal: nil))
                structure(message, at: child.position)
                steps.removeLast()
            }
        }
        var missing: [String] = []
        matcher.finish { missing.append($0) }
        for message in missing { structure(message, at: node.position) }
    }

    // MARK: - Codelists

    private mutating func checkCodes(
        _ value: String, checks: [CodelistCheck], attributes: [Attribute], parentAttributes: [Attribute],
        element: String, attribute: String?, at position: @autoclosure () -> SourcePosition
    ) {
        for check in checks where check.condition.holds(attributes, parent: parentAttributes) {
            guard !check.codelist.contains(value) else { continue }
            if let attribute, V1Codes.hasVersion1Codes(element: element, attribute: attribute) { suspectsVersion1 = true }
            let place = attribute.map { "@\($0) of <\(element)>" } ?? "<\(element)>"
            let at = position()
            var context = "\(ValueRules.quote(value)) is not a code of \(check.codelist.name)"
            if let condition = check.condition.summary { context += " (with \(condition))" }
            findings.append(Finding(
                ruleID: check.ruleID, severity: check.severity, category: check.category,
                message: "\(place) must be a code of the \(check.codelist.name) codelist",
                file: file, line: at.line, column: at.column, record: record,
                location: location(attribute: attribute), codelist: check.codelist.name, context: context))
        }
    }

    // MARK: - Findings

    private mutating func structure(_ message: String, at position: SourcePosition, attribute: String? = nil) {
        findings.append(Finding(
            ruleID: RuleID.structure, severity: .critical, category: .schema, message: message,
            file: file, line: position.line, column: position.column, record: record, location: location(attribute: attribute)))
    }

    /// `/iati-activities/iati-activity[2]/transaction[3]/value/@currency`
    private func location(attribute: String?) -> String {
        var text = ""
        for step in steps {
            text += "/" + step.name
            if let ordinal = step.ordinal { text += "[\(ordinal)]" }
        }
        if let attribute { text += "/@" + attribute }
        return text
    }
}
