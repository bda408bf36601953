internal import Foundation
import LibXML

/// A ruleset in the IATI Rulesets JSON format (IATI-Rulesets `SPEC.rst`):
/// `{ "context xpath": { "ruleName": { "cases": [ {…}, … ] } } }`.
///
/// Loading checks everything that can be checked without data: JSON syntax, rule names, the
/// keys each rule type needs and their types, the syntax of every XPath expression and regular
/// expression. Contexts, rules and cases keep the order of the file.
public struct Ruleset: Sendable {
    /// The ruleset's name (its path when read from a file); errors and findings name it.
    public let name: String
    let contexts: [RuleContext]

    /// Reads and checks the ruleset file at `path`.
    /// - Throws: ``RulesetError`` naming the file, and where possible the line, context, rule
    ///   and case, and what is wrong.
    public init(contentsOf path: String) throws(RulesetError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RulesetError(file: path, message: "cannot read the ruleset file")
        }
        try self.init(json: [UInt8](data), name: path)
    }

    /// Parses and checks a ruleset from JSON bytes.
    /// - Parameters:
    ///   - json: the JSON text, UTF-8.
    ///   - name: names the ruleset in errors and findings.
    /// - Throws: ``RulesetError`` as for ``init(contentsOf:)``.
    public init(json: [UInt8], name: String) throws(RulesetError) {
        let root: RulesetJSON.Located
        do {
            root = try RulesetJSONParser.parse(json)
        } catch {
            throw RulesetError(
                file: name, line: error.line, column: error.column, message: "JSON syntax error: \(error.message)")
        }
        let loader = RulesetLoader(file: name)
        self.name = name
        self.contexts = try loader.load(root)
        try RulesetChecker(file: name).check(contexts)
    }

    /// The context XPath expressions, in file order.
    public var contextExpressions: [String] { contexts.map(\.xpath) }

    /// The rule types the ruleset uses (a loop's inner rules included).
    public var ruleTypes: Set<RuleType> {
        var types = Set<RuleType>()
        func add(_ rules: [Rule]) {
            for rule in rules {
                types.insert(rule.type)
                for ruleCase in rule.cases { add(ruleCase.loop?.rules ?? []) }
            }
        }
        for context in contexts { add(context.rules) }
        return types
    }

    /// How many cases the ruleset holds (a loop counts once, with its inner cases).
    public var caseCount: Int {
        func count(_ rules: [Rule]) -> Int {
            rules.reduce(0) { total, rule in
                total + rule.cases.reduce(0) { $0 + 1 + count($1.loop?.rules ?? []) }
            }
        }
        return contexts.reduce(0) { $0 + count($1.rules) }
    }
}

// MARK: - Model

/// A context XPath and the rules evaluated on each element it selects.
struct RuleContext: Sendable {
    var xpath: String
    var line: Int
    var rules: [Rule]
}

/// One rule name under a context, with its cases.
struct Rule: Sendable {
    var type: RuleType
    /// As the file spells it.
    var name: String
    var line: Int
    var cases: [RuleCase]
}

/// `ruleInfo`: what a finding reports.
struct RuleInfo: Sendable, Hashable {
    var id: String?
    var severity: RuleSeverity?
    var category: String?
    var message: String?
    var link: String?
}

/// `idCondition`: skip the case when the matched identifiers are known to the registry.
enum IDCondition: String, Sendable {
    /// Skip when a matched text is a known organisation identifier.
    case notExistingOrgID = "NOT_EXISTING_ORG_ID"
    /// Skip when a matched text starts with a known organisation identifier and `-`.
    case notExistingOrgIDPrefix = "NOT_EXISTING_ORG_ID_PREFIX"
}

/// The `loop` keys: `foreach`, `do`, `subs`.
struct RuleLoop: Sendable {
    var foreach: String
    var rules: [Rule]
    /// Keys of the inner cases where `$1` is replaced by each value.
    var substitutedKeys: [String]
}

/// One case of a rule: the keys of the specification, typed.
struct RuleCase: Sendable {
    /// Position in the rule's `cases`, from 1.
    var number: Int
    var line: Int
    var condition: String?
    var idCondition: IDCondition?
    var paths: [String]?
    var less: String?
    var more: String?
    var date: String?
    var start: String?
    var end: String?
    var regex: String?
    /// `sum` as JavaScript's `Number()` reads it.
    var sum: Double?
    var excluded: [String]?
    var one: String?
    var all: String?
    var prefix: [String]?
    var separator: String?
    var ifExpression: String?
    var thenExpression: String?
    var min: Double?
    var max: Double?
    var loop: RuleLoop?
    var info: RuleInfo?

