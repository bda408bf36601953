/// The kinds of change the upgrade to 2.03 makes, each with a stable identifier (used in the
/// upgrade log's JSON and in the summary on standard error) and a one-line explanation (used
/// in the generated mapping tables).
public enum UpgradeRule: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The document's `version` is set to 2.03.
    case version = "version"
    /// A version was assumed because the declared one is missing, unknown or contradicted.
    case versionAssumed = "version-assumed"
    /// A 1.0x textual code replaced by its 2.03 numeric code from the mapping tables.
    case codeMapped = "code-mapped"
    /// A value that is the name of a code (e.g. `closed`) replaced by the code.
    case codeByName = "code-by-name"
    /// A value that is not a 2.03 code and has no mapping: left in place and reported.
    case unmappedCode = "unmapped-code"
    /// Plain text inside an element moved into a `narrative` child, with the element's `xml:lang`.
    case textToNarrative = "text-to-narrative"
    /// Sibling elements holding the same text in different languages merged into one element
    /// with one narrative per language.
    case narrativesMerged = "narratives-merged"
    /// The text of a code element that only repeats the code's name, dropped.
    case codeNameDropped = "code-name-dropped"
    /// A date written as an element's text moved into its `iso-date` attribute.
    case dateFromText = "date-from-text"
    /// A code written as an element's text moved into its `code` attribute.
    case codeFromText = "code-from-text"
    /// An element renamed (`aidtype-flag` → `other-flags`, ...).
    case elementRenamed = "element-renamed"
    /// An attribute renamed (`ref` → `code` on code elements of the 1.0 drafts).
    case attributeRenamed = "attribute-renamed"
    /// `other-identifier`: text → `@ref`, `@owner-ref` → `owner-org/@ref`, `@owner-name` →
    /// `owner-org/narrative`.
    case otherIdentifier = "other-identifier"
    /// `activity-website` → `document-link` with category A12 (activity web page).
    case activityWebsite = "activity-website"
    /// `document-link/@language` (1.01) → `document-link/language/@code`.
    case documentLanguage = "document-language"
    /// `location/coordinates` → `location/point/pos`.
    case locationCoordinates = "location-coordinates"
    /// `location/location-type` → `location/feature-designation`.
    case locationType = "location-type"
    /// `location/gazetteer-entry` → `location/location-id`.
    case gazetteerEntry = "gazetteer-entry"
    /// `location/administrative/@country` → `administrative` with vocabulary A4 (ISO country).
    case administrativeCountry = "administrative-country"
    /// Content 2.03 no longer has, kept in the iatix legacy namespace so nothing is lost.
    case keptAsExtension = "kept-as-extension"
    /// An empty attribute or an element with nothing in it, dropped.
    case emptyDropped = "empty-dropped"
    /// A code that 2.03 still lists but has withdrawn: kept as written and reported.
    case withdrawnCode = "withdrawn-code"

    /// A short title for tables.
    public var title: String {
        switch self {
        case .version: "Version"
        case .versionAssumed: "Version assumed"
        case .codeMapped: "Code mapped"
        case .codeByName: "Code from its name"
        case .unmappedCode: "Unmapped code (reported)"
        case .textToNarrative: "Text to narrative"
        case .narrativesMerged: "Languages merged"
        case .codeNameDropped: "Code name dropped"
        case .dateFromText: "Date from text"
        case .codeFromText: "Code from text"
        case .elementRenamed: "Element renamed"
        case .attributeRenamed: "Attribute renamed"
        case .otherIdentifier: "Other identifier"
        case .activityWebsite: "Activity website"
        case .documentLanguage: "Document language"
        case .locationCoordinates: "Coordinates"
        case .locationType: "Location type"
        case .gazetteerEntry: "Gazetteer entry"
        case .administrativeCountry: "Administrative country"
        case .keptAsExtension: "Kept as extension"
        case .emptyDropped: "Empty content dropped"
        case .withdrawnCode: "Withdrawn code (reported)"
        }
    }

    /// What the rule does, in one sentence.
    public var explanation: String {
        switch self {
        case .version:
            "The root `version` becomes `2.03`; the declared version is kept in the upgrade log."
        case .versionAssumed:
            "The declared version is missing, not an IATI version, or contradicted by the content; the version the content shows is used and the log says why."
        case .codeMapped:
            "A 1.0x textual code is replaced by its 2.03 code (tables below)."
        case .codeByName:
            "A value, or the text of a code element without a code, that is exactly the name of one code of the 2.03 codelist (any case, e.g. `closed`, `ODA`) becomes that code."
        case .unmappedCode:
            "A value that is neither a 2.03 code nor mapped is left as written and reported, never guessed."
        case .textToNarrative:
            "Text written directly inside an element becomes a `narrative` child; the element's `xml:lang` moves onto the narrative."
        case .narrativesMerged:
            "Repeated elements (one per language in 1.0x) become one element with a narrative per language."
        case .codeNameDropped:
            "Text inside a code element that only repeats the code's name (1.0x allowed it, 2.01 removed it) is dropped."
        case .dateFromText:
            "A date written as text (1.0x `activity-date`, `period-start`, ...) without `iso-date` becomes the `iso-date`."
        case .codeFromText:
            "A code written as text without a `code` attribute (1.0x `document-link/language`) becomes the `code`."
        case .elementRenamed:
            "An element 2.03 knows under another name is renamed."
        case .attributeRenamed:
            "An attribute 2.03 knows under another name is renamed."
        case .otherIdentifier:
            "`other-identifier` text becomes `@ref`, `@owner-ref` becomes `owner-org/@ref`, `@owner-name` becomes `owner-org/narrative`; 1.0x has no identifier type, so `@type` is reported missing."
        case .activityWebsite:
            "`activity-website` becomes a `document-link` with category A12; 2.03 requires a format and a title, so `text/html` and the code's name (Activity web page, in English) are supplied."
        case .documentLanguage:
            "The 1.01 `document-link/@language` becomes a `language` child."
        case .locationCoordinates:
            "`coordinates/@latitude` and `@longitude` become `point/pos` in WGS 84 (EPSG:4326); `@precision` is kept as an extension."
        case .locationType:
            "`location-type/@code` becomes `feature-designation/@code` (the same LocationType codes)."
        case .gazetteerEntry:
            "`gazetteer-entry` becomes `location-id` with the 2.03 geographic vocabulary of its gazetteer (GEO → G1, OSM → G2); other gazetteers are kept as extensions."
        case .administrativeCountry:
            "`administrative/@country` (with no `adm1`/`adm2`) becomes vocabulary A4 (ISO country), level 0, with the country as code."
        case .keptAsExtension:
            "Elements, attributes and text that 2.03 no longer has are kept in the iatix legacy namespace (`\(LegacyNamespace.uri)`)."
        case .emptyDropped:
            "Empty attributes, and elements left with no attribute, text or child where 2.03 requires some, carry no data and are dropped."
        case .withdrawnCode:
            "A code that the 2.03 codelist marks as withdrawn (e.g. BudgetIdentifierVocabulary 1, some FinanceType codes) is kept and reported: a publisher should choose a current code."
        }
    }

    public static func < (lhs: UpgradeRule, rhs: UpgradeRule) -> Bool { lhs.rawValue < rhs.rawValue }
}
