import LibXML

/// Runs rule cases on the elements of one XPath document, with the semantics of the official
/// validator (IATI js-validator-api, `rulesValidator.js`), which decide the details the
/// specification leaves open:
///
/// - `condition` and `if`/`then` are read with JavaScript truthiness: a node-set result is
///   true even when empty (a JavaScript array), a number is true unless 0 or NaN, a string
///   unless empty.
/// - Texts are XPath string-values; numbers are read with JavaScript's `Number()`.
/// - A date is the value of the first node its expression selects, and only an attribute has
///   one; a missing or unreadable date skips the case (``RuleOutcome/skippedMissingDate``).
/// - In a `loop`, `$1` is replaced only in the keys `subs` names.
struct RuleEvaluator {
    let engine: RuleEngine
    let plan: RulePlan
    let document: XPathDocument
    /// Milliseconds since 1970.
    let now: Double
    /// The day of ``now`` (`2026-11-29`), as messages show it.
    let today: String
    /// Whether cases that hold (or are skipped) are described too (``RuleEngine/results(document:)``).
    let keepsAll: Bool
    private var identifiers: [XPathNode: String?] = [:]
    /// Results of the expressions evaluated on the current context element, by expression:
    /// cases of one context often read the same paths (`@ref`, `sector`).
    private let memo: RuleEngine.Memo
    /// The context element the cases now run on.
    private var currentElement: XPathNode?

    init(engine: RuleEngine, plan: RulePlan, document: XPathDocument, now: Double, keepsAll: Bool) {
        self.engine = engine
        self.memo = engine.memo
        self.plan = plan
        self.document = document
        self.now = now
        self.today = String(JSCompat.isoString(now).prefix(10))
        self.keepsAll = keepsAll
    }

    /// Where an expression comes from, for errors.
    struct Place {
        var context: RuleContext
        var rule: Rule?
        var ruleCase: RuleCase?
    }

    /// Where an expression is evaluated: the compiled context, rule and case, cheap to pass
    /// around; the ``Place`` of an error is made from it only when there is one.
    struct Site {
        let context: RulePlan.Context
        var rule: RulePlan.CompiledRule? = nil
        var ruleCase: RulePlan.Case? = nil

        var place: Place { Place(context: context.source, rule: rule?.source, ruleCase: ruleCase?.source) }
    }

    /// The state of one case as it is being judged.
    private struct Verdict {
        var outcome: RuleOutcome = .passed
        /// The element the case runs on: the place of a fault that names no node. Its position
        /// is looked up only for a fault (most cases hold).
        let context: XPathNode
        /// Where the first fault that names a node is.
        var position: SourcePosition?
        /// One fault per call of ``fail(at:_:node:)``: per element at fault.
        var faults: [RuleFault] = []

        init(context: XPathNode) {
            self.context = context
        }

        /// Records a fault at `place` (by default `node`'s; the context element when neither
        /// is known), described by `detail` and naming `node`.
        mutating func fail(at place: SourcePosition? = nil, _ detail: String? = nil, node: RuleNode? = nil) {
            let known = (place ?? node?.position).flatMap { $0.line > 0 ? $0 : nil }
            if outcome != .failed, let known { position = known }
            outcome = .failed
            let at = known ?? context.position
            faults.append(RuleFault(line: at.line, column: at.column, details: detail.map { [$0] } ?? [], nodes: node.map { [$0] } ?? []))
        }

        /// Adds a particular to the last fault (the nodes of a fault that spans several); an
        /// empty `detail` adds only the node.
        mutating func add(_ detail: String, node: RuleNode? = nil) {
            guard !faults.isEmpty else { return }
            if !detail.isEmpty { faults[faults.count - 1].details.append(detail) }
            if let node { faults[faults.count - 1].nodes.append(node) }
        }
    }

    // MARK: XPath

    static func error(_ message: String, _ place: Place, ruleset: String) -> RulesetError {
        RulesetError(
            file: ruleset, line: place.ruleCase?.line ?? place.rule?.line ?? place.context.line,
            context: place.context.xpath, rule: place.rule?.name, caseNumber: place.ruleCase?.number,
            ruleID: place.ruleCase?.info?.id, message: message)
    }