    /// The keys `subs` may name: those holding an XPath or a text.
    static let substitutableKeys: Set<String> = [
        "paths", "condition", "less", "more", "date", "start", "end", "regex", "excluded", "one",
        "all", "prefix", "separator", "if", "then",
    ]

    /// The prefixes of a `startsWith` case: `prefix`, or the specification's `start`.
    var startsWithPrefixes: [String] { prefix ?? start.map { [$0] } ?? [] }

    /// A copy with every `$1` in the given keys replaced by `value` (a `loop` iteration).
    func substituting(_ keys: [String], with value: String) -> RuleCase {
        var copy = self
        func replace(_ text: String?) -> String? { text?.replacing("$1", with: value) }
        func replace(_ texts: [String]?) -> [String]? { texts?.map { $0.replacing("$1", with: value) } }
        for key in keys {
            switch key {
            case "paths": copy.paths = replace(paths)
            case "condition": copy.condition = replace(condition)
            case "less": copy.less = replace(less)
            case "more": copy.more = replace(more)
            case "date": copy.date = replace(date)
            case "start": copy.start = replace(start)
            case "end": copy.end = replace(end)
            case "regex": copy.regex = replace(regex)
            case "excluded": copy.excluded = replace(excluded)
            case "one": copy.one = replace(one)
            case "all": copy.all = replace(all)
            case "prefix": copy.prefix = replace(prefix)
            case "separator": copy.separator = replace(separator)
            case "if": copy.ifExpression = replace(ifExpression)
            case "then": copy.thenExpression = replace(thenExpression)
            default: break
            }
        }
        return copy
    }
}

// MARK: - Loading

/// Turns the JSON tree into the model, checking keys and types.
private struct RulesetLoader {
    let file: String

    /// Where the loader is, for errors.
    private struct Place {
        var context: String?
        var rule: String?
        var caseNumber: Int?
        var ruleID: String?
    }

    private func error(_ message: String, at value: RulesetJSON.Located, _ place: Place = Place()) -> RulesetError {
        RulesetError(
            file: file, line: value.line, column: value.column, context: place.context, rule: place.rule,
            caseNumber: place.caseNumber, ruleID: place.ruleID, message: message)
    }

    func load(_ root: RulesetJSON.Located) throws(RulesetError) -> [RuleContext] {
        guard case .object(let members) = root.value else {
            throw error("the ruleset must be a JSON object of context XPaths, found \(root.value.typeName)", at: root)
        }
        var contexts: [RuleContext] = []
        for member in members {
            let place = Place(context: member.key)
            if member.key.trimmingCharacters(in: .whitespaces).isEmpty {
                throw error("empty context XPath", at: member.value, place)
            }
            let rules = try loadRules(member.value, place: place, insideLoop: false)
            contexts.append(RuleContext(xpath: member.key, line: member.value.line, rules: rules))
        }
        return contexts
    }

    private func loadRules(_ value: RulesetJSON.Located, place: Place, insideLoop: Bool) throws(RulesetError) -> [Rule]
    {
        guard case .object(let members) = value.value else {
            throw error("expected an object of rule names, found \(value.value.typeName)", at: value, place)
        }
        var rules: [Rule] = []
        for member in members {
            var place = place
            place.rule = member.key
            guard let type = RuleType(ruleName: member.key) else {
                let known = RuleType.allCases.map(\.rawValue).joined(separator: ", ")
                throw error("unknown rule type \"\(member.key)\" (known: \(known))", at: member.value, place)
            }
            if insideLoop && type == .loop {
                throw error("a loop cannot hold another loop", at: member.value, place)
            }
            guard case .object(let body) = member.value.value else {
                throw error(
                    "expected an object with \"cases\", found \(member.value.value.typeName)", at: member.value, place)
            }
            guard let casesValue = body.first(where: { $0.key == "cases" })?.value else {
                throw error("the rule has no \"cases\"", at: member.value, place)
            }
            guard case .array(let items) = casesValue.value else {
                throw error("\"cases\" must be an array, found \(casesValue.value.typeName)", at: casesValue, place)
            }
            var cases: [RuleCase] = []
            for (offset, item) in items.enumerated() {
                var casePlace = place
                casePlace.caseNumber = offset + 1
                cases.append(try loadCase(item, type: type, number: offset + 1, place: casePlace))
            }
            rules.append(Rule(type: type, name: member.key, line: member.value.line, cases: cases))
        }
        return rules
    }

