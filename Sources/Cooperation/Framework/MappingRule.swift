public import Foundation

/// A rule that maps activities onto a node of the framework.
///
/// A rule holds one or more conditions; an activity matches when every condition holds, and a
/// condition holds when any of its values matches. The rule's ``tier`` is that of its most
/// explicit condition, and tiers are applied in order (see ``RuleTier``).
public struct MappingRule: Sendable, Hashable {
    /// A name unique in the framework, recorded with every mapping the rule makes.
    public var id: String
    /// Code of the priority, outcome or output the rule maps to.
    public var target: String
    /// Share of the activity, in percent (0 < share ≤ 100). `nil`: taken from the matched
    /// sector percentages for sector and SDG-sector rules, else the whole remaining activity.
    public var share: Decimal?
    /// The confidence recorded with the mapping; `nil` uses the tier's default.
    public var confidence: Confidence?
    public var conditions: [RuleCondition]
    public var note: String?
    /// Line of the rule in the framework file, 0 when built in code.
    public var line: Int

    /// Creates a rule.
    public init(
        id: String, target: String, share: Decimal? = nil, confidence: Confidence? = nil,
        conditions: [RuleCondition], note: String? = nil, line: Int = 0
    ) {
        self.id = id
        self.target = target
        self.share = share
        self.confidence = confidence
        self.conditions = conditions
        self.note = note
        self.line = line
    }

    /// The tier of the rule's most explicit condition.
    public var tier: RuleTier {
        conditions.map(\.tier).min() ?? .keyword
    }

    /// The confidence of the rule's mappings: stated, or the tier's default.
    public var effectiveConfidence: Confidence {
        confidence ?? tier.defaultConfidence
    }
}

/// How sure a mapping is.
public enum Confidence: String, Sendable, Hashable, CaseIterable, Comparable {
    case high
    case medium
    case low

    private var rank: Int {
        switch self {
        case .high: 0
        case .medium: 1
        case .low: 2
        }
    }

    /// Higher confidence sorts first.
    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
}

/// The kinds of evidence a rule can use, most explicit first.
///
/// The matcher applies tiers in this order: the matches of a tier take their shares of what is
/// still unallocated, and the rest goes on to the next tier.
public enum RuleTier: Int, Sendable, Hashable, CaseIterable, Comparable {
    /// Listed activity identifiers or identifier suffixes.
    case identifier = 1
    /// `tag` codes with their vocabulary.
    case tag
    /// `result/reference` and `indicator/reference` codes.
    case resultReference
    /// DAC 5-digit and 3-digit sector codes.
    case sector
    /// SDG goals and targets, from tags or sectors with SDG vocabularies.
    case sdg
    /// Participating organisations and recipient countries.
    case organisation
    /// Words in titles and descriptions, English and Vietnamese, accent-insensitive.
    case keyword

    public static func < (lhs: RuleTier, rhs: RuleTier) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The confidence of mappings made at this tier unless a rule says otherwise.
    public var defaultConfidence: Confidence {
        switch self {
        case .identifier, .tag, .resultReference: .high
        case .sector, .sdg, .organisation: .medium
        case .keyword: .low
        }
    }

    /// A short name, as used in outputs.
    public var name: String {
        switch self {
        case .identifier: "identifier"
        case .tag: "tag"
        case .resultReference: "result-reference"
        case .sector: "sector"
        case .sdg: "sdg"
        case .organisation: "organisation"
        case .keyword: "keyword"
        }
    }
}

/// One condition of a rule.
public enum RuleCondition: Sendable, Hashable {
    /// The activity's identifier is one of these.
    case identifiers([String])
    /// The activity's identifier ends with one of these.
    case identifierSuffixes([String])
    /// The activity has a `tag` with one of these vocabulary/code pairs.
    case tags([CodeReference])
    /// A `result/reference` has one of these vocabulary/code pairs.
    case resultReferences([CodeReference])
    /// An `indicator/reference` has one of these vocabulary/code pairs.
    case indicatorReferences([CodeReference])
    /// An activity sector is one of these: 5-digit codes match DAC 5-digit sectors
    /// (vocabulary 1); 3-digit codes match DAC 3-digit sectors (vocabulary 2) and the 5-digit
    /// codes that start with them.
    case sectors([String])
    /// SDG goals (`8`): tags of vocabulary 2, sectors of vocabulary 7, and targets or
    /// indicators under the goal (tag vocabularies 3 and 4, sector vocabularies 8 and 9).
    case sdgGoals([String])
    /// SDG targets (`8.7`): tags of vocabulary 3, sectors of vocabulary 8, and indicators
    /// under the target (tag vocabulary 4, sector vocabulary 9).
    case sdgTargets([String])
    /// A `participating-org` with one of these refs (and, when given, this role).
    case participatingOrgs([OrganisationMatch])
    /// A `recipient-country` with one of these codes.
    case recipientCountries([String])
    /// A title or description contains one of these phrases, compared without case and
    /// diacritics, on word boundaries.
    case keywords(en: [String], vi: [String])

    /// The tier this condition belongs to.
    public var tier: RuleTier {
        switch self {
        case .identifiers, .identifierSuffixes: .identifier
        case .tags: .tag
        case .resultReferences, .indicatorReferences: .resultReference
        case .sectors: .sector
        case .sdgGoals, .sdgTargets: .sdg
        case .participatingOrgs, .recipientCountries: .organisation
        case .keywords: .keyword
        }
    }
}

/// A participating organisation a rule looks for.
public struct OrganisationMatch: Sendable, Hashable {
    /// The organisation identifier (`ref`); compared exactly.
    public var ref: String
    /// OrganisationRole code; `nil` matches any role.
    public var role: String?

    /// Creates a match.
    public init(ref: String, role: String? = nil) {
        self.ref = ref
        self.role = role
    }
}
