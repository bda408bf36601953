import Foundation
import IATI
import LibXML
import Testing
import TestSupport

// MARK: - Reference folder

/// The reference folder, `nil` when it is absent.
private let catalogueReference: String? = Reference.folder

private let referenceMissing = Reference.missing

// MARK: - Tests

@Suite("Catalogue")
struct CatalogueTests {
    @Test("the activity catalogue matches the 2.03 activity XSD", .enabled(if: catalogueReference != nil, referenceMissing))
    func activityCatalogueMatchesXSD() throws {
        let folder = try #require(catalogueReference)
        let schema = try XSDSchema(path: folder + "/schemas/2.03/iati-activities-schema.xsd")
        try checkRoot(ActivityCatalogue.root, against: schema)
    }

    @Test("the organisation catalogue matches the 2.03 organisation XSD", .enabled(if: catalogueReference != nil, referenceMissing))
    func organisationCatalogueMatchesXSD() throws {
        let folder = try #require(catalogueReference)
        let schema = try XSDSchema(path: folder + "/schemas/2.03/iati-organisations-schema.xsd")
        try checkRoot(OrganisationCatalogue.root, against: schema)
    }

    @Test("JSON keys, attribute names and child names are unique within each element")
    func keysAreUnique() {
        for spec in Catalogue.distinctSpecs() {
            var keys = spec.attributes.map { ($0.jsonKey, "attribute @\($0.name)") }
                + spec.children.map { ($0.jsonKey, "child \($0.element.name)") }
            if spec.content != nil { keys.append((spec.contentKey, "text content")) }
            for (key, owners) in Dictionary(grouping: keys, by: \.0) where owners.count > 1 {
                Issue.record("\(spec.name): JSON key \"\(key)\" is used by \(owners.map(\.1).joined(separator: " and "))")
            }
            for (name, count) in counts(spec.attributes.map(\.name)) where count > 1 {
                Issue.record("\(spec.name): attribute @\(name) is listed \(count) times")
            }
            for (name, count) in counts(spec.children.map(\.element.name)) where count > 1 {
                Issue.record("\(spec.name): child \(name) is listed \(count) times")
            }
        }
    }

    @Test("repeated children have plural JSON keys where English has one")
    func repeatedKeys() {
        let activity = ActivityCatalogue.activity
        #expect(ActivityCatalogue.root.child("iati-activity")?.jsonKey == "activities")
        #expect(OrganisationCatalogue.root.child("iati-organisation")?.jsonKey == "organisations")
        #expect(activity.child("recipient-country")?.jsonKey == "recipientCountries")
        #expect(activity.child("related-activity")?.jsonKey == "relatedActivities")
        #expect(activity.child("legacy-data")?.jsonKey == "legacyData")
        #expect(ActivityCatalogue.contactInfo.child("mailing-address")?.jsonKey == "mailingAddresses")
        #expect(ActivityCatalogue.transaction.child("sector")?.jsonKey == "sectors")
        #expect(ActivityCatalogue.transaction.child("value")?.jsonKey == "value")
    }

    @Test("roots are found by name and walks reach every element")
    func lookupAndWalk() {
        #expect(Catalogue.spec(forRoot: "iati-activities") === ActivityCatalogue.root)
        #expect(Catalogue.spec(forRoot: "iati-organisations") === OrganisationCatalogue.root)
        #expect(Catalogue.spec(forRoot: "iati-activity") == nil)
        #expect(Catalogue.spec(forRoot: "") == nil)

        var paths: [String] = []
        Catalogue.walk(from: ActivityCatalogue.root) { paths.append($0.pathString) }
        #expect(paths.first == "iati-activities")
        #expect(paths.contains("iati-activities/iati-activity/result/indicator/period/actual/document-link/category"))
        #expect(paths.count == Set(paths).count, "a path is visited twice")

        let distinct = Catalogue.distinctSpecs()
        #expect(Set(distinct.map(ObjectIdentifier.init)).count == distinct.count)
        #expect(distinct.contains { $0 === ActivityCatalogue.narrative })
        #expect(distinct.contains { $0 === OrganisationCatalogue.documentLink })

        let value = Catalogue.spec(at: ["iati-activity", "transaction", "value"], from: ActivityCatalogue.root)
        #expect(value === ActivityCatalogue.value)
        #expect(Catalogue.spec(at: ["iati-activity", "no-such-element"], from: ActivityCatalogue.root) == nil)
    }

