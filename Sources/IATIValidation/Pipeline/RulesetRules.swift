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
            return [Finding(
                ruleID: "rules", severity: .error, category: .iati,
                message: "the ruleset could not be evaluated on this record: \(error.message)",
                file: file, line: record.line, record: identifier)]
        }
        return found.map { finding in
            Finding(
                ruleID: finding.ruleID ?? finding.ruleName,
                severity: Severity(finding.severity),
                category: Category(rawValue: finding.category ?? Category.information.rawValue),
                message: finding.message,
                file: file, line: finding.line, record: identifier, location: finding.context,
                context: finding.details.isEmpty ? nil : finding.details.joined(separator: "; "))
        }
    }
}

extension RulesProvider {
    /// Runs `ruleset` with a ``RuleEngine`` per thread.
    public static func ruleset(_ ruleset: Ruleset, options: RuleEngine.Options = .default) -> RulesProvider {
        RulesProvider { RulesetRules(ruleset: ruleset, options: options) }
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