    private func loadCase(_ value: RulesetJSON.Located, type: RuleType, number: Int, place: Place) throws(RulesetError)
        -> RuleCase
    {
        guard case .object(let members) = value.value else {
            throw error("a case must be an object, found \(value.value.typeName)", at: value, place)
        }
        var place = place
        var keys: [String: RulesetJSON.Located] = [:]
        for member in members { keys[member.key] = member.value }

        var ruleCase = RuleCase(number: number, line: value.line)
        if let info = keys["ruleInfo"] {
            ruleCase.info = try loadInfo(info, place: place)
            place.ruleID = ruleCase.info?.id
        }

        func string(_ key: String) throws(RulesetError) -> String? {
            guard let found = keys[key] else { return nil }
            guard case .string(let text) = found.value else {
                throw error("\"\(key)\" must be a string, found \(found.value.typeName)", at: found, place)
            }
            return text
        }
        /// A list of XPaths; one string is taken as a list of one.
        func strings(_ key: String) throws(RulesetError) -> [String]? {
            guard let found = keys[key] else { return nil }
            switch found.value {
            case .string(let text):
                return [text]
            case .array(let items):
                var result: [String] = []
                for item in items {
                    guard case .string(let text) = item.value else {
                        throw error("\"\(key)\" must hold strings, found \(item.value.typeName)", at: item, place)
                    }
                    result.append(text)
                }
                return result
            default:
                throw error("\"\(key)\" must be an array of strings, found \(found.value.typeName)", at: found, place)
            }
        }
        /// A number as JavaScript's `Number()` reads a JSON number or string.
        func numberValue(_ key: String) throws(RulesetError) -> Double? {
            guard let found = keys[key] else { return nil }
            switch found.value {
            case .number(let value, _):
                return value
            case .string(let text):
                let value = JSCompat.number(text)
                if value.isNaN { throw error("\"\(key)\" must be a number, found \"\(text)\"", at: found, place) }
                return value
            default:
                throw error("\"\(key)\" must be a number, found \(found.value.typeName)", at: found, place)
            }
        }
        func missing(_ key: String) -> RulesetError {
            error("\(type.rawValue) needs \"\(key)\"", at: value, place)
        }
        func require(_ present: Bool, _ key: String) throws(RulesetError) {
            if !present { throw missing(key) }
        }

        ruleCase.condition = try string("condition")
        if let text = try string("idCondition") {
            guard let condition = IDCondition(rawValue: text) else {
                throw error(
                    "unknown idCondition \"\(text)\" (known: NOT_EXISTING_ORG_ID, NOT_EXISTING_ORG_ID_PREFIX)",
                    at: keys["idCondition"] ?? value, place)
            }
            ruleCase.idCondition = condition
        }
        ruleCase.paths = try strings("paths")
        ruleCase.less = try string("less")
        ruleCase.more = try string("more")
        ruleCase.date = try string("date")
        ruleCase.start = try string("start")
        ruleCase.end = try string("end")
        ruleCase.regex = try string("regex")
        ruleCase.sum = try numberValue("sum")
        ruleCase.excluded = try strings("excluded")
        ruleCase.one = try string("one")
        ruleCase.all = try string("all")
        ruleCase.prefix = try strings("prefix")
        ruleCase.separator = try string("separator")
        ruleCase.ifExpression = try string("if")
        ruleCase.thenExpression = try string("then")
        ruleCase.min = try numberValue("min")
        ruleCase.max = try numberValue("max")

        // The keys each rule type cannot do without (the JS validator fails on their absence).
        switch type {
        case .atLeastOne, .noMoreThanOne, .unique, .noSpaces, .dependent, .range:
            try require(ruleCase.paths != nil, "paths")
        case .sum, .strictSum:
            try require(ruleCase.paths != nil, "paths")
            try require(ruleCase.sum != nil, "sum")
        case .regexMatches, .regexNoMatches:
            try require(ruleCase.paths != nil, "paths")
            try require(ruleCase.regex != nil, "regex")
        case .startsWith:
            try require(ruleCase.paths != nil, "paths")
            try require(ruleCase.prefix != nil || ruleCase.start != nil, "prefix")
        case .ifThen:
            try require(ruleCase.ifExpression != nil, "if")
            try require(ruleCase.thenExpression != nil, "then")
        case .onlyOneOf:
            try require(ruleCase.excluded != nil, "excluded")
            try require(ruleCase.paths != nil, "paths")
        case .oneOrAll:
            try require(ruleCase.one != nil, "one")
            guard let all = ruleCase.all else { throw missing("all") }
            guard OneOrAllTarget(rawValue: all) != nil else {
                let known = OneOrAllTarget.allCases.map(\.rawValue).joined(separator: ", ")
                throw error("unknown \"all\" value \"\(all)\" (known: \(known))", at: keys["all"] ?? value, place)
            }
        case .dateOrder:
            try require(ruleCase.less != nil, "less")
            try require(ruleCase.more != nil, "more")
        case .dateNow:
            try require(ruleCase.date != nil, "date")
        case .timeLimit:
            try require(ruleCase.start != nil, "start")
            try require(ruleCase.end != nil, "end")
        case .betweenDates:
            try require(ruleCase.date != nil, "date")
            try require(ruleCase.start != nil, "start")
            try require(ruleCase.end != nil, "end")
        case .loop:
            guard let foreach = try string("foreach") else { throw missing("foreach") }
            guard let body = keys["do"] else { throw missing("do") }
            let substituted = try strings("subs") ?? []
            for key in substituted where !RuleCase.substitutableKeys.contains(key) {
                throw error("\"subs\" names \"\(key)\", which holds no XPath or text", at: keys["subs"] ?? value, place)
            }
            var inner = place
            inner.caseNumber = nil
            inner.ruleID = nil
            let rules = try loadRules(body, place: inner, insideLoop: true)
            ruleCase.loop = RuleLoop(foreach: foreach, rules: rules, substitutedKeys: substituted)
        }
        return ruleCase
    }

