import ArgumentParser
import IATIValidation

/// The rules `iatix validate` and `iatix batch --validate` run: `--rules FILE`, else the
/// project's default ruleset.
enum ValidationRules {
    /// The rules and a name for them (recorded in reports and manifests).
    /// - Throws: exit status 2 after printing the problem, for a ruleset that cannot be used.
    static func load(file: String?) throws -> (RulesProvider?, String) {
        guard let file else { return (nil, "none") }
        do {
            return (.ruleset(try Ruleset(contentsOf: file)), file)
        } catch {
            Terminal.standardError("iatix: error: \(error)")
            throw ExitCode(2)
        }
    }
}
