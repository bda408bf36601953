/// The 1.0x → 2.03 tables and the facts version detection and the upgrade need about 1.0x.
public enum V1Codes {
    /// Every code table, in the order the documentation lists them.
    public static let mappings: [CodeMapping] = [
        CodeMapping("ActivityDateType", to: "ActivityDateType", at: ["activity-date/@type"], [
            ("start-planned", "1"), ("start-actual", "2"), ("end-planned", "3"), ("end-actual", "4"),
        ]),
        CodeMapping("OrganisationRole", to: "OrganisationRole", at: ["participating-org/@role"], [
            ("Funding", "1"), ("Accountable", "2"), ("Extending", "3"), ("Implementing", "4"),
        ]),
        CodeMapping("TransactionType", to: "TransactionType", at: ["transaction-type/@code"], [
            ("IF", "1"), ("C", "2"), ("D", "3"), ("E", "4"), ("IR", "5"), ("LR", "6"), ("R", "7"),
            ("QP", "8"), ("QS", "9"), ("CG", "10"),
        ]),
        CodeMapping("Vocabulary", to: "SectorVocabulary", at: ["sector/@vocabulary"], [
            ("DAC", "1"), ("DAC-3", "2"), ("COFOG", "3"), ("NACE", "4"), ("NTEE", "5"), ("ADT", "6"),
            ("RO", "99"), ("RO2", "98"), ("ISO", nil), ("WB", nil),
        ]),
        CodeMapping("Vocabulary", to: "PolicyMarkerVocabulary", at: ["policy-marker/@vocabulary"], [
            ("DAC", "1"), ("RO", "99"), ("DAC-3", nil), ("COFOG", nil), ("NACE", nil), ("NTEE", nil),
            ("ADT", nil), ("RO2", nil), ("ISO", nil), ("WB", nil),
        ]),
        CodeMapping("GazetteerAgency", to: "GeographicVocabulary", at: ["gazetteer-entry/@gazetteer-ref"], [
            ("GEO", "G1"), ("OSM", "G2"), ("NGA", nil),
        ]),
        CodeMapping("AidTypeFlag", to: "CRSAddOtherFlags", at: ["aidtype-flag/@code"], [
            ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"),
        ]),
        CodeMapping("ActivityStatus", to: "ActivityStatus", at: ["activity-status/@code"], [
            ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5"), ("6", "6"),
        ]),
        CodeMapping("BudgetType", to: "BudgetType", at: ["budget/@type"], [("1", "1"), ("2", "2")]),
        CodeMapping("RelatedActivityType", to: "RelatedActivityType", at: ["related-activity/@type"], [
            ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5"),
        ]),
        CodeMapping("DocumentCategory", to: "DocumentCategory", at: ["category/@code"],
            ["A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A09", "A10", "A11",
             "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B09", "B10", "B11", "B12", "B13", "B14", "B15",
            ].map { (from: $0, to: Optional($0)) }),
    ]

    /// The table for an attribute of an element (by the element's local name), if any.
    public static func mapping(element: String, attribute: String) -> CodeMapping? {
        byPlace[element]?[attribute]
    }

    /// `mappings` by element, then attribute, for lookups on every attribute of every record.
    private static let byPlace: [String: [String: CodeMapping]] = {
        var index: [String: [String: CodeMapping]] = [:]
        for mapping in mappings {
            for place in mapping.places {
                guard let (element, attribute) = split(place) else { continue }
                if index[element]?[attribute] == nil { index[element, default: [:]][attribute] = mapping }
            }
        }
        return index
    }()

    /// The code mappings of one element's attributes (one lookup per element on hot paths).
    static func mappings(element: String) -> [String: CodeMapping]? {
        byPlace[element]
    }

    /// Whether 1.0x wrote `@attribute` of `<element>` with codes of its own (textual ones such
    /// as `D` for a disbursement) that the upgrade maps to 2.x codes.
    public static func hasVersion1Codes(element: String, attribute: String) -> Bool {
        byPlace[element]?[attribute]?.changesCodes == true
    }

    /// The attributes only 1.0x has on one element.
    static func version1OnlyAttributes(element: String) -> Set<String>? {
        version1OnlyAttributeNames[element]
    }

    /// The children only 1.0x has under one element.
    static func version1OnlyChildren(element: String) -> Set<String>? {
        version1OnlyChildNames[element]
    }

    private static let version1OnlyChildNames: [String: Set<String>] = {
        var index: [String: Set<String>] = [:]
        for place in version1OnlyElements {
            let parts = place.split(separator: "/", maxSplits: 1)
            guard parts.count == 2 else { continue }
            index[String(parts[0]), default: []].insert(String(parts[1]))
        }
        return index
    }()

    /// `value` when it is a 1.0x code that 2.x writes differently (`start-planned`, `D`,
    /// `Funding`, `DAC`) at this attribute; `nil` otherwise.
    static func textualCode(element: String, attribute: String, value: String) -> String? {
        guard let mapping = mapping(element: element, attribute: attribute) else { return nil }
        return textualCode(mapping, value: value)
    }

    /// ``textualCode(element:attribute:value:)`` with the mapping already looked up.
    static func textualCode(_ mapping: CodeMapping, value: String) -> String? {
        guard mapping.changesCodes else { return nil }
        let code = String(Lexical.trimmed(value))
        guard
            let target = mapping.target(of: code), target != code
        else { return nil }
        return code
    }

    /// Elements only 1.0x has, as `parent/child`.
    static let version1OnlyElements: Set<String> = [
        "iati-activity/activity-website", "location/coordinates", "location/gazetteer-entry",
        "location/location-type", "crs-add/aidtype-flag", "iati-organisation/iati-identifier",
    ]

    /// `element/@attribute` as its two names.
    private static func split(_ place: String) -> (String, String)? {
        let parts = place.split(separator: "/@", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// Whether only 1.0x has this attribute on this element.
    static func isVersion1Only(element: String, attribute: String) -> Bool {
        version1OnlyAttributeNames[element]?.contains(attribute) ?? false
    }

    private static let version1OnlyAttributeNames: [String: Set<String>] = {
        var index: [String: Set<String>] = [:]
        for place in version1OnlyAttributes {
            guard let (element, attribute) = split(place) else { continue }
            index[element, default: []].insert(attribute)
        }
        return index
    }()

    /// Attributes only 1.0x has, as `element/@attribute`.
    static let version1OnlyAttributes: Set<String> = [
        "other-identifier/@owner-ref", "other-identifier/@owner-name", "planned-disbursement/@updated",
        "location/@percentage", "administrative/@country", "administrative/@adm1", "administrative/@adm2",
        "document-link/@language",
    ]
}

/// What 1.0x wrote differently on elements of one name (see ``V1Codes``): the code tables of
/// its attributes, and the attributes and children only 1.0x has; each `nil` when there are none.
/// Looked up once per ``ElementSpec``, for the walks that ask on every element of a record.
struct Version1Traits: Sendable {
    let codeMappings: [String: CodeMapping]?
    let attributes: Set<String>?
    let children: Set<String>?

    init(element: String) {
        codeMappings = V1Codes.mappings(element: element)
        attributes = V1Codes.version1OnlyAttributes(element: element)
        children = V1Codes.version1OnlyChildren(element: element)
    }
}
