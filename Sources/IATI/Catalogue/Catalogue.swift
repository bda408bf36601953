/// Entry point to the structure catalogues of the IATI 2.03 standard.
///
/// The activity and organisation standards are described as trees of ``ElementSpec`` values
/// (``ActivityCatalogue`` and ``OrganisationCatalogue``). Specs are shared where the schema
/// gives two places an identical structure, so the same ``ElementSpec`` instance can be
/// reached along several paths; ``walk(from:_:)`` visits every path, ``distinctSpecs(from:)``
/// every instance once.
public enum Catalogue {
    /// The roots of the documents IATI defines, in a stable order.
    public static var roots: [ElementSpec] { [ActivityCatalogue.root, OrganisationCatalogue.root] }

    /// The spec of a document root: `iati-activities` or `iati-organisations`; `nil` otherwise.
    public static func spec(forRoot name: String) -> ElementSpec? {
        switch name {
        case ActivityCatalogue.root.name: ActivityCatalogue.root
        case OrganisationCatalogue.root.name: OrganisationCatalogue.root
        default: nil
        }
    }

    /// One step of a walk: the spec reached, the element names leading to it (root first,
    /// the spec's own name last) and the slot it fills in its parent (`nil` for the root).
    public struct Visit: Sendable {
        /// The spec reached.
        public let spec: ElementSpec
        /// Element names from the root down to and including `spec.name`.
        public let path: [String]
        /// The child slot of the parent that leads here; `nil` at the root.
        public let slot: ChildSpec?

        /// The path as an XPath-like string, `iati-activities/iati-activity/title`.
        public var pathString: String { path.joined(separator: "/") }
    }

    /// Visits `root` and every element below it, depth first in schema order, once per path
    /// (a shared spec is visited again at each place it occurs).
    public static func walk<Failure: Error>(
        from root: ElementSpec, _ visit: (Visit) throws(Failure) -> Void
    ) throws(Failure) {
        func descend(_ spec: ElementSpec, path: [String], slot: ChildSpec?, depth: Int) throws(Failure) {
            try visit(Visit(spec: spec, path: path, slot: slot))
            // The standard is not recursive; the bound only guards against a mistaken catalogue.
            guard depth < 64 else { return }
            for child in spec.children {
                try descend(child.element, path: path + [child.element.name], slot: child, depth: depth + 1)
            }
        }
        try descend(root, path: [root.name], slot: nil, depth: 0)
    }

    /// Every spec instance reachable from `roots`, each once, in first-visit order (for
    /// generators that emit one definition per distinct structure).
    public static func distinctSpecs(from roots: [ElementSpec] = Catalogue.roots) -> [ElementSpec] {
        var seen: Set<ObjectIdentifier> = []
        var result: [ElementSpec] = []
        for root in roots {
            walk(from: root) { visit in
                if seen.insert(ObjectIdentifier(visit.spec)).inserted { result.append(visit.spec) }
            }
        }
        return result
    }

    /// The spec at a path of element names below a root, e.g.
    /// `["iati-activity", "transaction", "value"]` from `iati-activities`.
    public static func spec(at path: [String], from root: ElementSpec) -> ElementSpec? {
        var current = root
        for name in path {
            guard let next = current.child(name)?.element else { return nil }
            current = next
        }
        return current
    }
}

/// Constructors for the shapes that recur across the standard.
enum SpecShape {
    /// An element whose only data is a required `code` attribute (`activity-status`, …).
    static func code(_ name: String, codelist: String?) -> ElementSpec {
        ElementSpec(name, attributes: [.required("code", codelist: codelist)])
    }

    /// An element whose only data is a required `iso-date` attribute.
    static func date(_ name: String) -> ElementSpec {
        ElementSpec(name, attributes: [.required("iso-date", .date)])
    }

    /// An element holding one or more narratives and nothing else (`title`, `comment`, …).
    static func text(_ name: String) -> ElementSpec {
        ElementSpec(name, children: [.oneOrMore(ActivityCatalogue.narrative)])
    }

    /// An element with typed text and nothing else: no attributes, no extensions.
    static func value(_ name: String, _ type: DataType, codelist: String? = nil) -> ElementSpec {
        ElementSpec(name, content: type, contentCodelist: codelist, extensionElements: false, extensionAttributes: false)
    }

    /// An element with typed text that accepts foreign attributes (`telephone`, …).
    static func openValue(_ name: String, _ type: DataType) -> ElementSpec {
        ElementSpec(name, content: type, extensionElements: false)
    }
}
