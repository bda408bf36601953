import ArgumentParser
import IATIValidation

/// The rules `iatix validate` and `iatix batch --validate` run: `--rules FILE`, none with
/// `--no-rules`, else the project's default ruleset.
enum ValidationRules {
    /// The rules and a name for them (recorded in manifests).
    /// - Throws: exit status 2 after printing the problem, for a ruleset that cannot be used.
    static func load(file: String?, none: Bool = false) throws -> (RulesProvider?, String) {
        do {
            if let file { return (.ruleset(try Ruleset(contentsOf: file)), file) }
            if none { return (nil, "none") }
            return (.ruleset(try DefaultRuleset.load()), DefaultRuleset.name)
        } catch {
            Terminal.standardError("iatix: error: \(error)")
            throw ExitCode(2)
        }
    }
}
