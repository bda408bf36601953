import IATIValidation

extension FuzzIO {
    /// The default ruleset, as `iatix validate` runs it.
    public static func defaultRules() -> RulesProvider? {
        (try? DefaultRuleset.load()).map { RulesProvider.ruleset($0) }
    }
}