    @Test("every codelist the catalogue names exists", .enabled(if: catalogueReference != nil, referenceMissing))
    func codelistsExist() throws {
        let folder = try #require(catalogueReference)
        let fileManager = FileManager.default
        for spec in Catalogue.distinctSpecs() {
            let names = spec.attributes.compactMap { attribute in attribute.codelist.map { ("@\(attribute.name)", $0) } }
                + (spec.contentCodelist.map { [("text()", $0)] } ?? [])
            for (owner, codelist) in names {
                let exists = ["embedded", "non-embedded"].contains {
                    fileManager.fileExists(atPath: "\(folder)/codelists/\($0)/\(codelist).xml")
                }
                #expect(exists, "\(spec.name)/\(owner): codelist \(codelist) is not in the reference codelists")
            }
        }
    }

    @Test("codelists follow mapping.xml", .enabled(if: catalogueReference != nil, referenceMissing))
    func codelistsFollowMapping() throws {
        let folder = try #require(catalogueReference)
        let mappings = try readXMLRoot(folder + "/codelists/mapping.xml").children(named: "mapping")
        #expect(!mappings.isEmpty, "no mappings read")
        for mapping in mappings {
            let path = mapping.child("path")?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let codelist = mapping.child("codelist")?.attribute("ref") ?? ""
            let condition = mapping.child("condition")?.text.trimmingCharacters(in: .whitespacesAndNewlines)
            // A conditional mapping names the attribute's codelist only when it covers the
            // default vocabulary ("or not(@vocabulary)").
            let binding = condition.map { $0.contains("not(@vocabulary)") } ?? true
            checkMapping(path: path, codelist: codelist, binding: binding)
        }
    }
}

// MARK: - Comparing with the XSD

private func checkRoot(_ root: ElementSpec, against schema: XSDSchema) throws {
    let declaration = try #require(schema.elements[root.name], "the XSD declares no global element \(root.name)")
    var issues: [String] = []
    compare(root, with: schema.resolve(declaration), path: root.name, schema: schema, issues: &issues)
    for issue in issues { Issue.record(Comment(rawValue: issue)) }
}

