public import LibXML

/// A rule case that failed on one element: what the rule says and where the data breaks it.
public struct RuleFinding: Sendable, Hashable {
    /// The rule type (for a `loop`, the type of the inner rule that failed).
    public var ruleType: RuleType
    /// The rule name as the ruleset spells it (`atleast_one`, `dateOrder`).
    public var ruleName: String
    /// The case's `ruleInfo.id` (`1.1.3`), when the ruleset gives one.
    public var ruleID: String?
    /// The case's `ruleInfo.severity`; ``RuleSeverity/error`` when it gives none.
    public var severity: RuleSeverity
    /// The case's `ruleInfo.category` (`identifiers`, `financial`), when given.
    public var category: String?
    /// The case's `ruleInfo.message`, or a description of the rule when it has none.
    public var message: String
    /// The context XPath whose element the case ran on.
    public var context: String
    /// The line of the offending node: the value, date or element at fault, or the context
    /// element when the fault is something missing.
    public var line: Int
    /// The column of the offending node on ``line`` (an element's `<`, an attribute's name),
    /// 0 when unknown.
    public var column: Int = 0
    /// The line of the context element.
    public var contextLine: Int
    /// The column of the context element's `<`, 0 when unknown.
    public var contextColumn: Int = 0
    /// The name of the context element (`transaction`, `iati-activity`) as written.
    public var contextElement: String = ""
    /// The `iati-identifier` (or `organisation-identifier`) of the activity (or organisation)
    /// the element belongs to; `nil` when it has none.
    public var activityIdentifier: String?
    /// The faults, each at its own line: one per element at fault (every narrative without
    /// `xml:lang`, every value out of range), or one for a fault that spans several elements
    /// (too many of something), its particulars naming them all.
    public var faults: [RuleFault]
    /// Particulars, one line each: the values at fault and their lines (every fault's).
    public var details: [String] { faults.flatMap(\.details) }
    /// The ruleset's name.
    public var ruleset: String
    /// The case's position in its rule's `cases`, from 1.
    public var caseNumber: Int

    /// Creates a finding; see the properties for the meaning of each part.
    public init(
        ruleType: RuleType, ruleName: String, ruleID: String?, severity: RuleSeverity, category: String?,
        message: String, context: String, line: Int, contextLine: Int, activityIdentifier: String?,
        faults: [RuleFault], ruleset: String, caseNumber: Int
    ) {
        self.ruleType = ruleType
        self.ruleName = ruleName
        self.ruleID = ruleID
        self.severity = severity
        self.category = category
        self.message = message
        self.context = context
        self.line = line
        self.contextLine = contextLine
        self.activityIdentifier = activityIdentifier
        self.faults = faults
        self.ruleset = ruleset
        self.caseNumber = caseNumber
    }
}

/// Where a rule case fails on its element: a node at fault and what is wrong with it.
public struct RuleFault: Sendable, Hashable {
    /// The line of the node at fault, or of the context element when something is missing.
    public var line: Int
    /// The column of the node at fault (or of the context element), 0 when unknown.
    public var column: Int
    /// Particulars, one line each: the values at fault and their lines.
    public var details: [String]
    /// The nodes the particulars name, with the paths that selected them and where they are
    /// (the official validator's `caseContext.paths`, for this fault).
    public var nodes: [RuleNode]

    /// Creates a fault.
    public init(line: Int, column: Int = 0, details: [String], nodes: [RuleNode] = []) {
        self.line = line
        self.column = column
        self.details = details
        self.nodes = nodes
    }
}

/// A node a rule case read: the expression that selected it, its name, its value and where it
/// is. The official validator's `caseContext.paths` items (`xpath`, `name`, `value`,
/// `lineNumber`, `columnNumber`), its dates, and its `failContext` items.
public struct RuleNode: Sendable, Hashable {
    /// The case's expression that selected the node (a `paths` item, a date key's expression);
    /// for a node found by the rule type itself (`oneOrAll`), the expression it used.
    public var xpath: String
    /// The node's name as written (`iso-date`, `narrative`), `#text` for text.
    public var name: String
    /// The node's string value.
    public var value: String
    /// Where the node starts.
    public var position: SourcePosition
    /// What the case used the node for.
    public var role: Role

    /// What a case used a node for: the keys of the official validator's `caseContext`
    /// (`paths`, and the dates `less`, `more`, `date`, `start`, `end`), or an element at fault
    /// that the rule type found itself (its `failContext`).
    public enum Role: String, Sendable, Hashable {
        case paths, less, more, date, start, end
        case failure
    }

    /// Creates a node description.
    public init(xpath: String, name: String, value: String, position: SourcePosition, role: Role = .paths) {
        self.xpath = xpath
        self.name = name
        self.value = value
        self.position = position
        self.role = role
    }
}

/// What became of one rule case on one element.
///
/// The official validator counts ``skippedByCondition`` and ``skippedByIDCondition`` as passes;
/// it reports only ``failed``; its overall "all rules" result treats ``skippedMissingDate`` as
/// a failure unless every case was skipped.
public enum RuleOutcome: String, Sendable, Hashable, CaseIterable {
    /// The case holds.
    case passed
    /// The case fails: a finding.
    case failed
    /// The case's `condition` is false, so it was not evaluated ("No Condition Match").
    case skippedByCondition
    /// The case's `idCondition` is false, so it was not evaluated ("No ID Condition Match").
    case skippedByIDCondition
    /// A date rule could not find, or could not read, a date it needs ("the rule is ignored").
    case skippedMissingDate
    /// The case needs registry identifier lists the engine was not given.
    case skippedNoIDSets

    /// Whether the case was not evaluated.
    public var isSkipped: Bool {
        switch self {
        case .passed, .failed: false
        default: true
        }
    }
}

/// One rule case evaluated on one element: the outcome, and the case described as a finding
/// (which is a real finding only when ``outcome`` is ``RuleOutcome/failed``).
public struct RuleCaseResult: Sendable, Hashable {
    /// What became of the case.
    public var outcome: RuleOutcome
    /// The case, its element and lines; with the particulars of the fault when it failed.
    public var finding: RuleFinding

    /// Creates a result.
    public init(outcome: RuleOutcome, finding: RuleFinding) {
        self.outcome = outcome
        self.finding = finding
    }
}