    private func error(_ message: String, _ site: Site) -> RulesetError {
        Self.error(message, site.place, ruleset: engine.ruleset.name)
    }

    /// Evaluates `expression` at `node`, once per context element (XPath has no side effects).
    private mutating func evaluate(_ expression: XPathExpression, at node: XPathNode, _ site: Site)
        throws(RulesetError) -> XPathResult
    {
        let remembered = node == currentElement
        if remembered, let known = memo.result(of: expression) { return known }
        let result: XPathResult
        do {
            result = try document.evaluate(expression, at: node)
        } catch {
            throw self.error(error.message, site)
        }
        if remembered { memo.keep(result, of: expression) }
        return result
    }

    /// Starts on a new context element: what was remembered of the last one is let go.
    mutating func beginElement(_ element: XPathNode) {
        currentElement = element
        memo.clear()
    }

    private mutating func nodes(_ expression: XPathExpression, key: String, at node: XPathNode, _ site: Site)
        throws(RulesetError) -> [XPathNode]
    {
        let value = try evaluate(expression, at: node, site)
        guard case .nodes(let nodes) = value else {
            throw error("\"\(key)\" expression \"\(expression.text)\" gives \(Self.typeName(value)), not nodes", site)
        }
        return nodes
    }

    static func typeName(_ value: XPathResult) -> String {
        switch value {
        case .nodes: "nodes"
        case .string: "a string"
        case .number: "a number"
        case .boolean: "a boolean"
        }
    }

    /// JavaScript truthiness of what the `xpath` package's `select` returns.
    static func isTruthy(_ value: XPathResult) -> Bool {
        switch value {
        case .nodes: true  // an array, even empty
        case .string(let text): !text.isEmpty
        case .number(let number): !(number == 0 || number.isNaN)
        case .boolean(let flag): flag
        }
    }

    /// JavaScript's `.length` of a `select` result: `nil` (undefined) for numbers and booleans.
    static func length(_ value: XPathResult) -> Int? {
        switch value {
        case .nodes(let nodes): nodes.count
        case .string(let text): text.utf16.count
        case .number, .boolean: nil
        }
    }

    mutating func contextElements(_ context: RulePlan.Context) throws(RulesetError) -> [XPathNode] {
        try nodes(context.xpath, key: "context", at: document.documentRoot, Site(context: context))
    }

    // MARK: Cases

    /// Runs one case on one element (a `loop` once per distinct `foreach` value); appends what
    /// is to be kept to `results`.
    mutating func run(
        _ ruleCase: RulePlan.Case, rule: RulePlan.CompiledRule, context: RulePlan.Context, element: XPathNode,
        into results: inout [RuleCaseResult]
    ) throws(RulesetError) {
        guard let loop = ruleCase.loop else {
            try evaluate(ruleCase, rule: rule, context: context, element: element, into: &results)
            return
        }
        let place = Site(context: context, rule: rule, ruleCase: ruleCase)
        var values: [String] = []
        var seen = Set<String>()
        for node in try nodes(loop.foreach, key: "foreach", at: element, place) {
            // JavaScript's `nodeValue`: null (written "null") for elements.
            let value = node.nodeValue ?? "null"
            if seen.insert(value).inserted { values.append(value) }
        }
        guard !values.isEmpty else { return }
        let variants = try values.map { value throws(RulesetError) in try loop.rules(for: value, engine: engine) }
        for (index, inner) in variants[0].enumerated() {
            for caseIndex in inner.cases.indices {
                for (valueIndex, value) in values.enumerated() {
                    let variant = variants[valueIndex][index]
                    try evaluate(
                        variant.cases[caseIndex], rule: variant, context: context, element: element,
                        loopValue: value, into: &results)
                }
            }
        }
    }

