import LibXML

/// Writes the JSON Schema (draft 2020-12) of iatix's normalised JSON from the catalogue, so
/// that the schema, the encoder and the decoder cannot drift apart.
///
/// The schema describes the shape of the output (which keys, which JSON types), not IATI
/// validity: a file that breaks the standard still converts, and `iatix validate` says how.
public enum JSONSchemaGenerator {
    /// Schema of a whole document (`iatix convert --to json`) of activities or organisations.
    public static func documentSchema(id: String = "https://iatix.example/schemas/iatix-document.schema.json") -> JSONValue {
        var definitions = Definitions()
        let roots = Catalogue.roots.map { definitions.reference(for: $0, document: true) }
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(id)),
            ("title", .string("iatix normalised IATI document")),
            ("description", .string("One IATI file as normalised JSON: the root element's attributes, its namespace declarations, its records (activities or organisations) and root-level extensions. Generated from the iatix catalogue of IATI 2.03.")),
            ("oneOf", .array(roots)),
            ("$defs", definitions.all),
        ])
    }

    /// Schema of one line of `iatix convert --to jsonl`: one activity.
    public static func activityLineSchema(id: String = "https://iatix.example/schemas/iatix-activity.schema.json") -> JSONValue {
        var definitions = Definitions()
        let activity = definitions.reference(for: ActivityCatalogue.activity, document: false)
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(id)),
            ("title", .string("iatix normalised IATI activity (one JSON Lines record)")),
            ("description", .string("One iati-activity as normalised JSON, as `iatix convert --to jsonl` writes one per line. Generated from the iatix catalogue of IATI 2.03.")),
            ("allOf", .array([activity])),
            ("$defs", definitions.all),
        ])
    }

    /// The schema as the text committed in `schemas/`.
    public static func text(_ schema: JSONValue) -> String {
        var out: [UInt8] = []
        JSONText.appendPretty(schema, to: &out)
        return String(decoding: out, as: UTF8.self) + "\n"
    }
}

/// The `$defs` of a schema: one definition per distinct element spec, named by element name
/// (qualified by the parent's name where two specs share a name).
private struct Definitions {
    private var names: [ObjectIdentifier: String] = [:]
    private var taken: Set<String> = []
    private var bodies: [(String, JSONValue)] = []

    var all: JSONValue {
        var members = bodies.sorted { $0.0 < $1.0 }
        members.append(("extensions", Self.extensions))
        members.append(("extensionElement", Self.extensionElement))
        members.append(("extensionAttribute", Self.extensionAttribute))
        return .object(members)
    }

    mutating func reference(for spec: ElementSpec, document: Bool, parent: String? = nil) -> JSONValue {
        if let name = names[ObjectIdentifier(spec)] { return Self.ref(name) }
        var name = spec.name
        if taken.contains(name), let parent { name = parent + "." + spec.name }
        var counter = 2
        while taken.contains(name) {
            name = spec.name + "." + String(counter)
            counter += 1
        }
        taken.insert(name)
        names[ObjectIdentifier(spec)] = name
        let index = bodies.count
        bodies.append((name, .null))
        bodies[index].1 = body(for: spec, name: name, document: document)
        return Self.ref(name)
    }

    static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/$defs/" + name))]) }

    private mutating func body(for spec: ElementSpec, name: String, document: Bool) -> JSONValue {
        var properties: [(key: String, value: JSONValue)] = []
        for attribute in spec.attributes {
            properties.append((attribute.jsonKey, Self.scalar(attribute.type, note: "@\(attribute.name)" + (attribute.codelist.map { ", codelist \($0)" } ?? "") + (attribute.isRequired ? ", required by the standard" : ""))))
        }
        if let content = spec.content {
            properties.append((spec.contentKey, Self.scalar(content, note: "text of <\(spec.name)>")))
        } else {
            properties.append((spec.contentKey, .object([
                ("type", .string("string")),
                ("description", .string("text found where the standard expects only elements, kept")),
            ])))
        }
        if document {
            properties.append(("namespaces", .object([
                ("type", .string("object")),
                ("description", .string("namespace declarations of the root element: prefix → URI")),
                ("additionalProperties", .object([("type", .string("string"))])),
            ])))
        }
        for child in spec.children {
            let reference = reference(for: child.element, document: false, parent: name)
            let cardinality = "<\(child.element.name)>, \(child.minOccurs)..\(child.maxOccurs.map(String.init) ?? "n") in the standard"
            if child.isRepeated {
                properties.append((child.jsonKey, .object([
                    ("type", .string("array")),
                    ("description", .string(cardinality)),
                    ("items", reference),
                ])))
            } else {
                properties.append((child.jsonKey, .object([
                    ("description", .string(cardinality)),
                    ("allOf", .array([reference])),
                ])))
            }
        }
        properties.append(("extensions", Self.ref("extensions")))
        let object: JSONValue = .object([
            ("type", .string("object")),
            ("description", .string("<\(spec.name)>")),
            ("properties", .object(properties)),
            ("additionalProperties", .bool(false)),
        ])
        guard spec.content != nil, spec.attributes.isEmpty, spec.children.isEmpty, let content = spec.content else {
            return object
        }
        // Text-only elements are their bare value, or an object when they carry extensions.
        return .object([("oneOf", .array([Self.scalar(content, note: "<\(spec.name)>"), object]))])
    }

    /// A value of an xsd type: numbers and booleans are JSON numbers and booleans; a value that
    /// was not valid for its type is kept as the string that was written.
    private static func scalar(_ type: DataType, note: String) -> JSONValue {
        let types: [String] =
            switch type {
            case .decimal, .integer, .int, .nonNegativeInteger, .positiveInteger: ["number", "string"]
            case .boolean: ["boolean", "string"]
            default: ["string"]
            }
        var members: [(key: String, value: JSONValue)] = [
            ("type", types.count == 1 ? .string(types[0]) : .array(types.map(JSONValue.string)))
        ]
        var description = "\(note); xsd:\(type.rawValue)"
        if types.count > 1 { description += " (a string only when the input was not a valid \(type.rawValue): kept as written)" }
        members.append(("description", .string(description)))
        return .object(members)
    }

    private static var extensions: JSONValue {
        .object([
            ("type", .string("object")),
            ("description", .string("attributes and elements the standard does not define here (publishers' extensions in other namespaces, or unknown content), kept as read")),
            ("properties", .object([
                ("attributes", .object([("type", .string("array")), ("items", ref("extensionAttribute"))])),
                ("elements", .object([("type", .string("array")), ("items", ref("extensionElement"))])),
            ])),
            ("additionalProperties", .bool(false)),
        ])
    }

    private static var extensionAttribute: JSONValue {
        generic(properties: [("value", string)], required: ["name", "value"])
    }

    private static var extensionElement: JSONValue {
        generic(
            properties: [
                ("attributes", .object([("type", .string("array")), ("items", ref("extensionAttribute"))])),
                ("text", string),
                ("children", .object([("type", .string("array")), ("items", ref("extensionElement"))])),
            ],
            required: ["name"])
    }

    private static var string: JSONValue { .object([("type", .string("string"))]) }

    /// An object of a name in a namespace (`name`, `namespace`, `prefix`) and `properties`.
    private static func generic(properties: [(key: String, value: JSONValue)], required: [String]) -> JSONValue {
        .object([
            ("type", .string("object")),
            ("properties", .object([("name", string), ("namespace", string), ("prefix", string)] + properties)),
            ("required", .array(required.map(JSONValue.string))),
            ("additionalProperties", .bool(false)),
        ])
    }
}
