import LibXML

/// A problem with a ruleset: unreadable file, JSON syntax, unknown rule type, missing or
/// mistyped key, bad XPath or regular expression. Says which file, where, which rule and what.
public struct RulesetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The ruleset's name (its path, for files).
    public var file: String
    /// Line in the ruleset file, 0 when unknown.
    public var line: Int
    /// Column in the ruleset file, 0 when unknown.
    public var column: Int
    /// The context XPath the rule sits under, when known.
    public var context: String?
    /// The rule name as the file spells it (`atleast_one`, `dateOrder`), when known.
    public var rule: String?
    /// The case's position in the rule's `cases` (from 1), when known.
    public var caseNumber: Int?
    /// The case's `ruleInfo.id`, when it has one.
    public var ruleID: String?
    /// What is wrong.
    public var message: String

    /// Creates an error; see the properties for the meaning of each part.
    public init(
        file: String, line: Int = 0, column: Int = 0, context: String? = nil, rule: String? = nil,
        caseNumber: Int? = nil, ruleID: String? = nil, message: String
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.context = context
        self.rule = rule
        self.caseNumber = caseNumber
        self.ruleID = ruleID
        self.message = message
    }

    /// `file:line:column: context "…", rule "…", case N (id …): message`.
    public var description: String {
        var text = SourceLocation.text(file: file, line: line, column: column) + ": "
        var location: [String] = []
        if let context { location.append("context \"\(context)\"") }
        if let rule { location.append("rule \"\(rule)\"") }
        if let caseNumber {
            location.append(ruleID.map { "case \(caseNumber) (id \($0))" } ?? "case \(caseNumber)")
        } else if let ruleID {
            location.append("id \(ruleID)")
        }
        if !location.isEmpty { text += location.joined(separator: ", ") + ": " }
        return text + message
    }
}
