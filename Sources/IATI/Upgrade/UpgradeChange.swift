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
