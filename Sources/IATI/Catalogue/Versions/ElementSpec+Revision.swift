/// Building the catalogue of an earlier version as changes to a later one: each change makes
/// a new ``ElementSpec`` and leaves the original (shared with the later version) untouched.
extension ElementSpec {
    /// A copy with other attributes and children; everything else is kept.
    func revised(attributes: [AttributeSpec]? = nil, children: [ChildSpec]? = nil) -> ElementSpec {
        ElementSpec(
            name,
            content: content,
            contentCodelist: contentCodelist,
            attributes: attributes ?? self.attributes,
            children: children ?? self.children,
            extensionElements: allowsExtensionElements,
            extensionAttributes: allowsExtensionAttributes,
            jsonKey: jsonKey)
    }

    /// A copy without the named attributes.
    func removingAttributes(_ names: String...) -> ElementSpec {
        revised(attributes: attributes.filter { !names.contains($0.name) })
    }

    /// A copy without the named children.
    func removingChildren(_ names: String...) -> ElementSpec {
        revised(children: children.filter { !names.contains($0.element.name) })
    }

    /// A copy in which the named attribute is required (or optional).
    func requiringAttribute(_ name: String, _ required: Bool = true) -> ElementSpec {
        revised(attributes: attributes.map { attribute in
            guard attribute.name == name else { return attribute }
            return AttributeSpec(attribute.name, attribute.type, required: required, codelist: attribute.codelist, jsonKey: attribute.jsonKey)
        })
    }

    /// A copy in which the named child slot is changed by `change`.
    func revisingChild(_ name: String, _ change: (ChildSpec) -> ChildSpec) -> ElementSpec {
        revised(children: children.map { $0.element.name == name ? change($0) : $0 })
    }

    /// A copy in which the named child slot holds `element` instead, with the same cardinality.
    func replacingChild(_ name: String, with element: ElementSpec) -> ElementSpec {
        revisingChild(name) { $0.holding(element) }
    }
}

extension ChildSpec {
    /// The same slot holding another element spec.
    func holding(_ element: ElementSpec) -> ChildSpec {
        ChildSpec(element, min: minOccurs, max: maxOccurs, jsonKey: jsonKey)
    }

    /// The same slot allowed at most once (the JSON key is kept, so the JSON shape does not
    /// change between versions).
    var atMostOnce: ChildSpec {
        ChildSpec(element, min: minOccurs, max: 1, jsonKey: jsonKey)
    }
}
