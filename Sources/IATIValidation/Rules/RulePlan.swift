import LibXML

/// A ``Ruleset`` made ready to run: every XPath compiled once (libxml2), every regular
/// expression compiled once, a loop's cases compiled once per value met. One per
/// ``RuleEngine``, so one per thread.
final class RulePlan {
    let contexts: [Context]
    /// `string(ancestor-or-self::iati-activity[1]/iati-identifier)` and the organisation's.
    let identifierExpressions: [XPathExpression]

    init(ruleset: Ruleset, engine: RuleEngine) throws(RulesetError) {
        var contexts: [Context] = []
        for context in ruleset.contexts {
            let xpath = try engine.compile(context.xpath, RuleEvaluator.Place(context: context))
            let rules = try Self.compile(context.rules, context: context, engine: engine)
            contexts.append(Context(source: context, xpath: xpath, rules: rules))
        }
        self.contexts = contexts
        let place = RuleEvaluator.Place(context: RuleContext(xpath: "", line: 0, rules: []))
        identifierExpressions = [
            try engine.compile("string(ancestor-or-self::iati-activity[1]/iati-identifier)", place),
            try engine.compile("string(ancestor-or-self::iati-organisation[1]/organisation-identifier)", place),
        ]
    }

    static func compile(_ rules: [Rule], context: RuleContext, engine: RuleEngine) throws(RulesetError)
        -> [CompiledRule]
    {
        var compiled: [CompiledRule] = []
        for rule in rules {
            var cases: [Case] = []
            for ruleCase in rule.cases {
                cases.append(try Case(ruleCase, rule: rule, context: context, engine: engine))
            }
            compiled.append(CompiledRule(source: rule, cases: cases))
        }
        return compiled
    }

    final class Context {
        let source: RuleContext
        let xpath: XPathExpression
        let rules: [CompiledRule]

        init(source: RuleContext, xpath: XPathExpression, rules: [CompiledRule]) {
            self.source = source
            self.xpath = xpath
            self.rules = rules
        }
    }

    final class CompiledRule {
        let source: Rule
        let cases: [Case]

        init(source: Rule, cases: [Case]) {
            self.source = source
            self.cases = cases
        }
    }

    /// Where a date comes from: `NOW`, or the first node an expression selects.
    enum DateSource {
        case now
        case expression(XPathExpression)
    }

    /// One case with its expressions compiled (the keys its rule type reads).
    final class Case {
        let source: RuleCase
        /// `paths` as written.
        let pathTexts: [String]
        let condition: XPathExpression?
        let paths: [XPathExpression]
        let excluded: [XPathExpression]
        let one: XPathExpression?
        let ifExpression: XPathExpression?
        let thenExpression: XPathExpression?
        /// `startsWith` prefixes given as XPath (not the `ORG-ID-PREFIX` keyword).
        let prefixes: [XPathExpression]
        /// A `startsWith` case on the registry's organisation identifier prefixes.
        let isOrganisationPrefixCase: Bool
        let less: DateSource?
        let more: DateSource?
        let date: DateSource?
        let start: DateSource?
        let end: DateSource?
        let regex: Regex<AnyRegexOutput>?
        let loop: Loop?
        /// What a finding of the case says: its `ruleInfo.message`, else what its rule type
        /// requires (made once, not per finding).
        let message: String
        /// Whether ``regex`` matches a text, for texts met before (values repeat).
        private var matches: [String: Bool] = [:]

        init(_ ruleCase: RuleCase, rule: Rule, context: RuleContext, engine: RuleEngine)
            throws(RulesetError)
        {
            let place = RuleEvaluator.Place(context: context, rule: rule, ruleCase: ruleCase)
            func xpath(_ text: String?) throws(RulesetError) -> XPathExpression? {
                guard let text else { return nil }
                return try engine.compile(text, place)
            }
            func xpaths(_ texts: [String]?) throws(RulesetError) -> [XPathExpression] {
                var compiled: [XPathExpression] = []
                for text in texts ?? [] { compiled.append(try engine.compile(text, place)) }
                return compiled
            }
            func dateSource(_ text: String?) throws(RulesetError) -> DateSource? {
                guard rule.type.isDateRule, let text else { return nil }
                return text == JSCompat.nowKeyword ? .now : .expression(try engine.compile(text, place))
            }
            source = ruleCase
            message = ruleCase.info?.message ?? RuleEvaluator.describe(rule.type, ruleCase)
            pathTexts = ruleCase.paths ?? []
            condition = try xpath(ruleCase.condition)
            paths = try xpaths(ruleCase.paths)
            excluded = rule.type == .onlyOneOf ? try xpaths(ruleCase.excluded) : []
            one = rule.type == .oneOrAll ? try xpath(ruleCase.one) : nil
            ifExpression = rule.type == .ifThen ? try xpath(ruleCase.ifExpression) : nil
            thenExpression = rule.type == .ifThen ? try xpath(ruleCase.thenExpression) : nil
            let prefixTexts = ruleCase.startsWithPrefixes
            isOrganisationPrefixCase = rule.type == .startsWith && prefixTexts == [JSCompat.orgIDPrefixKeyword]
            prefixes = rule.type == .startsWith && !isOrganisationPrefixCase ? try xpaths(prefixTexts) : []
            less = try dateSource(ruleCase.less)
            more = try dateSource(ruleCase.more)
            date = try dateSource(ruleCase.date)
            start = try dateSource(ruleCase.start)
            end = try dateSource(ruleCase.end)
            if rule.type == .regexMatches || rule.type == .regexNoMatches {
                let pattern = ruleCase.regex ?? ""
                do {
                    regex = try engine.regex(pattern)
                } catch {
                    throw RuleEvaluator.error("bad regular expression \"\(pattern)\": \(error)", place, ruleset: engine.ruleset.name)
                }
            } else {
                regex = nil
            }
            if let loop = ruleCase.loop {
                self.loop = Loop(loop, foreach: try engine.compile(loop.foreach, place), context: context)
            } else {
                self.loop = nil
            }
        }

        /// Whether ``regex`` finds a match in `text`.
        func regexMatches(_ text: String) -> Bool {
            if let known = matches[text] { return known }
            let found = regex.map { ((try? $0.firstMatch(in: text)) ?? nil) != nil } ?? false
            if matches.count >= 4096 { matches.removeAll(keepingCapacity: true) }
            matches[text] = found
            return found
        }
    }

    /// A `loop`: its `foreach`, and its inner rules compiled for each value met.
    final class Loop {
        let source: RuleLoop
        let foreach: XPathExpression
        let context: RuleContext
        private var variants: [String: [CompiledRule]] = [:]

        init(_ source: RuleLoop, foreach: XPathExpression, context: RuleContext) {
            self.source = source
            self.foreach = foreach
            self.context = context
        }

        /// The inner rules with `$1` replaced by `value` in the keys `subs` names.
        func rules(for value: String, engine: RuleEngine) throws(RulesetError) -> [CompiledRule] {
            if let found = variants[value] { return found }
            let substituted = source.rules.map { rule in
                var copy = rule
                copy.cases = rule.cases.map { $0.substituting(source.substitutedKeys, with: value) }
                return copy
            }
            let compiled = try RulePlan.compile(substituted, context: context, engine: engine)
            if variants.count >= 256 { variants.removeAll(keepingCapacity: true) }
            variants[value] = compiled
            return compiled
        }
    }
}
