import ArgumentParser
import IATIValidation

/// The rules `iatix validate` and `iatix batch --validate` run: `--rules FILE`, none with
/// `--no-rules`, else the project's default ruleset; with the registration agency prefixes of
/// `--org-id-prefixes FILE`, else the built-in ones.
enum ValidationRules {
    /// What `--org-id-prefixes` says, for the help of each command that takes it.
    static let prefixesHelp =
        "Registration agency prefixes for the organisation identifier checks (1.14.8, 1.18.8, …), instead of the built-in OrganisationRegistrationAgency codelist: that codelist's XML as IATI publishes it, or a plain list, one prefix such as GB-COH per line (# starts a comment)."

    /// The rules and a name for them (recorded in manifests), which names the prefix file too.
    /// - Throws: exit status 2 after printing the problem, for a ruleset or prefix list that
    ///   cannot be used.
    static func load(file: String?, none: Bool = false, prefixFile: String? = nil) throws -> (RulesProvider?, String) {
        if none && file == nil { return (nil, "none") }
        do {
            let prefixNote = prefixFile.map { ", org-id prefixes \($0)" } ?? ""
            return (try .standard(rulesFile: file, prefixFile: prefixFile), (file ?? DefaultRuleset.name) + prefixNote)
        } catch {
            Terminal.standardError("iatix: error: \(error)")
            throw ExitCode(2)
        }
    }
}
