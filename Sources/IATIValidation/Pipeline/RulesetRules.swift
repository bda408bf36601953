public import LibXML

/// Runs a ``RuleEngine`` (IATI Rulesets JSON) on every record as the pipeline's rules.
public final class RulesetRules: RecordRules {
    private let engine: RuleEngine

    /// Prepares `ruleset` for evaluation.
    public init(ruleset: Ruleset, options: RuleEngine.Options = .default) {
        self.engine = RuleEngine(ruleset: ruleset, options: options)
    }

    /// The rules' findings on one record; a rule that cannot be evaluated on it becomes one
    /// error finding naming the ruleset's complaint.
    public func findings(for record: RuleRecord, root: Node, file: String, identifier: String) -> [Finding] {
        let found: [RuleFinding]
        do {
            switch record {
            case .tree(let tree):
                found = try engine.evaluate(record: tree, root: root)
            case .node(let node):
                var document = root
                document.children = [node]
                found = try engine.evaluate(document: document)
            }
        } catch {
            var finding = Finding(
                ruleID: "rules", severity: .error, category: .iati,
                message: "the ruleset could not be evaluated on this record: \(error.message)",
                file: file, record: identifier)
            finding.position = record.position
            return [finding]
        }
        // One finding per fault: a case that fails on several elements gives one per element,
        // each at its own line.
        return found.flatMap { finding in
            finding.faults.map { fault in
                var made = Finding(
                    ruleID: finding.ruleID ?? finding.ruleName,
                    severity: Severity(finding.severity),
                    category: Category(rawValue: finding.category ?? Category.information.rawValue),
                    message: finding.message,
                    file: file, line: fault.line, column: fault.column, record: identifier, location: finding.context,
                    context: Self.particulars(fault.details))
                made.contextElement = ContextElement(
                    name: finding.contextElement, position: SourcePosition(line: finding.contextLine, column: finding.contextColumn))
                made.ruleDetails = RuleDetails(ruleName: finding.ruleType.rawValue, nodes: fault.nodes)
                return made
            }
        }
    }

    /// At most this many particulars are quoted in one finding; the rest are counted.
    static let particularsShown = 5

    /// A fault's particulars as one finding's context, the first ``particularsShown`` of them
    /// quoted (a fault that spans many elements, a sum over every transaction, stays short);
    /// `nil` when there are none.
    static func particulars(_ details: [String]) -> String? {
        guard !details.isEmpty else { return nil }
        var shown = details.prefix(particularsShown).joined(separator: "; ")
        if details.count > particularsShown { shown += "; and \(details.count - particularsShown) more" }
        return shown
    }
}

extension RulesProvider {
    /// Runs `ruleset` with a ``RuleEngine`` per thread.
    public static func ruleset(_ ruleset: Ruleset, options: RuleEngine.Options = .default) -> RulesProvider {
        RulesProvider { RulesetRules(ruleset: ruleset, options: options) }
    }

    /// The rules iatix's commands run: the ruleset in `rulesFile`, else the project's default
    /// ruleset, with the registration agency prefixes in `prefixFile`, else the built-in ones
    /// (``OrganisationPrefixes``).
    /// - Throws: ``RulesetError`` for a ruleset or prefix file that cannot be used.
    public static func standard(rulesFile: String? = nil, prefixFile: String? = nil) throws(RulesetError) -> RulesProvider {
        let prefixes = try prefixFile.map { path throws(RulesetError) in try OrganisationPrefixes.load(contentsOf: path) }
        let options = RuleEngine.Options(organisationIdentifierPrefixes: prefixes ?? OrganisationPrefixes.builtIn)
        let ruleset = if let rulesFile { try Ruleset(contentsOf: rulesFile) } else { try DefaultRuleset.load() }
        var provider = RulesProvider.ruleset(ruleset, options: options)
        provider.prefixListName = OrganisationPrefixes.listName(file: prefixFile)
        return provider
    }
}

extension Severity {
    /// The severity of a ruleset case.
    init(_ severity: RuleSeverity) {
        switch severity {
        case .info: self = .info
        case .warning: self = .warning
        case .error: self = .error
        case .critical: self = .critical
        }
    }
}
