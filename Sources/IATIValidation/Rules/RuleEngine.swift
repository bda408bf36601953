internal import Foundation
public import LibXML

/// Evaluates a ``Ruleset`` on IATI data, as the official IATI Validator does.
///
/// Each evaluation builds an XPath document from a ``Node`` tree (an activity wrapped in an
/// `iati-activities` root, so contexts such as `//iati-activity` and
/// `/iati-activities/iati-activity` match), selects each context's elements, and runs every case
/// of every rule on each, in ruleset order. XPath expressions are compiled once per engine.
///
/// Not `Sendable` (it holds compiled expressions): use one engine per thread; the
/// ``Ruleset`` itself is `Sendable` and can be shared.
public final class RuleEngine {
    /// What the engine needs beyond the ruleset.
    public struct Options: Sendable {
        /// Known organisation identifiers (the Registry's publishers), for `idCondition`
        /// (`NOT_EXISTING_ORG_ID`, `NOT_EXISTING_ORG_ID_PREFIX`). `nil` is an empty list, so
        /// such cases always run.
        public var organisationIdentifiers: Set<String>?
        /// Known registration agency prefixes (`GB-COH`, `XM-DAC`), for `startsWith` with prefix
        /// `ORG-ID-PREFIX`. `nil`: those cases are skipped (``RuleOutcome/skippedNoIDSets``).
        public var organisationIdentifierPrefixes: Set<String>?
        /// "Now" for `dateNow` and `NOW`, in seconds since 1970 UTC; `nil` reads the clock at
        /// each evaluation.
        public var currentTime: Double?

        /// Creates options; see the properties.
        public init(
            organisationIdentifiers: Set<String>? = nil, organisationIdentifierPrefixes: Set<String>? = nil,
            currentTime: Double? = nil
        ) {
            self.organisationIdentifiers = organisationIdentifiers
            self.organisationIdentifierPrefixes = organisationIdentifierPrefixes
            self.currentTime = currentTime
        }

        /// No registry lists, the system clock.
        public static let `default` = Options()
    }

    /// The ruleset evaluated.
    public let ruleset: Ruleset
    /// The options given at creation.
    public let options: Options
    let cache = XPathCache()
    private var regexes: [String: Regex<AnyRegexOutput>] = [:]

    /// Creates an engine for `ruleset`.
    public init(ruleset: Ruleset, options: Options = .default) {
        self.ruleset = ruleset
        self.options = options
    }

    // MARK: Findings

    /// The failed cases of the ruleset on one activity.
    /// - Parameters:
    ///   - activity: the `iati-activity` element, as ``XMLReader/expand()`` gives it.
    ///   - root: the file's root start tag (its attributes are kept on the wrapper); an
    ///     `iati-activities` element without attributes when `nil`.
    /// - Returns: one finding per failed case, in ruleset order.
    /// - Throws: ``RulesetError`` when an expression fails on this data (an XPath error, a
    ///   `paths` expression that selects no nodes).
    public func evaluate(activity: Node, root: ElementStart? = nil) throws(RulesetError) -> [RuleFinding] {
        try results(activity: activity, root: root).compactMap { $0.outcome == .failed ? $0.finding : nil }
    }

    /// The failed cases of the ruleset on one organisation (wrapped in `iati-organisations`).
    /// - Throws: as ``evaluate(activity:root:)``.
    public func evaluate(organisation: Node, root: ElementStart? = nil) throws(RulesetError) -> [RuleFinding] {
        try results(organisation: organisation, root: root).compactMap { $0.outcome == .failed ? $0.finding : nil }
    }

    /// The failed cases of the ruleset on a whole document whose root element is `document`.
    /// - Throws: as ``evaluate(activity:root:)``.
    public func evaluate(document: Node) throws(RulesetError) -> [RuleFinding] {
        try results(document: document).compactMap { $0.outcome == .failed ? $0.finding : nil }
    }

    // MARK: Every outcome

    /// Every case evaluated on one activity, with its outcome, in ruleset order.
    /// - Throws: as ``evaluate(activity:root:)``.
    public func results(activity: Node, root: ElementStart? = nil) throws(RulesetError) -> [RuleCaseResult] {
        try results(document: Self.wrap(activity, in: root, defaultName: "iati-activities"))
    }

    /// Every case evaluated on one organisation, with its outcome, in ruleset order.
    /// - Throws: as ``evaluate(activity:root:)``.
    public func results(organisation: Node, root: ElementStart? = nil) throws(RulesetError) -> [RuleCaseResult] {
        try results(document: Self.wrap(organisation, in: root, defaultName: "iati-organisations"))
    }

    /// Every case evaluated on the document whose root element is `document`, with its
    /// outcome, in ruleset order (contexts, then their elements, then rules, then cases).
    /// - Throws: as ``evaluate(activity:root:)``.
    public func results(document: Node) throws(RulesetError) -> [RuleCaseResult] {
        let xpathDocument: XPathDocument
        do {
            xpathDocument = try XPathDocument(root: document, name: ruleset.name, cache: cache)
        } catch {
            throw RulesetError(file: ruleset.name, message: "cannot prepare the data for XPath: \(error.message)")
        }
        let now = options.currentTime.map { $0 * 1000 } ?? Date().timeIntervalSince1970 * 1000
        var evaluator = RuleEvaluator(engine: self, document: xpathDocument, now: now)
        var results: [RuleCaseResult] = []
        for context in ruleset.contexts {
            let elements = try evaluator.contextElements(context)
            for element in elements {
                for rule in context.rules {
                    for ruleCase in rule.cases {
                        if let loop = ruleCase.loop {
                            results += try evaluator.evaluateLoop(
                                loop, in: ruleCase, rule: rule, context: context, element: element)
                        } else {
                            results.append(
                                try evaluator.evaluate(ruleCase, rule: rule, context: context, element: element))
                        }
                    }
                }
            }
        }
        return results
    }

    // MARK: Helpers

    /// `element` as the only child of a copy of the file's root (or a bare `defaultName` root).
    static func wrap(_ element: Node, in root: ElementStart?, defaultName: String) -> Node {
        Node(
            name: root?.name ?? defaultName, namespace: root?.namespace, prefix: root?.prefix,
            attributes: root?.attributes ?? [], children: [element], line: root?.line ?? 0)
    }

    /// The compiled form of a case's regular expression, compiled once.
    func regex(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        if let found = regexes[pattern] { return found }
        let compiled = try JSCompat.regex(pattern)
        if regexes.count >= 256 { regexes.removeAll(keepingCapacity: true) }
        regexes[pattern] = compiled
        return compiled
    }
}