/// Compares one spec with the element the XSD declares at the same place, then its children.
private func compare(_ spec: ElementSpec, with element: XSDElement, path: String, schema: XSDSchema, issues: inout [String]) {
    for problem in element.problems { issues.append("\(path): XSD construct not understood: \(problem)") }
    if spec.name != element.name {
        issues.append("\(path): the catalogue names the element \(spec.name), the XSD \(element.name)")
    }

    // Text content.
    var expectedContent: DataType?
    if let content = element.content {
        expectedContent = xsdDataType(content)
        if expectedContent == nil { issues.append("\(path): text type xsd:\(content) has no DataType") }
    }
    if spec.content != expectedContent {
        issues.append("\(path): text content is \(describe(spec.content)) in the catalogue, \(element.content.map { "xsd:\($0)" } ?? "none") in the XSD")
    }

    // Wildcards.
    if spec.allowsExtensionElements != element.anyElements {
        issues.append("\(path): the catalogue \(allows(spec.allowsExtensionElements)) foreign elements, the XSD \(allows(element.anyElements)) (xsd:any ##other)")
    }
    if spec.allowsExtensionAttributes != element.anyAttributes {
        issues.append("\(path): the catalogue \(allows(spec.allowsExtensionAttributes)) foreign attributes, the XSD \(allows(element.anyAttributes)) (xsd:anyAttribute ##other)")
    }

    // Attributes (their order carries no meaning in XML).
    let xsdAttributes = Dictionary(element.attributes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    for attribute in spec.attributes {
        guard let expected = xsdAttributes[attribute.name] else {
            issues.append("\(path)/@\(attribute.name): in the catalogue but not in the XSD")
            continue
        }
        if attribute.isRequired != expected.required {
            issues.append("\(path)/@\(attribute.name): \(attribute.isRequired ? "required" : "optional") in the catalogue, \(expected.required ? "required" : "optional") in the XSD")
        }
        let type = xsdDataType(expected.type)
        if type == nil { issues.append("\(path)/@\(attribute.name): XSD type xsd:\(expected.type) has no DataType") }
        if let type, type != attribute.type {
            issues.append("\(path)/@\(attribute.name): type \(attribute.type.rawValue) in the catalogue, xsd:\(expected.type) in the XSD")
        }
    }
    let catalogued = Set(spec.attributes.map(\.name))
    for attribute in element.attributes where !catalogued.contains(attribute.name) {
        issues.append("\(path)/@\(attribute.name): in the XSD (xsd:\(attribute.type), \(attribute.required ? "required" : "optional")) but not in the catalogue")
    }

    // Children: names in order, cardinalities, then each child's own structure.
    let ours = spec.children.map(\.element.name)
    let theirs = element.children.map(\.name)
    if ours != theirs {
        let missing = theirs.filter { !ours.contains($0) }
        let extra = ours.filter { !theirs.contains($0) }
        for name in missing { issues.append("\(path)/\(name): in the XSD but not in the catalogue") }
        for name in extra { issues.append("\(path)/\(name): in the catalogue but not in the XSD") }
        let commonOurs = ours.filter(theirs.contains)
        let commonTheirs = theirs.filter(ours.contains)
        if commonOurs != commonTheirs {
            issues.append("\(path): children are in the order [\(commonOurs.joined(separator: ", "))] in the catalogue but [\(commonTheirs.joined(separator: ", "))] in the XSD")
        }
    }
    for child in spec.children {
        guard let expected = element.children.first(where: { $0.name == child.element.name }) else { continue }
        let childPath = "\(path)/\(child.element.name)"
        if child.minOccurs != expected.min || child.maxOccurs != expected.max {
            issues.append("\(childPath): occurs \(occurs(child.minOccurs, child.maxOccurs)) in the catalogue, \(occurs(expected.min, expected.max)) in the XSD")
        }
        compare(child.element, with: schema.resolve(expected.declaration), path: childPath, schema: schema, issues: &issues)
    }
}

private func xsdDataType(_ name: String) -> DataType? {
    switch name {
    case "string": .string
    case "decimal": .decimal
    case "integer": .integer
    case "int": .int
    case "nonNegativeInteger": .nonNegativeInteger
    case "positiveInteger": .positiveInteger
    case "boolean": .boolean
    case "date": .date
    case "dateTime": .dateTime
    case "anyURI": .anyURI
    case "language": .language
    case "NMTOKEN": .nmtoken
    // xsd:anyType (an element declared without a type) holds any text; the catalogue reads it as a string.
    case "anyType": .string
    default: nil
    }
}

private func describe(_ type: DataType?) -> String { type.map(\.rawValue) ?? "none" }
private func allows(_ flag: Bool) -> String { flag ? "allows" : "does not allow" }
private func occurs(_ min: Int, _ max: Int?) -> String { "\(min)..\(max.map(String.init) ?? "unbounded")" }

private func counts(_ names: [String]) -> [String: Int] {
    names.reduce(into: [:]) { $0[$1, default: 0] += 1 }
}

// MARK: - Checking mapping.xml

/// Checks one mapping of `codelists/mapping.xml`: the path must exist in the catalogue, and
/// when the mapping binds (unconditional, or covering the default vocabulary) the catalogue
/// must name its codelist.
private func checkMapping(path: String, codelist: String, binding: Bool) {
    guard path.hasPrefix("//") else {
        Issue.record("mapping path \(path) does not start with //")
        return
    }
    var steps = path.dropFirst(2).split(separator: "/").map(String.init)
    guard let last = steps.popLast() else {
        Issue.record("mapping path \(path) is empty")
        return
    }
    // `//@xml:lang`: every xml:lang of the standard.
    if steps.isEmpty {
        let name = last.hasPrefix("@") ? String(last.dropFirst()) : last
        var found = false
        for spec in Catalogue.distinctSpecs() {
            guard let attribute = spec.attribute(name) else { continue }
            found = true
            #expect(attribute.codelist == codelist, "\(spec.name)/@\(name): codelist \(attribute.codelist ?? "none"), mapping.xml says \(codelist)")
        }
        #expect(found, "mapping \(path): no element of the catalogue has @\(name)")
        return
    }
    guard let spec = catalogueSpec(at: steps) else {
        Issue.record("mapping \(path): the catalogue has no element \(steps.joined(separator: "/"))")
        return
    }
    let actual: String?
    if last == "text()" {
        guard spec.content != nil else {
            Issue.record("mapping \(path): \(spec.name) has no text content in the catalogue")
            return
        }
        actual = spec.contentCodelist
    } else {
        let name = last.hasPrefix("@") ? String(last.dropFirst()) : last
        guard let attribute = spec.attribute(name) else {
            Issue.record("mapping \(path): \(spec.name) has no attribute @\(name) in the catalogue")
            return
        }
        actual = attribute.codelist
    }
    if binding {
        #expect(actual == codelist, "\(path): codelist \(actual ?? "none") in the catalogue, mapping.xml says \(codelist)")
    }
}

/// The spec at a mapping path that starts with a root (`iati-activities`) or a document
/// element (`iati-activity`).
private func catalogueSpec(at steps: [String]) -> ElementSpec? {
    guard let first = steps.first else { return nil }
    for root in Catalogue.roots {
        if root.name == first { return Catalogue.spec(at: Array(steps.dropFirst()), from: root) }
        if root.child(first) != nil { return Catalogue.spec(at: steps, from: root) }
    }
    return nil
}

// MARK: - Reading the XSD

private let xsdNamespace = "http://www.w3.org/2001/XMLSchema"

private func readXMLRoot(_ path: String) throws -> Node {
    let reader = try XMLReader(path: path)
    guard try reader.nextElement() != nil else {
        throw CatalogueTestError("\(path) has no root element")
    }
    return try reader.expand()
}

private struct CatalogueTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A child slot of a resolved element: its name, cardinality and declaration (a local
/// declaration or a `ref`).
private struct XSDChild {
    var name: String
    var min: Int
    var max: Int?
    var declaration: Node
}

/// An attribute after `ref`s, `attributeGroup`s and derivation have been resolved.
private struct XSDAttribute {
    var name: String
    /// Local name of the builtin XSD type (`string`, `date`, …).
    var type: String
    var required: Bool
}

/// An element declaration with its type resolved into the facts the catalogue records.
private struct XSDElement {
    var name: String
    var children: [XSDChild] = []
    var attributes: [XSDAttribute] = []
    /// Builtin type of the text, `nil` for element-only content.
    var content: String?
    var anyElements = false
    var anyAttributes = false
    /// Constructs the resolver does not handle; reported as failures.
    var problems: [String] = []
}

/// The global components of one schema file and the files it includes, with a resolver
/// from element declarations to ``XSDElement``s.
private struct XSDSchema {
    var elements: [String: Node] = [:]
    var complexTypes: [String: Node] = [:]
    var simpleTypes: [String: Node] = [:]
    var attributes: [String: Node] = [:]
    var attributeGroups: [String: Node] = [:]

    init(path: String) throws {
        var loaded: Set<String> = []
        try load(path, loaded: &loaded)
    }

    private mutating func load(_ path: String, loaded: inout Set<String>) throws {
        let path = URL(fileURLWithPath: path).standardizedFileURL.path
        guard loaded.insert(path).inserted else { return }
        let root = try readXMLRoot(path)
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        for component in root.children where component.namespace == xsdNamespace {
            guard let name = component.attribute("name") else {
                if component.name == "include", let location = component.attribute("schemaLocation") {
                    try load(directory.appendingPathComponent(location).path, loaded: &loaded)
                }
                // xsd:import brings in xml.xsd, whose only use here is xml:lang (handled below).
                continue
            }
            switch component.name {
            case "element": elements[name] = component
            case "complexType": complexTypes[name] = component
            case "simpleType": simpleTypes[name] = component
            case "attribute": attributes[name] = component
            case "attributeGroup": attributeGroups[name] = component
            default: break
            }
        }
    }

    /// Resolves a declaration as it appears in a sequence (`ref=` or `name=`) or at the top level.
    func resolve(_ declaration: Node) -> XSDElement {
        if let reference = declaration.attribute("ref") {
            guard let global = elements[reference] else {
                return XSDElement(name: reference, problems: ["ref to unknown element \(reference)"])
            }
            return resolve(global)
        }
        var element = XSDElement(name: declaration.attribute("name") ?? "?")
        if let type = declaration.attribute("type") {
            if let builtin = builtinName(type) {
                element.content = builtin
            } else if let complexType = complexTypes[type] {
                apply(complexType: complexType, to: &element)
            } else if let simpleType = simpleTypes[type] {
                element.content = simpleBase(simpleType, into: &element.problems)
            } else {
                element.problems.append("unknown type \(type)")
            }
        } else if let complexType = xsdChild(declaration, "complexType") {
            apply(complexType: complexType, to: &element)
        } else if let simpleType = xsdChild(declaration, "simpleType") {
            element.content = simpleBase(simpleType, into: &element.problems)
        } else {
            // No type at all: xsd:anyType, which takes any attributes and any content.
            element.content = "anyType"
            element.anyElements = true
            element.anyAttributes = true
        }
        return element
    }

    private func apply(complexType: Node, to element: inout XSDElement) {
        if complexType.attribute("mixed") == "true" { element.problems.append("mixed content") }
        for item in xsdChildren(complexType) {
            switch item.name {
            case "annotation": break
            case "sequence": appendParticles(of: item, to: &element)
            case "attribute", "attributeGroup", "anyAttribute": applyAttributeItem(item, to: &element)
            case "simpleContent":
                for derivation in xsdChildren(item) where derivation.name == "extension" || derivation.name == "restriction" {
                    let base = derivation.attribute("base") ?? ""
                    if let builtin = builtinName(base) {
                        element.content = builtin
                    } else if let baseType = complexTypes[base] {
                        apply(complexType: baseType, to: &element)
                    } else if let simpleType = simpleTypes[base] {
                        element.content = simpleBase(simpleType, into: &element.problems)
                    } else {
                        element.problems.append("unknown simpleContent base \(base)")
                    }
                    for part in xsdChildren(derivation) { applyAttributeItem(part, to: &element) }
                }
            case "complexContent":
                for derivation in xsdChildren(item) where derivation.name == "extension" || derivation.name == "restriction" {
                    let base = derivation.attribute("base") ?? ""
                    if let baseType = complexTypes[base] {
                        if derivation.name == "extension" {
                            apply(complexType: baseType, to: &element)
                        } else {
                            // A restriction restates the content model and inherits the attributes.
                            var inherited = XSDElement(name: element.name)
                            apply(complexType: baseType, to: &inherited)
                            element.attributes = inherited.attributes
                            element.anyAttributes = inherited.anyAttributes
                        }
                    } else if builtinName(base) != "anyType" {
                        element.problems.append("unknown complexContent base \(base)")
                    }
                    for part in xsdChildren(derivation) {
                        if part.name == "sequence" {
                            appendParticles(of: part, to: &element)
                        } else {
                            applyAttributeItem(part, to: &element)
                        }
                    }
                }
            default:
                element.problems.append("xsd:\(item.name) in a complexType")
            }
        }
    }

    private func appendParticles(of sequence: Node, to element: inout XSDElement) {
        if occurrences(of: sequence) != (1, 1) { element.problems.append("a repeated or optional xsd:sequence") }
        for particle in xsdChildren(sequence) {
            switch particle.name {
            case "annotation": break
            case "element":
                let (min, max) = occurrences(of: particle)
                let name = particle.attribute("ref") ?? particle.attribute("name") ?? "?"
                element.children.append(XSDChild(name: name, min: min, max: max, declaration: particle))
            case "any":
                if particle.attribute("namespace") != "##other" {
                    element.problems.append("xsd:any namespace=\(particle.attribute("namespace") ?? "##any")")
                }
                element.anyElements = true
            case "sequence":
                appendParticles(of: particle, to: &element)
            default:
                element.problems.append("xsd:\(particle.name) in a sequence")
            }
        }
    }

    private func applyAttributeItem(_ item: Node, to element: inout XSDElement) {
        switch item.name {
        case "attribute":
            let required = item.attribute("use") == "required"
            var resolved: XSDAttribute
            if let reference = item.attribute("ref") {
                if reference == "xml:lang" {
                    // xml.xsd: a union of xsd:language and the empty string.
                    resolved = XSDAttribute(name: reference, type: "language", required: required)
                } else if let global = attributes[reference] {
                    resolved = XSDAttribute(name: reference, type: attributeType(global, into: &element.problems), required: required)
                } else {
                    element.problems.append("ref to unknown attribute \(reference)")
                    return
                }
            } else {
                let name = item.attribute("name") ?? "?"
                resolved = XSDAttribute(name: name, type: attributeType(item, into: &element.problems), required: required)
            }
            element.attributes.removeAll { $0.name == resolved.name }
            if item.attribute("use") != "prohibited" { element.attributes.append(resolved) }
        case "attributeGroup":
            guard let reference = item.attribute("ref"), let group = attributeGroups[reference] else {
                element.problems.append("attributeGroup \(item.attribute("ref") ?? "without ref") not found")
                return
            }
            for member in xsdChildren(group) { applyAttributeItem(member, to: &element) }
        case "anyAttribute":
            if item.attribute("namespace") != "##other" {
                element.problems.append("xsd:anyAttribute namespace=\(item.attribute("namespace") ?? "##any")")
            }
            element.anyAttributes = true
        case "annotation":
            break
        default:
            element.problems.append("xsd:\(item.name) among attributes")
        }
    }

    private func attributeType(_ declaration: Node, into problems: inout [String]) -> String {
        if let type = declaration.attribute("type") {
            if let builtin = builtinName(type) { return builtin }
            if let simpleType = simpleTypes[type] { return simpleBase(simpleType, into: &problems) ?? "?" }
            problems.append("unknown attribute type \(type)")
            return "?"
        }
        if let simpleType = xsdChild(declaration, "simpleType") { return simpleBase(simpleType, into: &problems) ?? "?" }
        return "anySimpleType"
    }

    /// The builtin a simple type restricts (facets are not compared).
    private func simpleBase(_ simpleType: Node, into problems: inout [String]) -> String? {
        guard let restriction = xsdChild(simpleType, "restriction"), let base = restriction.attribute("base") else {
            problems.append("a simpleType that is not a restriction")
            return nil
        }
        if let builtin = builtinName(base) { return builtin }
        if let named = simpleTypes[base] { return simpleBase(named, into: &problems) }
        problems.append("unknown simple type \(base)")
        return nil
    }

    /// `xsd:date` → `date`; `nil` for names that are not XML Schema builtins.
    private func builtinName(_ qualified: String) -> String? {
        let parts = qualified.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0] == "xsd" || parts[0] == "xs" else { return nil }
        return String(parts[1])
    }
}

private func xsdChildren(_ node: Node) -> [Node] {
    node.children.filter { $0.namespace == xsdNamespace }
}

private func xsdChild(_ node: Node, _ name: String) -> Node? {
    node.children.first { $0.namespace == xsdNamespace && $0.name == name }
}

private func occurrences(of particle: Node) -> (Int, Int?) {
    let min = particle.attribute("minOccurs").flatMap { Int($0) } ?? 1
    let maxText = particle.attribute("maxOccurs")
    let max: Int? = maxText == "unbounded" ? nil : (maxText.flatMap { Int($0) } ?? 1)
    return (min, max)
}