    /// Runs one (non-loop) case on one element.
    private mutating func evaluate(
        _ ruleCase: RulePlan.Case, rule: RulePlan.CompiledRule, context: RulePlan.Context, element: XPathNode,
        loopValue: String? = nil, into results: inout [RuleCaseResult]
    ) throws(RulesetError) {
        let place = Site(context: context, rule: rule, ruleCase: ruleCase)
        var verdict = try judge(ruleCase, type: rule.source.type, element: element, place)
        guard keepsAll || verdict.outcome == .failed else { return }
        if let loopValue {
            for index in verdict.faults.indices { verdict.faults[index].details.append("loop value '\(loopValue)'") }
        }
        let source = ruleCase.source
        let contextPosition = element.position
        let position = verdict.position ?? contextPosition
        var finding = RuleFinding(
            ruleType: rule.source.type, ruleName: rule.source.name, ruleID: source.info?.id,
            severity: source.info?.severity ?? .error, category: source.info?.category,
            message: ruleCase.message,
            context: context.source.xpath, line: position.line, contextLine: contextPosition.line,
            activityIdentifier: try identifier(of: element, place), faults: verdict.faults,
            ruleset: engine.ruleset.name, caseNumber: source.number)
        finding.column = position.column
        finding.contextColumn = contextPosition.column
        finding.contextElement = element.qualifiedName
        results.append(RuleCaseResult(outcome: verdict.outcome, finding: finding))
    }

    /// What the case's `paths` select on `element`, grouped by path (one path, the usual case,
    /// keeps its node array as it is).
    private mutating func matches(_ compiled: RulePlan.Case, at element: XPathNode, _ place: Site) throws(RulesetError) -> CaseMatches {
        if compiled.paths.count == 1 {
            let found = try nodes(compiled.paths[0], key: "paths", at: element, place)
            return CaseMatches(nodes: found, groupSizes: [found.count], pathTexts: compiled.pathTexts)
        }
        var groupSizes: [Int] = []
        var matched: [XPathNode] = []
        for path in compiled.paths {
            let found = try nodes(path, key: "paths", at: element, place)
            groupSizes.append(found.count)
            matched += found
        }
        return CaseMatches(nodes: matched, groupSizes: groupSizes, pathTexts: compiled.pathTexts)
    }

