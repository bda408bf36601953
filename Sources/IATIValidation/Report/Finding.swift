public import LibXML

/// One thing a validation found: which check, how serious, what and where.
public struct Finding: Sendable, Hashable {
    /// The check's identifier: the official IATI Validator's where one exists (`0.3.1` for
    /// structure, `9.5.1` for the activity status codelist, `1.1.2` for duplicate identifiers).
    public var ruleID: String
    public var severity: Severity
    public var category: Category
    /// What is wrong, in one sentence.
    public var message: String
    /// The input's name as given (a path, `-`).
    public var file: String
    /// 1-based line, 0 when unknown.
    public var line: Int
    /// 1-based column, 0 when unknown.
    public var column: Int
    /// The identifier of the activity (or organisation) the finding is about, as the report
    /// groups it (`noIdentifier` when it has none, `id(2)` for a repeat); `nil` for the file.
    public var record: String?
    /// Where in the document: an XPath-like location such as
    /// `/iati-activities/iati-activity[3]/transaction[2]/value/@currency`.
    public var location: String
    /// The codelist a codelist finding checked against.
    public var codelist: String?
    /// More detail on the value involved (`"25" is not a code of ActivityStatus`), if any.
    public var context: String?
    /// For a rule's finding: the element the rule's context XPath matched (the activity, the
    /// transaction, the budget), as the official validator's `xpathContext`; `nil` otherwise.
    public var contextElement: ContextElement?
    /// For a rule's finding: what the official validator's `details` say (the rule type and
    /// the nodes the case read), written in the JSON report when details are asked for.
    public var ruleDetails: RuleDetails?

    /// Makes a finding.
    public init(
        ruleID: String, severity: Severity, category: Category, message: String,
        file: String, line: Int = 0, column: Int = 0, record: String? = nil,
        location: String = "", codelist: String? = nil, context: String? = nil
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.category = category
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.record = record
        self.location = location
        self.codelist = codelist
        self.context = context
    }

    /// Where the finding is: ``line`` and ``column``.
    public var position: SourcePosition {
        get { SourcePosition(line: line, column: column) }
        set {
            line = newValue.line
            column = newValue.column
        }
    }
}

/// The element a rule ran on: its name and where its start tag is.
public struct ContextElement: Sendable, Hashable {
    /// The element's name as written (`transaction`).
    public var name: String
    /// Where its `<` is.
    public var position: SourcePosition

    /// Makes a context element.
    public init(name: String, position: SourcePosition) {
        self.name = name
        self.position = position
    }
}

/// The particulars of a rule's finding, as the official validator's `details`: the rule type
/// as it names it and the nodes the case read (its `caseContext` and `failContext`).
public struct RuleDetails: Sendable, Hashable {
    /// The rule type as the official validator names it (`atLeastOne`, `dateOrder`).
    public var ruleName: String
    /// The nodes of this finding, each with what the case used it for.
    public var nodes: [RuleNode]

    /// Makes details.
    public init(ruleName: String, nodes: [RuleNode]) {
        self.ruleName = ruleName
        self.nodes = nodes
    }
}

/// The identifiers of the checks this module runs itself (the rules engine brings its own).
public enum RuleID {
    /// Not well-formed XML (official id).
    public static let notWellFormed = "0.1.1"
    /// XML, but not an IATI activity or organisation file (official id).
    public static let notIATI = "0.2.1"
    /// Not valid against the structure of the standard (official id for schema errors).
    public static let structure = "0.3.1"
    /// A version 1.0x file (official id).
    public static let unsupportedVersion = "0.6.1"
    /// The version attribute names no version of the standard (official codelist rule id for
    /// activity files; organisation files use ``versionCodeOrganisation``).
    public static let versionCode = "9.1.1"
    /// The same, in an organisation file.
    public static let versionCodeOrganisation = "9.97.1"
    /// Two activities share an identifier (official id).
    public static let duplicateIdentifier = "1.1.2"
    /// An external entity or DTD the reader did not load (iatix's own id: the official
    /// validator has none).
    public static let externalNotLoaded = "iatix.not-loaded"

    /// The official id of an input that could not be read as IATI XML: ``notIATI`` for XML
    /// with another root, ``notWellFormed`` for the rest (not well-formed, not XML at all).
    public static func of(_ error: XMLError) -> String {
        error.inputKind == .otherXML ? notIATI : notWellFormed
    }
}
