internal import Foundation
public import LibXML

/// Evaluates a ``Ruleset`` on IATI data, as the official IATI Validator does.
///
/// Each evaluation works on an XPath document: built from a ``Node`` tree (an activity wrapped
/// in an `iati-activities` root, so contexts such as `//iati-activity` and
/// `/iati-activities/iati-activity` match), or made around the subtree a reader detached. It
/// selects each context's elements and runs every case of every rule on each, in ruleset
/// order. Expressions are compiled once per engine (a loop's once per value met).
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
        /// `ORG-ID-PREFIX`. `nil`: those cases are skipped (``RuleOutcome/skippedNoIDSets``);
        /// `iatix validate`, `batch --validate` and `serve` give ``OrganisationPrefixes/builtIn``.
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
    let memo = Memo()
    private var regexes: [String: Regex<AnyRegexOutput>] = [:]
    private var compiledPlan: RulePlan?

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
        try evaluate(document: Self.wrap(activity, in: root, defaultName: "iati-activities"))
    }

    /// The failed cases of the ruleset on one organisation (wrapped in `iati-organisations`).
    /// - Throws: as ``evaluate(activity:root:)``.
    public func evaluate(organisation: Node, root: ElementStart? = nil) throws(RulesetError) -> [RuleFinding] {
        try evaluate(document: Self.wrap(organisation, in: root, defaultName: "iati-organisations"))
    }

    /// The failed cases of the ruleset on a whole document whose root element is `document`.
    /// - Throws: as ``evaluate(activity:root:)``.
    public func evaluate(document: Node) throws(RulesetError) -> [RuleFinding] {
        try run(on: try xpathDocument(document), keepsAll: false).map(\.finding)
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
        try run(on: try xpathDocument(document), keepsAll: true)
    }

    /// The failed cases of the ruleset on a record a reader detached, evaluated in place (not
    /// copied) as the only child of `root`.
    /// - Parameters:
    ///   - record: the `iati-activity` or `iati-organisation`, as ``XMLReader/detach()`` gives it.
    ///   - root: the file's root element (its attributes; its children are ignored).
    /// - Throws: as ``evaluate(activity:root:)``.
    public func evaluate(record: XMLSubtree, root: Node) throws(RulesetError) -> [RuleFinding] {
        let document: XPathDocument
        do {
            document = try XPathDocument(root: root, child: record, name: ruleset.name, cache: cache)
        } catch {
            throw RulesetError(file: ruleset.name, message: "cannot prepare the data for XPath: \(error.message)")
        }
        return try run(on: document, keepsAll: false).map(\.finding)
    }

    /// Contexts, then their elements, then rules, then cases; failed cases only, unless
    /// `keepsAll`.
    private func run(on document: XPathDocument, keepsAll: Bool) throws(RulesetError) -> [RuleCaseResult] {
        let plan = try self.plan()
        let now = options.currentTime.map { $0 * 1000 } ?? Date().timeIntervalSince1970 * 1000
        var evaluator = RuleEvaluator(engine: self, plan: plan, document: document, now: now, keepsAll: keepsAll)
        // The memo's nodes keep the document alive: let them go with it.
        defer { memo.forget() }
        var results: [RuleCaseResult] = []
        for context in plan.contexts {
            for element in try evaluator.contextElements(context) {
                evaluator.beginElement(element)
                for rule in context.rules {
                    for ruleCase in rule.cases {
                        try evaluator.run(ruleCase, rule: rule, context: context, element: element, into: &results)
                    }
                }
            }
        }
        return results
    }

    private func xpathDocument(_ document: Node) throws(RulesetError) -> XPathDocument {
        do {
            return try XPathDocument(root: document, name: ruleset.name, cache: cache)
        } catch {
            throw RulesetError(file: ruleset.name, message: "cannot prepare the data for XPath: \(error.message)")
        }
    }

    // MARK: Helpers

    /// Results of expressions on one context element, by the expression's serial number;
    /// cleared for the next element by moving to a new generation.
    final class Memo {
        // Read and written on every evaluation, on the engine's one thread: no run-time
        // exclusivity checks (each method reads or writes them in one go).
        @exclusivity(unchecked) private var stamps: [UInt32] = []
        @exclusivity(unchecked) private var results: [XPathResult?] = []
        @exclusivity(unchecked) private var generation: UInt32 = 1
        /// Serial numbers beyond this are not kept (a cache that keeps compiling new
        /// expressions, such as loop variants of many values).
        private let limit = 8192

        func result(of expression: XPathExpression) -> XPathResult? {
            let serial = expression.serial
            guard serial < stamps.count, stamps[serial] == generation else { return nil }
            return results[serial]
        }

        func keep(_ result: XPathResult, of expression: XPathExpression) {
            let serial = expression.serial
            guard serial < limit else { return }
            if serial >= stamps.count {
                let count = max(serial + 1, stamps.count * 2, 64)
                stamps += Array(repeating: 0, count: count - stamps.count)
                results += Array(repeating: nil, count: count - results.count)
            }
            stamps[serial] = generation
            results[serial] = result
        }

        func clear() {
            generation &+= 1
            if generation == 0 {
                // Wrapped around: old stamps could match again.
                for index in stamps.indices { stamps[index] = 0 }
                generation = 1
            }
        }

        /// Clears, and lets go of the results kept, whose nodes keep their document alive.
        func forget() {
            clear()
            for index in results.indices where results[index] != nil { results[index] = nil }
        }
    }

    /// `element` as the only child of a copy of the file's root (or a bare `defaultName` root).
    static func wrap(_ element: Node, in root: ElementStart?, defaultName: String) -> Node {
        Node(
            name: root?.name ?? defaultName, namespace: root?.namespace, prefix: root?.prefix,
            attributes: root?.attributes ?? [], children: [element], line: root?.line ?? 0)
    }

    /// The ruleset compiled, on first use.
    private func plan() throws(RulesetError) -> RulePlan {
        if let compiledPlan { return compiledPlan }
        let plan = try RulePlan(ruleset: ruleset, engine: self)
        compiledPlan = plan
        return plan
    }

    /// The compiled form of an XPath expression, compiled once.
    func compile(_ expression: String, _ place: @autoclosure () -> RuleEvaluator.Place) throws(RulesetError)
        -> XPathExpression
    {
        do {
            return try cache.expression(expression, file: ruleset.name)
        } catch {
            throw RuleEvaluator.error(error.message, place(), ruleset: ruleset.name)
        }
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