    private mutating func judge(_ compiled: RulePlan.Case, type: RuleType, element: XPathNode, _ place: Site)
        throws(RulesetError) -> Verdict
    {
        var verdict = Verdict(context: element)
        if let condition = compiled.condition, !Self.isTruthy(try evaluate(condition, at: element, place)) {
            verdict.outcome = .skippedByCondition
            return verdict
        }
        // Cases whose outcome does not depend on what their paths select are decided first;
        // the paths are read only when they are needed to describe a failure.
        if compiled.source.idCondition == nil || (engine.options.organisationIdentifiers ?? []).isEmpty {
            switch type {
            case .startsWith where compiled.isOrganisationPrefixCase && engine.options.organisationIdentifierPrefixes == nil:
                verdict.outcome = .skippedNoIDSets
                return verdict
            case .ifThen where compiled.source.idCondition == nil:
                guard let ifExpression = compiled.ifExpression, let thenExpression = compiled.thenExpression,
                    Self.isTruthy(try evaluate(ifExpression, at: element, place)),
                    !Self.isTruthy(try evaluate(thenExpression, at: element, place))
                else { return verdict }
            case .atLeastOne where compiled.source.idCondition == nil:
                for path in compiled.paths where !(try nodes(path, key: "paths", at: element, place)).isEmpty {
                    return verdict
                }
            default:
                break
            }
        }
        var matched = try matches(compiled, at: element, place)
        let pathTexts = compiled.pathTexts

        if let condition = compiled.source.idCondition {
            let known = engine.options.organisationIdentifiers ?? []
            let holds: Bool
            switch condition {
            case .notExistingOrgID:
                holds = matched.texts().allSatisfy { !known.contains($0) }
            case .notExistingOrgIDPrefix:
                holds = matched.texts().allSatisfy { text in !known.contains { text.utf8.starts(with: ($0 + "-").utf8) } }
            }
            if !holds {
                verdict.outcome = .skippedByIDCondition
                return verdict
            }
        }

        switch type {
        case .atLeastOne:
            if matched.isEmpty {
                verdict.fail("none found of: \(pathTexts.joined(separator: ", "))")
            }

        case .noMoreThanOne:
            if matched.count > 1 {
                verdict.fail(at: matched[1].position, "found \(matched.count):")
                for index in matched.indices { verdict.add(matched.describe(index), node: matched.node(index)) }
            }

        case .onlyOneOf:
            for (excludedIndex, excluded) in compiled.excluded.enumerated() {
                let excludedText = compiled.source.excluded?[excludedIndex] ?? excluded.text
                let found = Self.length(try evaluate(excluded, at: element, place))
                if found != 0 {
                    // Each node present is at fault: one fault apiece.
                    for index in matched.indices {
                        verdict.fail(
                            "\(excludedText) is present, so this may not be: \(matched.describe(index))", node: matched.node(index))
                    }
                } else if matched.count != 1 {
                    verdict.fail(
                        at: matched.count > 1 ? matched[1].position : nil,
                        "\(excludedText) is absent, so exactly one of these must be present; found \(matched.count)")
                }
                if verdict.outcome == .failed { break }
            }

        case .oneOrAll:
            try judgeOneOrAll(compiled, element: element, place, &verdict)

        case .dependent:
            let groupSizes = matched.groupSizes
            let present = groupSizes.indices.filter { groupSizes[$0] > 0 }
            if !present.isEmpty && present.count != groupSizes.count {
                let absent = groupSizes.indices.filter { groupSizes[$0] == 0 }
                verdict.fail(
                    "present: \(present.map { pathTexts[$0] }.joined(separator: ", ")); absent: \(absent.map { pathTexts[$0] }.joined(separator: ", "))")
            }

        case .unique:
            let values = matched.texts()
            var seen: [[UInt8]: Int] = [:]
            for index in matched.indices {
                let key = Array(values[index].utf8)
                if let first = seen[key] {
                    verdict.fail(
                        "duplicate: \(matched.describe(index)), first \(matched.describe(first))", node: matched.node(index))
                    verdict.add("", node: matched.node(first))
                } else {
                    seen[key] = index
                }
            }

        case .sum, .strictSum:
            if type == .sum && matched.isEmpty { break }
            var total = 0.0
            for text in matched.texts() { total += JSCompat.number(text) }
            let computed = JSCompat.roundedToFourDecimals(total)
            let expected = compiled.source.sum ?? .nan
            if computed != expected {
                verdict.fail(
                    at: matched.nodes.first?.position,
                    "the sum is \(Self.format(computed)), not \(Self.format(expected))")
                for index in matched.indices { verdict.add(matched.describe(index), node: matched.node(index)) }
            }

        case .dateOrder, .dateNow, .timeLimit, .betweenDates:
            try judgeDates(compiled, type: type, element: element, place, &verdict)

        case .regexMatches, .regexNoMatches:
            guard compiled.regex != nil else { break }
            let wanted = type == .regexMatches
            let values = matched.texts()
            for index in matched.indices where !values[index].isEmpty {
                if compiled.regexMatches(values[index]) != wanted {
                    verdict.fail(matched.describe(index), node: matched.node(index))
                }
            }

        case .startsWith:
            let values = matched.texts()
            if compiled.isOrganisationPrefixCase {
                guard let known = engine.options.organisationIdentifierPrefixes else {
                    verdict.outcome = .skippedNoIDSets
                    return verdict
                }
                for index in matched.indices {
                    let prefix = Self.organisationPrefix(values[index])
                    if !known.contains(prefix) {
                        verdict.fail("\(matched.describe(index)): unknown prefix \(prefix)", node: matched.node(index))
                    }
                }
            } else {
                var starts: [String] = []
                for prefix in compiled.prefixes {
                    starts += try nodes(prefix, key: "prefix", at: element, place).map(\.stringValue)
                }
                let separator = compiled.source.separator ?? ""
                for index in matched.indices {
                    let text = values[index].utf8
                    if !starts.contains(where: { text.starts(with: ($0 + separator).utf8) }) {
                        let wanted = starts.map { "'\($0)\(separator)'" }.joined(separator: " or ")
                        verdict.fail(
                            "\(matched.describe(index)) does not start with \(wanted.isEmpty ? "a prefix (none found)" : wanted)",
                            node: matched.node(index))
                    }
                }
            }

        case .ifThen:
            if let ifExpression = compiled.ifExpression, let thenExpression = compiled.thenExpression,
                Self.isTruthy(try evaluate(ifExpression, at: element, place)),
                !Self.isTruthy(try evaluate(thenExpression, at: element, place))
            {
                // One fault per node the paths select (each sector without a percentage), or
                // one at the element when they select none.
                guard !matched.isEmpty else {
                    verdict.fail("\(thenExpression.text) is false")
                    break
                }
                for index in matched.indices {
                    verdict.fail("\(thenExpression.text) is false: \(matched.describe(index))", node: matched.node(index))
                }
            }

        case .range:
            let values = matched.texts()
            for index in matched.indices {
                let value = JSCompat.number(values[index])
                let minimum = compiled.source.min ?? value
                let maximum = compiled.source.max ?? value
                if !(minimum <= value && value <= maximum) {
                    verdict.fail(matched.describe(index), node: matched.node(index))
                }
            }

        case .noSpaces:
            let values = matched.texts()
            for index in matched.indices where JSCompat.hasOuterWhitespace(values[index]) {
                verdict.fail(matched.describe(index), node: matched.node(index))
            }

        case .loop:
            // Loops are expanded by run(_:rule:context:element:into:) before a case is judged.
            break
        }
        return verdict
    }

