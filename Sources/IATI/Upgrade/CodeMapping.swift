/// One table mapping the codes of a 1.0x codelist to a 2.03 codelist, for the attributes that
/// use it. The facts come from the IATI 2.01 changelog (language-neutral codelists) and from the
/// codes' names in the 1.05 and 2.03 codelists, which the tests compare.
public struct CodeMapping: Sendable {
    /// The 1.05 codelist (`TransactionType`, `Vocabulary`, `GazetteerAgency`).
    public let codelist105: String
    /// The 2.03 codelist the codes go to.
    public let codelist203: String
    /// Where the codes are found in 1.0x, as `element/@attribute`
    /// (`transaction-type/@code`, `sector/@vocabulary`).
    public let places: [String]
    /// 1.0x code → 2.03 code; `nil` where 2.03 has no equivalent (reported, not guessed).
    public let codes: [(from: String, to: String?)]

    init(_ codelist105: String, to codelist203: String, at places: [String], _ codes: [(from: String, to: String?)]) {
        self.codelist105 = codelist105
        self.codelist203 = codelist203
        self.places = places
        self.codes = codes
    }

    /// The 2.03 code for a 1.0x code: `.some(nil)` when the code is known to have no
    /// equivalent, `nil` when the table does not know the code.
    public func target(of code: String) -> String?? {
        guard let entry = codes.first(where: { $0.from == code }) else { return nil }
        return .some(entry.to)
    }

    /// Whether the table changes codes (rather than confirming that they stay the same).
    public var changesCodes: Bool { codes.contains { $0.from != $0.to } }
}

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
        let place = element + "/@" + attribute
        return mappings.first { $0.places.contains(place) }
    }

    /// `value` when it is a 1.0x code that 2.x writes differently (`start-planned`, `D`,
    /// `Funding`, `DAC`) at this attribute; `nil` otherwise.
    static func textualCode(element: String, attribute: String, value: String) -> String? {
        let code = String(Lexical.trimmed(value))
        guard let mapping = mapping(element: element, attribute: attribute), mapping.changesCodes,
            let target = mapping.target(of: code), target != code
        else { return nil }
        return code
    }

    /// Elements only 1.0x has, as `parent/child`.
    static let version1OnlyElements: Set<String> = [
        "iati-activity/activity-website", "location/coordinates", "location/gazetteer-entry",
        "location/location-type", "crs-add/aidtype-flag", "iati-organisation/iati-identifier",
    ]

    /// Attributes only 1.0x has, as `element/@attribute`.
    static let version1OnlyAttributes: Set<String> = [
        "other-identifier/@owner-ref", "other-identifier/@owner-name", "planned-disbursement/@updated",
        "location/@percentage", "administrative/@country", "administrative/@adm1", "administrative/@adm2",
        "document-link/@language",
    ]
}

/// An element 2.03 knows under another name.
public struct ElementRename: Sendable, Hashable {
    /// The parent's name (`crs-add`).
    public let parent: String
    /// The 1.0x name (`aidtype-flag`).
    public let from: String
    /// The 2.03 name (`other-flags`).
    public let to: String
    /// Where the rename comes from.
    public let note: String

    /// Every rename, in the order the documentation lists them.
    public static let all: [ElementRename] = [
        ElementRename(parent: "crs-add", from: "aidtype-flag", to: "other-flags", note: "renamed in 2.01 (codelist AidTypeFlag → CRSAddOtherFlags, same codes)"),
        ElementRename(parent: "iati-organisation", from: "iati-identifier", to: "organisation-identifier", note: "renamed in 2.01"),
        ElementRename(parent: "iati-activity", from: "flow-type", to: "default-flow-type", note: "1.0 drafts; renamed in 1.01"),
        ElementRename(parent: "iati-activity", from: "finance-type", to: "default-finance-type", note: "1.0 drafts; renamed in 1.01"),
        ElementRename(parent: "iati-activity", from: "aid-type", to: "default-aid-type", note: "1.0 drafts; renamed in 1.01"),
        ElementRename(parent: "iati-activity", from: "tied-status", to: "default-tied-status", note: "1.0 drafts; renamed in 1.01"),
    ]

    /// The rename of a child of `parent`, if any.
    static func of(_ child: String, in parent: String) -> ElementRename? {
        all.first { $0.parent == parent && $0.from == child }
    }
}
