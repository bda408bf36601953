/// Where a value was or went: an element path below the record (`iati-activity/transaction[2]/transaction-type/@code`)
/// and the value there (`nil` for an element as a whole).
public struct UpgradePlace: Sendable, Hashable {
    /// Element names from the record down, `[n]` where several siblings share a name, and
    /// `@name` for an attribute.
    public var path: String
    /// The value at the path, or `nil` when the place is an element.
    public var value: String?

    /// Makes a place.
    public init(path: String, value: String? = nil) {
        self.path = path
        self.value = value
    }
}

/// One change an upgrade made: from where and what, to where and what, by which rule.
public struct UpgradeChange: Sendable, Hashable {
    /// The rule applied.
    public var rule: UpgradeRule
    /// Line in the original file of the element concerned.
    public var line: Int
    /// What the input had; `nil` when the change only adds something.
    public var from: UpgradePlace?
    /// What the output has; `nil` when the input's value was dropped (it is then named here).
    public var to: UpgradePlace?
    /// Why, when the rule alone does not say it (an unmapped code, a supplied default).
    public var note: String?

    /// Makes a change.
    public init(rule: UpgradeRule, line: Int, from: UpgradePlace?, to: UpgradePlace?, note: String? = nil) {
        self.rule = rule
        self.line = line
        self.from = from
        self.to = to
        self.note = note
    }
}

/// Something 2.03 requires that an upgraded record still lacks (or has in a form 2.03 does not
/// accept): the output is not schema-valid until the publisher supplies it.
public struct MissingContent: Sendable, Hashable, CustomStringConvertible {
    /// What kind of gap.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A required element is absent.
        case element = "missing-element"
        /// A required attribute is absent.
        case attribute = "missing-attribute"
        /// More elements than 2.03 allows at this place.
        case tooMany = "too-many"
        /// A value that is not valid for its 2.03 datatype.
        case invalidValue = "invalid-value"
        /// Content 2.03 does not allow here (no-namespace content, text in an element-only element).
        case notAllowed = "not-allowed"
    }

    /// What kind of gap.
    public var kind: Kind
    /// Path below the record of the element concerned, ending in `@name` for an attribute.
    public var path: String
    /// The element whose content is incomplete (the parent, for a missing element).
    public var element: String
    /// The missing or offending element or attribute name (`@ref` for attributes).
    public var item: String
    /// Line of the element in the original file.
    public var line: Int
    /// A sentence saying what is missing or wrong.
    public var message: String

    /// Makes a gap.
    public init(kind: Kind, path: String, element: String, item: String, line: Int, message: String) {
        self.kind = kind
        self.path = path
        self.element = element
        self.item = item
        self.line = line
        self.message = message
    }

    /// `line N: message (path)`.
    public var description: String { "line \(line): \(message) (\(path))" }
}

/// What the upgrade did to one record (activity or organisation).
public struct RecordUpgrade: Sendable, Hashable {
    /// The record's identifier (`iati-identifier`, `organisation-identifier`), if it has one.
    public var identifier: String?
    /// Line of the record's start tag in the original file.
    public var line: Int
    /// Which version the record was read as, and why.
    public var decision: VersionDecision
    /// The changes, in document order.
    public var changes: [UpgradeChange]
    /// What 2.03 requires that the upgraded record lacks.
    public var missing: [MissingContent]

    /// Makes a record's log.
    public init(identifier: String?, line: Int, decision: VersionDecision, changes: [UpgradeChange] = [], missing: [MissingContent] = []) {
        self.identifier = identifier
        self.line = line
        self.decision = decision
        self.changes = changes
        self.missing = missing
    }
}