    // MARK: oneOrAll

    private mutating func judgeOneOrAll(_ compiled: RulePlan.Case, element: XPathNode, _ place: Site, _ verdict: inout Verdict)
        throws(RulesetError)
    {
        let ruleCase = compiled.source
        if let one = compiled.one, (Self.length(try evaluate(one, at: element, place)) ?? 0) > 0 { return }
        guard let target = ruleCase.all.flatMap(OneOrAllTarget.init(rawValue:)) else { return }
        func select(_ expression: String, at node: XPathNode) throws(RulesetError) -> [XPathNode] {
            try nodes(try engine.compile(expression, place.place), key: "all", at: node, place)
        }
        func check(_ selection: String, lacking needed: String, what: String) throws(RulesetError) {
            for node in try select(selection, at: element) where try select(needed, at: node).isEmpty {
                verdict.fail(
                    "<\(node.qualifiedName)> at line \(node.line) has no \(what)",
                    node: RuleNode(node, xpath: selection, value: node.stringValue, role: .failure))
            }
        }
        switch target {
        case .lang:
            try check(
                "descendant::narrative", lacking: "@xml:lang", what: "@xml:lang (and \(ruleCase.one ?? "") is absent)")
        case .sector:
            try check("transaction", lacking: "sector", what: "sector (and \(ruleCase.one ?? "") is absent)")
        case .recipientLocation:
            // The official code stops at the first transaction without one.
            for node in try select("transaction", at: element)
            where try select("recipient-country|recipient-region", at: node).isEmpty {
                verdict.fail(
                    "<transaction> at line \(node.line) has no recipient-country or recipient-region",
                    node: RuleNode(node, xpath: "transaction", value: node.stringValue, role: .failure))
                break
            }
        case .currency:
            for name in ["value", "forecast", "loan-status"] {
                try check(
                    "descendant::\(name)", lacking: "@currency", what: "@currency (and \(ruleCase.one ?? "") is absent)"
                )
            }
        }
    }

    // MARK: Dates

    /// A date read from the data: milliseconds since 1970, and where it is.
    private struct FoundDate {
        var time: Double
        var text: String
        var line: Int
        var expression: String
        /// The attribute it was read from; `nil` for `NOW`.
        var node: XPathNode?

        /// The date as a finding's details name it, in its `role` (the case key it came from).
        func described(as role: RuleNode.Role) -> RuleNode? {
            node.map { RuleNode($0, xpath: expression, value: text, role: role) }
        }

        /// Where the date is (unknown for `NOW`).
        var position: SourcePosition { node?.position ?? .unknown }
    }

