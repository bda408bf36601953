/// The rule types of the IATI Rulesets format (IATI-Rulesets `SPEC.rst`), named as the
/// official JavaScript validator names them; ``init(ruleName:)`` also takes the snake-case names.
public enum RuleType: String, Sendable, Hashable, CaseIterable, Comparable {
    /// There must be at least one node matched by `paths`.
    case atLeastOne
    /// There must be no more than one node matched by `paths`.
    case noMoreThanOne
    /// With a match of `excluded`, `paths` must match nothing; without, exactly one node.
    case onlyOneOf
    /// `one` must exist, or else every element named by `all` must carry the attribute.
    case oneOrAll
    /// If one of `paths` matches, all must (in the specification; not in the JS validator).
    case dependent
    /// The texts matched by `paths` must be distinct.
    case unique
    /// The numbers matched by `paths` must add up to `sum`, when there are any.
    case sum
    /// The numbers matched by `paths` must add up to `sum`.
    case strictSum
    /// The date `less` must not be after the date `more`.
    case dateOrder
    /// The date `date` must not be in the future.
    case dateNow
    /// `end` must be no more than 365 days after `start`.
    case timeLimit
    /// `date` must lie between `start` and `end`.
    case betweenDates
    /// Every non-empty text matched by `paths` must match `regex`.
    case regexMatches
    /// No non-empty text matched by `paths` may match `regex`.
    case regexNoMatches
    /// Every text matched by `paths` must start with a `prefix` text (plus `separator`).
    case startsWith
    /// When `if` holds, `then` must hold.
    case ifThen
    /// Every number matched by `paths` must lie within `min` and `max`.
    case range
    /// Runs the rules in `do` once for each distinct value matched by `foreach`.
    case loop
    /// No text matched by `paths` may start or end with white space.
    case noSpaces

    /// The type for a rule name as a ruleset spells it: camel case (`atLeastOne`) or the
    /// specification's snake case (`atleast_one`, `startswith`).
    public init?(ruleName: String) {
        if let type = RuleType(rawValue: ruleName) {
            self = type
            return
        }
        switch ruleName {
        case "atleast_one": self = .atLeastOne
        case "no_more_than_one": self = .noMoreThanOne
        case "only_one_of": self = .onlyOneOf
        case "one_or_all": self = .oneOrAll
        case "strict_sum": self = .strictSum
        case "date_order": self = .dateOrder
        case "date_now": self = .dateNow
        case "time_limit": self = .timeLimit
        case "between_dates": self = .betweenDates
        case "regex_matches": self = .regexMatches
        case "regex_no_matches": self = .regexNoMatches
        case "startswith": self = .startsWith
        case "if_then": self = .ifThen
        case "no_spaces": self = .noSpaces
        default: return nil
        }
    }

    /// Whether the rule is skipped when a date it needs is missing or unreadable.
    var isDateRule: Bool {
        switch self {
        case .dateOrder, .dateNow, .timeLimit, .betweenDates: true
        default: false
        }
    }

    public static func < (lhs: RuleType, rhs: RuleType) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How serious a rule finding is (a ruleset case's `ruleInfo.severity`).
public enum RuleSeverity: String, Sendable, Hashable, CaseIterable, Comparable {
    case info, warning, error, critical

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        case .critical: 3
        }
    }

    public static func < (lhs: RuleSeverity, rhs: RuleSeverity) -> Bool { lhs.rank < rhs.rank }
}
