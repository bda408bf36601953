/// The structure of one element of the IATI standard, as data: its attributes, its children
/// in schema order with their cardinalities, and its text content.
///
/// One catalogue of these drives decoding, the JSON mapping, the element order of canonical
/// XML, the JSON Schema of the output and structural validation.
public final class ElementSpec: Sendable {
    /// Local name (IATI elements are in no namespace).
    public let name: String
    public let attributes: [AttributeSpec]
    /// Children in the order the schema's `xsd:sequence` requires; no two of them share a name.
    public let children: [ChildSpec]
    /// The datatype of the element's text, `nil` for element-only content.
    public let content: DataType?
    /// The IATI codelist the text is drawn from (e.g. `crs-add/channel-code`), if any.
    public let contentCodelist: String?
    /// `xsd:any namespace="##other"`: elements of other namespaces may follow the children.
    public let allowsExtensionElements: Bool
    /// `xsd:anyAttribute namespace="##other"`.
    public let allowsExtensionAttributes: Bool
    /// Key in the normalised JSON, camelCase of the name unless given.
    public let jsonKey: String
    /// Key of the text content in the JSON object ("text" for strings, "value" otherwise).
    public let contentKey: String
    /// Position of each child name in `children`, for lookups on the hot path.
    private let childIndex: [String: Int]
    /// What 1.0x wrote differently on this element, by its name.
    let version1: Version1Traits
    /// The JSON keys of ``attributes`` and of ``children``, in their order: looked through for
    /// every key of every object read back from JSON.
    let attributeJSONKeys: [String]
    let childJSONKeys: [String]

    public init(
        _ name: String,
        content: DataType? = nil,
        contentCodelist: String? = nil,
        attributes: [AttributeSpec] = [],
        children: [ChildSpec] = [],
        extensionElements: Bool = true,
        extensionAttributes: Bool = true,
        jsonKey: String? = nil
    ) {
        self.name = name
        self.content = content
        self.contentCodelist = contentCodelist
        self.attributes = attributes
        self.children = children
        self.allowsExtensionElements = extensionElements
        self.allowsExtensionAttributes = extensionAttributes
        self.jsonKey = jsonKey ?? JSONNaming.camelCase(name)
        self.contentKey = content == .string || content == nil ? "text" : "value"
        var index: [String: Int] = [:]
        for (position, child) in children.enumerated() {
            index[child.element.name] = position
        }
        precondition(index.count == children.count, "two child slots of <\(name)> share an element name")
        self.childIndex = index
        version1 = Version1Traits(element: name)
        attributeJSONKeys = attributes.map(\.jsonKey)
        childJSONKeys = children.map(\.jsonKey)
    }

    /// The child spec for an element name, if the standard has one here.
    public func child(_ name: String) -> ChildSpec? {
        childIndex[name].map { children[$0] }
    }

    /// The attribute spec for a (non-namespaced, or `xml:`) attribute name.
    public func attribute(_ name: String) -> AttributeSpec? {
        attributes.first { $0.name == name }
    }

    /// Position of a child in schema order, for sorting canonical output.
    public func order(of name: String) -> Int? {
        childIndex[name]
    }
}

/// A child element slot: which element, how many times.
public struct ChildSpec: Sendable {
    public let element: ElementSpec
    public let minOccurs: Int
    /// `nil` for unbounded.
    public let maxOccurs: Int?
    /// JSON key: the element's key, pluralised when it may repeat.
    public let jsonKey: String

    public init(_ element: ElementSpec, min: Int, max: Int?, jsonKey: String? = nil) {
        self.element = element
        self.minOccurs = min
        self.maxOccurs = max
        self.jsonKey = jsonKey ?? (max == 1 ? element.jsonKey : JSONNaming.plural(element.jsonKey))
    }

    /// Repeats allowed (the JSON value is an array).
    public var isRepeated: Bool { maxOccurs != 1 }