    /// JavaScript `parseDate`: `NOW`, or the value of the first node selected, when that is an
    /// attribute whose value `new Date()` reads; `nil` otherwise.
    private mutating func date(_ source: RulePlan.DateSource?, at element: XPathNode, _ place: Site) throws(RulesetError)
        -> FoundDate?
    {
        switch source {
        case nil:
            return nil
        case .now:
            // The comparison uses the exact time; messages show the day, so that reports of one
            // file made on one day are the same.
            return FoundDate(time: now, text: today, line: 0, expression: JSCompat.nowKeyword)
        case .expression(let expression):
            guard case .nodes(let nodes) = try evaluate(expression, at: element, place), let first = nodes.first,
                first.kind == .attribute
            else { return nil }
            let text = first.stringValue
            guard !text.isEmpty, let time = JSCompat.date(text) else { return nil }
            return FoundDate(time: time, text: text, line: first.line, expression: expression.text, node: first)
        }
    }

    private mutating func judgeDates(
        _ compiled: RulePlan.Case, type: RuleType, element: XPathNode, _ place: Site, _ verdict: inout Verdict
    ) throws(RulesetError) {
        func read(_ source: RulePlan.DateSource?) throws(RulesetError) -> FoundDate? {
            try date(source, at: element, place)
        }
        func describe(_ found: FoundDate) -> String {
            found.line > 0
                ? "\(found.expression) = '\(found.text)' at line \(found.line)" : "\(found.expression) = \(found.text)"
        }
        switch type {
        case .dateOrder:
            guard let less = try read(compiled.less), let more = try read(compiled.more) else {
                verdict.outcome = .skippedMissingDate
                return
            }
            if !(less.time <= more.time) {
                verdict.fail(
                    at: less.line > 0 ? less.position : more.position, "\(describe(less)) is later than \(describe(more))",
                    node: less.described(as: .less))
                verdict.add("", node: more.described(as: .more))
            }
        case .dateNow:
            guard let date = try read(compiled.date) else {
                verdict.outcome = .skippedMissingDate
                return
            }
            if !(date.time <= now) {
                verdict.fail("\(describe(date)) is in the future", node: date.described(as: .date))
            }
        case .timeLimit:
            guard let start = try read(compiled.start), let end = try read(compiled.end) else {
                verdict.outcome = .skippedMissingDate
                return
            }
            // date-fns differenceInDays: whole days, truncated towards zero.
            let days = ((end.time - start.time) / JSCompat.millisecondsPerDay).rounded(.towardZero)
            if !(days <= 365) {
                verdict.fail(
                    "\(describe(end)) is \(Self.format(days)) days after \(describe(start))",
                    node: end.described(as: .end))
                verdict.add("", node: start.described(as: .start))
            }
        case .betweenDates:
            // The official code needs the date; without start or end it stops with an error.
            guard let date = try read(compiled.date), let start = try read(compiled.start),
                let end = try read(compiled.end)
            else {
                verdict.outcome = .skippedMissingDate
                return
            }
            if !(start.time <= date.time && date.time <= end.time) {
                verdict.fail(
                    "\(describe(date)) is not between \(describe(start)) and \(describe(end))",
                    node: date.described(as: .date))
                verdict.add("", node: start.described(as: .start))
                verdict.add("", node: end.described(as: .end))
            }
        default:
            break
        }
    }

    // MARK: Identifiers and text

    /// The identifier of the activity or organisation holding `element`, read once per record.
    private mutating func identifier(of element: XPathNode, _ place: Site) throws(RulesetError) -> String? {
        let record = element.ancestorOrSelf(namedOneOf: ["iati-activity", "iati-organisation"]) ?? element
        if let known = identifiers[record] { return known }
        var found: String? = nil
        for expression in plan.identifierExpressions {
            if case .string(let text) = try evaluate(expression, at: record, place), !text.isEmpty {
                found = text
                break
            }
        }
        identifiers[record] = found
        return found
    }