    private func loadInfo(_ value: RulesetJSON.Located, place: Place) throws(RulesetError) -> RuleInfo {
        guard case .object(let members) = value.value else {
            throw error("\"ruleInfo\" must be an object, found \(value.value.typeName)", at: value, place)
        }
        var info = RuleInfo()
        for member in members {
            let text: String?
            switch member.value.value {
            case .string(let string): text = string
            case .number(_, let spelling): text = spelling
            case .null: text = nil
            case .object(let link) where member.key == "link":
                // `link` holds `url` or `path`.
                for part in link {
                    if case .string(let string) = part.value.value, part.key == "url" || part.key == "path" {
                        info.link = string
                    }
                }
                continue
            default:
                throw error(
                    "\"ruleInfo.\(member.key)\" must be a string, found \(member.value.value.typeName)",
                    at: member.value, place)
            }
            switch member.key {
            case "id": info.id = text
            case "category": info.category = text
            case "message": info.message = text
            case "severity":
                guard let text else { continue }
                guard let severity = RuleSeverity(rawValue: text.lowercased()) else {
                    let known = RuleSeverity.allCases.map(\.rawValue).joined(separator: ", ")
                    throw error("unknown severity \"\(text)\" (known: \(known))", at: member.value, place)
                }
                info.severity = severity
            default:
                continue
            }
        }
        return info
    }
}

/// The `all` values of `oneOrAll` the official validator knows.
enum OneOrAllTarget: String, Sendable, CaseIterable {
    /// Every `narrative` has `@xml:lang`.
    case lang
    /// Every `transaction` has a `sector`.
    case sector
    /// Every `value`, `forecast` and `loan-status` has `@currency`.
    case currency
    /// Every `transaction` has a `recipient-country` or `recipient-region`.
    case recipientLocation = "recipient-country|recipient-region"
}

// MARK: - Checking expressions

/// Compiles every XPath and regular expression of a ruleset once, and evaluates each XPath on a
/// small activity to catch unknown functions, so mistakes show at load time.
private struct RulesetChecker {
    let file: String

    /// Keys whose expressions must select nodes.
    static let nodeSetKeys: Set<String> = ["context", "paths", "excluded", "prefix", "start (prefix)", "foreach"]