    public static func one(_ element: ElementSpec) -> ChildSpec { ChildSpec(element, min: 1, max: 1) }
    public static func optional(_ element: ElementSpec) -> ChildSpec { ChildSpec(element, min: 0, max: 1) }
    public static func oneOrMore(_ element: ElementSpec, jsonKey: String? = nil) -> ChildSpec {
        ChildSpec(element, min: 1, max: nil, jsonKey: jsonKey)
    }
    public static func zeroOrMore(_ element: ElementSpec, jsonKey: String? = nil) -> ChildSpec {
        ChildSpec(element, min: 0, max: nil, jsonKey: jsonKey)
    }
}

/// An attribute of an element.
public struct AttributeSpec: Sendable {
    /// The name as written in XML: `iso-date`, or `xml:lang` for the XML namespace.
    public let name: String
    public let type: DataType
    public let isRequired: Bool
    /// The IATI codelist the value is drawn from (by its file name, e.g. `ActivityStatus`).
    public let codelist: String?
    public let jsonKey: String

    public init(_ name: String, _ type: DataType = .string, required: Bool = false, codelist: String? = nil, jsonKey: String? = nil) {
        self.name = name
        self.type = type
        self.isRequired = required
        self.codelist = codelist
        self.isXMLNamespace = name.hasPrefix("xml:")
        self.localName = isXMLNamespace ? String(name.dropFirst(4)) : name
        self.jsonKey = jsonKey ?? JSONNaming.camelCase(localName)
    }

    public static func required(_ name: String, _ type: DataType = .string, codelist: String? = nil) -> AttributeSpec {
        AttributeSpec(name, type, required: true, codelist: codelist)
    }
    public static func optional(_ name: String, _ type: DataType = .string, codelist: String? = nil) -> AttributeSpec {
        AttributeSpec(name, type, required: false, codelist: codelist)
    }

    /// `xml:lang`, optional, drawn from the `Language` codelist.
    public static let lang = AttributeSpec("xml:lang", .language, codelist: "Language")
    /// Whether the attribute is in the XML namespace (`xml:lang`).
    public let isXMLNamespace: Bool
    /// The local part of the name.
    public let localName: String
}

/// The XML Schema datatypes the IATI schemas use for attributes and text.
public enum DataType: String, Sendable, CaseIterable {
    case string
    /// `xsd:decimal`: optional sign, digits, optional fraction; no exponent.
    case decimal
    case integer
    /// `xsd:int`: a whole number from −2,147,483,648 to 2,147,483,647.
    case int
    case nonNegativeInteger
    case positiveInteger
    /// `xsd:boolean`: `true`, `false`, `1`, `0`.
    case boolean
    /// `xsd:date`: `YYYY-MM-DD` with an optional time zone.
    case date
    case dateTime
    case anyURI
    /// `xsd:language` (`xml:lang`).
    case language
    case nmtoken = "NMTOKEN"

    /// Whether the JSON form is a number.
    public var isNumeric: Bool {
        switch self {
        case .decimal, .integer, .int, .nonNegativeInteger, .positiveInteger: true
        default: false
        }
    }
}

/// How XML names become JSON keys.
public enum JSONNaming {
    /// `participating-org` → `participatingOrg`.
    public static func camelCase(_ name: String) -> String {
        var result = ""
        var upper = false
        for character in name {
            if character == "-" || character == "_" || character == ":" {
                upper = true
            } else if upper {
                result += character.uppercased()
                upper = false
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// English plural of a key: `sector` → `sectors`, `category` → `categories`; keys that
    /// are already plural or mass nouns (`otherFlags`, `legacyData`) stay as they are.
    public static func plural(_ key: String) -> String {
        if key.hasSuffix("s") || key.hasSuffix("Data") { return key }
        if key.hasSuffix("y"), let before = key.dropLast().last, !"aeiou".contains(before) {
            return key.dropLast() + "ies"
        }
        return key + "s"
    }
}