    /// The registration agency prefix of an organisation identifier as the official code
    /// takes it: everything before the second "-" (`GB-COH-123` gives `GB-COH`), with
    /// "-undefined" after an identifier that has no "-" (JavaScript's `split('-')[1]`).
    static func organisationPrefix(_ identifier: String) -> String {
        guard let first = identifier.firstIndex(of: "-") else { return identifier + "-undefined" }
        let rest = identifier[identifier.index(after: first)...]
        guard let second = rest.firstIndex(of: "-") else { return identifier }
        return String(identifier[..<second])
    }

    /// `path = 'value' at line N`, the value shortened when long.
    static func describe(_ node: XPathNode, path: String, value: String) -> String {
        var shown = collapsingWhitespace(value)
        if shown.count > 80 { shown = String(shown.prefix(77)) + "..." }
        return "\(path) = '\(shown)' at line \(node.line)"
    }

    /// `value` with each run of white space as one space, so element values with indentation
    /// stay on one line (a leading or trailing space still shows).
    private static func collapsingWhitespace(_ value: String) -> String {
        // The usual value, printable ASCII with single spaces, is its own result.
        var previous: UInt8 = 0
        let plain = value.utf8.allSatisfy { byte in
            defer { previous = byte }
            return (0x21...0x7E).contains(byte) || (byte == 0x20 && previous != 0x20)
        }
        if plain { return value }
        var shown = ""
        var inSpace = false
        for scalar in value.unicodeScalars {
            if JSCompat.isWhitespace(scalar) {
                if !inSpace { shown.unicodeScalars.append(" ") }
                inSpace = true
            } else {
                shown.unicodeScalars.append(scalar)
                inSpace = false
            }
        }
        return shown
    }

    /// A number as JavaScript prints it for the usual cases (`100`, `99.5`).
    static func format(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if number == number.rounded(), number.magnitude < 1e15 { return String(Int(number)) }
        return String(number)
    }

    /// What a case requires, for findings whose case has no `ruleInfo.message`.
    static func describe(_ type: RuleType, _ ruleCase: RuleCase) -> String {
        let paths = (ruleCase.paths ?? []).joined(separator: ", ")
        switch type {
        case .atLeastOne: return "At least one of these must be present: \(paths)."
        case .noMoreThanOne: return "No more than one of these may be present: \(paths)."
        case .onlyOneOf:
            let excluded = (ruleCase.excluded ?? []).joined(separator: ", ")
            return "When \(excluded) is present, none of \(paths) may be; otherwise exactly one must be."
        case .oneOrAll:
            return
                "\(ruleCase.one ?? "") must be present, or else every element must give its own \(ruleCase.all ?? "")."
        case .dependent: return "If one of these is present, all must be: \(paths)."
        case .unique: return "The values of \(paths) must be unique."
        case .sum, .strictSum: return "The values of \(paths) must add up to \(format(ruleCase.sum ?? .nan))."
        case .dateOrder: return "The date \(ruleCase.less ?? "") must not be after \(ruleCase.more ?? "")."
        case .dateNow: return "The date \(ruleCase.date ?? "") must not be in the future."
        case .timeLimit: return "\(ruleCase.end ?? "") must be no more than a year after \(ruleCase.start ?? "")."
        case .betweenDates:
            return "The date \(ruleCase.date ?? "") must lie between \(ruleCase.start ?? "") and \(ruleCase.end ?? "")."
        case .regexMatches: return "The values of \(paths) must match the regular expression \(ruleCase.regex ?? "")."
        case .regexNoMatches:
            return "The values of \(paths) must not match the regular expression \(ruleCase.regex ?? "")."
        case .startsWith:
            let prefixes = ruleCase.startsWithPrefixes.joined(separator: " or ")
            return "The values of \(paths) must start with \(prefixes)\(ruleCase.separator ?? "")."
        case .ifThen: return "If \(ruleCase.ifExpression ?? ""), then \(ruleCase.thenExpression ?? "") must hold."
        case .range:
            return
                "The values of \(paths) must lie between \(ruleCase.min.map(format) ?? "-Infinity") and \(ruleCase.max.map(format) ?? "Infinity")."
        case .noSpaces: return "The values of \(paths) must not start or end with white space."
        case .loop: return "Loop over \(ruleCase.loop?.foreach ?? "")."
        }
    }
}
