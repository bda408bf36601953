import IATI
import LibXML

/// One element of the catalogue at one place in the document tree, prepared for checking:
/// its children as the particles of an `xsd:sequence` (the wildcard for foreign elements
/// included, where the schema puts it), its attributes by name with their codelist checks.
///
/// Built once per version and root (``StructureModel``); immutable, shared by all checks.
final class ElementModel: Sendable {
    let spec: ElementSpec
    /// Element names from the root down to this element.
    let path: [String]
    let particles: [Particle]
    /// Index of the first particle holding each child name.
    let particleIndex: [String: Int]
    /// Attributes in no namespace, with their names (`code`): a short list, searched faster
    /// than a name is hashed (see ``attribute(named:)``).
    private let attributes: [(name: String, model: AttributeModel)]
    /// Attributes of the XML namespace the element declares, with their local names (`lang`).
    private let xmlAttributes: [(name: String, model: AttributeModel)]
    /// The attributes that must be present, in catalogue order.
    let requiredAttributes: [String]
    /// Codelist checks of the element's text (`crs-add/channel-code`).
    let textCodelists: [CodelistCheck]
    /// An element the schema leaves open (`xsd:anyType`: any attributes, any content), such
    /// as `organisation-identifier`.
    let isOpen: Bool

    init(spec: ElementSpec, path: [String], version: IATIVersion) {
        self.spec = spec
        self.path = path
        self.isOpen = spec.content != nil && spec.allowsExtensionElements
        var particles: [Particle] = []
        var index: [String: Int] = [:]
        let wildcardPosition = spec.allowsExtensionElements && !isOpen ? ExtensionPlacement.position(in: spec) : nil
        for (offset, slot) in spec.children.enumerated() {
            if offset == wildcardPosition { particles.append(.wildcard) }
            let child = ElementModel(spec: slot.element, path: path + [slot.element.name], version: version)
            if index[slot.element.name] == nil { index[slot.element.name] = particles.count }
            particles.append(Particle(element: child, min: slot.minOccurs, max: slot.maxOccurs, repeats: slot.isRepeated))
        }
        if let wildcardPosition, wildcardPosition >= spec.children.count { particles.append(.wildcard) }
        self.particles = particles
        self.particleIndex = index
        var attributes: [(name: String, model: AttributeModel)] = []
        var xmlAttributes: [(name: String, model: AttributeModel)] = []
        for attribute in spec.attributes {
            let model = AttributeModel(
                spec: attribute,
                codelists: CodelistCheck.checks(elementPath: path, attribute: attribute.name, version: version))
            if attribute.isXMLNamespace {
                Self.put(model, named: attribute.localName, in: &xmlAttributes)
            } else {
                Self.put(model, named: attribute.name, in: &attributes)
            }
        }
        self.attributes = attributes
        self.xmlAttributes = xmlAttributes
        self.requiredAttributes = spec.attributes.filter(\.isRequired).map(\.name)
        self.textCodelists = spec.content == nil ? [] : CodelistCheck.checks(elementPath: path, attribute: nil, version: version)
    }

    var name: String { spec.name }

    /// The attribute in no namespace named `name`, if the element declares it.
    func attribute(named name: String) -> AttributeModel? {
        attributes.first { $0.name == name }?.model
    }

    /// The attribute of the XML namespace with local name `name`, if the element declares it.
    func xmlAttribute(named name: String) -> AttributeModel? {
        xmlAttributes.first { $0.name == name }?.model
    }

    /// Adds `model` to `list` under `name`, in place of one declared before under that name.
    private static func put(_ model: AttributeModel, named name: String, in list: inout [(name: String, model: AttributeModel)]) {
        if let index = list.firstIndex(where: { $0.name == name }) {
            list[index].model = model
        } else {
            list.append((name, model))
        }
    }

    /// The codelist checks of an `xml:lang` the element does not declare (allowed as an
    /// extension attribute): the mapping `//@xml:lang` applies everywhere.
    static let anyXMLLang = CodelistCheck.checks(elementPath: [], attribute: "xml:lang", version: .v2_03)
}

/// A place in a sequence: an element slot, or the wildcard for elements of other namespaces.
struct Particle: Sendable {
    /// `nil` for the wildcard.
    let element: ElementModel?
    let min: Int
    /// `nil` for unbounded.
    let max: Int?
    /// Whether the slot may repeat (locations then number the element: `transaction[2]`).
    let repeats: Bool

    /// `xsd:any namespace="##other" minOccurs="0" maxOccurs="unbounded"`.
    static let wildcard = Particle(element: nil, min: 0, max: nil, repeats: true)

    var isWildcard: Bool { element == nil }

    /// `<name>`, or "an element of another namespace".
    var displayName: String {
        element.map { "<\($0.name)>" } ?? "an extension element (another namespace)"
    }
}

/// An attribute the catalogue defines, with the codelists its values are checked against.
final class AttributeModel: Sendable {
    let spec: AttributeSpec
    let codelists: [CodelistCheck]

    init(spec: AttributeSpec, codelists: [CodelistCheck]) {
        self.spec = spec
        self.codelists = codelists
    }
}

/// Where the schema allows elements of other namespaces among an element's children.
///
/// The catalogue says whether foreign elements are allowed, not where. Almost everywhere the
/// IATI schemas put the `xsd:any` last in the sequence; the 2.03 organisation
/// `document-link` is the exception: it extends the common document link type, whose
/// wildcard comes before the `recipient-country` the extension adds.
enum ExtensionPlacement {
    /// The index among the children before which foreign elements sit.
    static func position(in spec: ElementSpec) -> Int {
        if spec === OrganisationCatalogue.documentLink, let country = spec.order(of: "recipient-country") {
            return country
        }
        return spec.children.count
    }
}