    func check(_ contexts: [RuleContext]) throws(RulesetError) {
        let cache = XPathCache()
        let probe: XPathDocument
        let element: XPathNodeRef
        do {
            probe = try XPathDocument(
                root: Node(name: "iati-activities", children: [Node(name: "iati-activity")]), name: file, cache: cache)
            guard let root = probe.rootElement, case .nodes(let nodes) = try root.evaluate("iati-activity"),
                let first = nodes.first
            else {
                throw RulesetError(file: file, message: "cannot build the XPath probe document")
            }
            element = first
        } catch let failure as RulesetError {
            throw failure
        } catch {
            throw RulesetError(file: file, message: "cannot check the ruleset's XPath: \(error)")
        }

        /// Compiles and runs `expression` on the probe; keys whose rule works on the nodes selected
        /// must give a node-set (in XPath 1.0 the type does not depend on the data).
        func checkXPath(
            _ expression: String, key: String, at line: Int, context: String, rule: Rule?, ruleCase: RuleCase?
        ) throws(RulesetError) {
            let value: XPathResult
            do {
                value = try probe.evaluate(try cache.expression(expression, file: file), at: element.bare)
            } catch {
                throw RulesetError(
                    file: file, line: line, context: context, rule: rule?.name, caseNumber: ruleCase?.number,
                    ruleID: ruleCase?.info?.id, message: "bad XPath in \"\(key)\": \(error.message)")
            }
            if Self.nodeSetKeys.contains(key), !value.isNodeSet {
                throw RulesetError(
                    file: file, line: line, context: context, rule: rule?.name, caseNumber: ruleCase?.number,
                    ruleID: ruleCase?.info?.id,
                    message:
                        "\"\(key)\" must select nodes, but \"\(expression)\" gives \(RuleEvaluator.typeName(value))")
            }
        }

        func checkRules(_ rules: [Rule], context: String, substituted: [String]) throws(RulesetError) {
            for rule in rules {
                for original in rule.cases {
                    // Inside a loop, `$1` stands for a value: check with one put in.
                    let ruleCase = substituted.isEmpty ? original : original.substituting(substituted, with: "1")
                    func xpath(_ expression: String?, _ key: String) throws(RulesetError) {
                        guard let expression else { return }
                        try checkXPath(
                            expression, key: key, at: ruleCase.line, context: context, rule: rule, ruleCase: ruleCase)
                    }
                    func xpaths(_ expressions: [String]?, _ key: String) throws(RulesetError) {
                        for expression in expressions ?? [] { try xpath(expression, key) }
                    }
                    try xpath(ruleCase.condition, "condition")
                    try xpaths(ruleCase.paths, "paths")
                    try xpaths(ruleCase.excluded, "excluded")
                    try xpath(ruleCase.ifExpression, "if")
                    try xpath(ruleCase.thenExpression, "then")
                    if rule.type == .oneOrAll { try xpath(ruleCase.one, "one") }
                    if rule.type == .startsWith {
                        for prefix in ruleCase.startsWithPrefixes where prefix != JSCompat.orgIDPrefixKeyword {
                            try xpath(prefix, ruleCase.prefix == nil ? "start (prefix)" : "prefix")
                        }
                    }
                    if rule.type.isDateRule {
                        for (key, expression) in [
                            ("less", ruleCase.less), ("more", ruleCase.more), ("date", ruleCase.date),
                            ("start", ruleCase.start), ("end", ruleCase.end),
                        ] {
                            if let expression, expression != JSCompat.nowKeyword { try xpath(expression, key) }
                        }
                    }
                    if let pattern = ruleCase.regex, rule.type == .regexMatches || rule.type == .regexNoMatches {
                        do {
                            _ = try JSCompat.regex(pattern)
                        } catch {
                            throw RulesetError(
                                file: file, line: ruleCase.line, context: context, rule: rule.name,
                                caseNumber: ruleCase.number, ruleID: ruleCase.info?.id,
                                message: "bad regular expression \"\(pattern)\": \(error)")
                        }
                    }
                    if let loop = ruleCase.loop {
                        try xpath(loop.foreach, "foreach")
                        try checkRules(loop.rules, context: context, substituted: loop.substitutedKeys)
                    }
                }
            }
        }

        for context in contexts {
            try checkXPath(
                context.xpath, key: "context", at: context.line, context: context.xpath, rule: nil, ruleCase: nil)
            try checkRules(context.rules, context: context.xpath, substituted: [])
        }
    }
}
