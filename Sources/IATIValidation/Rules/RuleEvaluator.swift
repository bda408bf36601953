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
    let document: XPathDocument
    /// Milliseconds since 1970.
    let now: Double
    private var identifiers: [XPathNodeRef: String?] = [:]

    init(engine: RuleEngine, document: XPathDocument, now: Double) {
        self.engine = engine
        self.document = document
        self.now = now
    }

    /// Where an expression comes from, for errors.
    struct Place {
        var context: RuleContext
        var rule: Rule?
        var ruleCase: RuleCase?
    }

    /// The state of one case as it is being judged.
    private struct Verdict {
        var outcome: RuleOutcome = .passed
        var line: Int
        var details: [String] = []

        mutating func fail(at line: Int? = nil, _ detail: String? = nil) {
            if outcome != .failed, let line, line > 0 { self.line = line }
            outcome = .failed
            if let detail { details.append(detail) }
        }
    }

    // MARK: XPath

    private func error(_ message: String, _ place: Place) -> RulesetError {
        RulesetError(
            file: engine.ruleset.name, line: place.ruleCase?.line ?? place.rule?.line ?? place.context.line,
            context: place.context.xpath, rule: place.rule?.name, caseNumber: place.ruleCase?.number,
            ruleID: place.ruleCase?.info?.id, message: message)
    }

    private func evaluate(_ expression: String, at node: XPathNodeRef, _ place: Place) throws(RulesetError)
        -> XPathValue
    {
        do {
            return try document.evaluate(expression, context: node)
        } catch {
            throw self.error(error.message, place)
        }
    }

    private func nodes(_ expression: String, key: String, at node: XPathNodeRef, _ place: Place) throws(RulesetError)
        -> [XPathNodeRef]
    {
        let value = try evaluate(expression, at: node, place)
        guard case .nodes(let nodes) = value else {
            throw error("\"\(key)\" expression \"\(expression)\" gives \(Self.typeName(value)), not nodes", place)
        }
        return nodes
    }

    static func typeName(_ value: XPathValue) -> String {
        switch value {
        case .nodes: "nodes"
        case .string: "a string"
        case .number: "a number"
        case .boolean: "a boolean"
        }
    }

    /// JavaScript truthiness of what the `xpath` package's `select` returns.
    static func isTruthy(_ value: XPathValue) -> Bool {
        switch value {
        case .nodes: true  // an array, even empty
        case .string(let text): !text.isEmpty
        case .number(let number): !(number == 0 || number.isNaN)
        case .boolean(let flag): flag
        }
    }

    /// JavaScript's `.length` of a `select` result: `nil` (undefined) for numbers and booleans.
    static func length(_ value: XPathValue) -> Int? {
        switch value {
        case .nodes(let nodes): nodes.count
        case .string(let text): text.utf16.count
        case .number, .boolean: nil
        }
    }

    func contextElements(_ context: RuleContext) throws(RulesetError) -> [XPathNodeRef] {
        try nodes(context.xpath, key: "context", at: document.documentNode, Place(context: context))
    }

    // MARK: Cases

    /// Runs a `loop` case: each inner case once per distinct `foreach` value.
    mutating func evaluateLoop(
        _ loop: RuleLoop, in loopCase: RuleCase, rule: Rule, context: RuleContext, element: XPathNodeRef
    ) throws(RulesetError) -> [RuleCaseResult] {
        let place = Place(context: context, rule: rule, ruleCase: loopCase)
        var values: [String] = []
        var seen = Set<String>()
        for node in try nodes(loop.foreach, key: "foreach", at: element, place) {
            // JavaScript's `nodeValue`: null (written "null") for elements.
            let value = node.nodeValue ?? "null"
            if seen.insert(value).inserted { values.append(value) }
        }
        var results: [RuleCaseResult] = []
        for inner in loop.rules {
            for innerCase in inner.cases {
                for value in values {
                    let substituted = innerCase.substituting(loop.substitutedKeys, with: value)
                    results.append(
                        try evaluate(substituted, rule: inner, context: context, element: element, loopValue: value))
                }
            }
        }
        return results
    }

    /// Runs one case on one element.
    mutating func evaluate(
        _ ruleCase: RuleCase, rule: Rule, context: RuleContext, element: XPathNodeRef, loopValue: String? = nil
    ) throws(RulesetError) -> RuleCaseResult {
        let place = Place(context: context, rule: rule, ruleCase: ruleCase)
        var verdict = try judge(ruleCase, type: rule.type, element: element, place)
        if let loopValue { verdict.details.append("loop value '\(loopValue)'") }
        let finding = RuleFinding(
            ruleType: rule.type, ruleName: rule.name, ruleID: ruleCase.info?.id,
            severity: ruleCase.info?.severity ?? .error, category: ruleCase.info?.category,
            message: ruleCase.info?.message ?? Self.describe(rule.type, ruleCase),
            context: context.xpath, line: verdict.line, contextLine: element.line,
            activityIdentifier: try identifier(of: element, place), details: verdict.details,
            ruleset: engine.ruleset.name, caseNumber: ruleCase.number)
        return RuleCaseResult(outcome: verdict.outcome, finding: finding)
    }

    private func judge(_ ruleCase: RuleCase, type: RuleType, element: XPathNodeRef, _ place: Place) throws(RulesetError)
        -> Verdict
    {
        var verdict = Verdict(line: element.line)
        if let condition = ruleCase.condition, !Self.isTruthy(try evaluate(condition, at: element, place)) {
            verdict.outcome = .skippedByCondition
            return verdict
        }
        // Matches grouped by path, with the path that found them.
        var groups: [(path: String, nodes: [XPathNodeRef])] = []
        for path in ruleCase.paths ?? [] {
            groups.append((path, try nodes(path, key: "paths", at: element, place)))
        }
        let matches = groups.flatMap { group in group.nodes.map { (path: group.path, node: $0) } }
        let texts = matches.map(\.node.stringValue)
        func describe(_ index: Int) -> String {
            Self.describe(matches[index].node, path: matches[index].path, value: texts[index])
        }

        if let condition = ruleCase.idCondition {
            let known = engine.options.organisationIdentifiers ?? []
            let holds: Bool
            switch condition {
            case .notExistingOrgID:
                holds = texts.allSatisfy { !known.contains($0) }
            case .notExistingOrgIDPrefix:
                holds = texts.allSatisfy { text in !known.contains { text.utf8.starts(with: ($0 + "-").utf8) } }
            }
            if !holds {
                verdict.outcome = .skippedByIDCondition
                return verdict
            }
        }

        switch type {
        case .atLeastOne:
            if matches.isEmpty {
                verdict.fail("none found of: \((ruleCase.paths ?? []).joined(separator: ", "))")
            }

        case .noMoreThanOne:
            if matches.count > 1 {
                verdict.fail(at: matches[1].node.line, "found \(matches.count):")
                for index in matches.indices { verdict.details.append(describe(index)) }
            }

        case .onlyOneOf:
            for excluded in ruleCase.excluded ?? [] {
                let found = Self.length(try evaluate(excluded, at: element, place))
                if found != 0 {
                    if !matches.isEmpty {
                        verdict.fail(at: matches[0].node.line, "\(excluded) is present, so none of these may be:")
                        for index in matches.indices { verdict.details.append(describe(index)) }
                    }
                } else if matches.count != 1 {
                    verdict.fail(
                        at: matches.count > 1 ? matches[1].node.line : nil,
                        "\(excluded) is absent, so exactly one of these must be present; found \(matches.count)")
                }
                if verdict.outcome == .failed { break }
            }

        case .oneOrAll:
            try judgeOneOrAll(ruleCase, element: element, place, &verdict)

        case .dependent:
            let present = groups.filter { !$0.nodes.isEmpty }.map(\.path)
            if !present.isEmpty && present.count != groups.count {
                let absent = groups.filter { $0.nodes.isEmpty }.map(\.path)
                verdict.fail(
                    "present: \(present.joined(separator: ", ")); absent: \(absent.joined(separator: ", "))")
            }

        case .unique:
            var seen: [[UInt8]: Int] = [:]
            for index in matches.indices {
                let key = Array(texts[index].utf8)
                if let first = seen[key] {
                    verdict.fail(
                        at: matches[index].node.line, "duplicate: \(describe(index)), first \(describe(first))")
                } else {
                    seen[key] = index
                }
            }

        case .sum, .strictSum:
            if type == .sum && matches.isEmpty { break }
            var total = 0.0
            for text in texts { total += JSCompat.number(text) }
            let computed = JSCompat.roundedToFourDecimals(total)
            let expected = ruleCase.sum ?? .nan
            if computed != expected {
                verdict.fail(
                    at: matches.first?.node.line,
                    "the sum is \(Self.format(computed)), not \(Self.format(expected))")
                for index in matches.indices { verdict.details.append(describe(index)) }
            }

        case .dateOrder, .dateNow, .timeLimit, .betweenDates:
            try judgeDates(ruleCase, type: type, element: element, place, &verdict)

        case .regexMatches, .regexNoMatches:
            let pattern = ruleCase.regex ?? ""
            let regex: Regex<AnyRegexOutput>
            do {
                regex = try engine.regex(pattern)
            } catch {
                throw self.error("bad regular expression \"\(pattern)\": \(error)", place)
            }
            let wanted = type == .regexMatches
            for index in matches.indices where !texts[index].isEmpty {
                let found = ((try? regex.firstMatch(in: texts[index])) ?? nil) != nil
                if found != wanted {
                    verdict.fail(at: matches[index].node.line, describe(index))
                }
            }

        case .startsWith:
            let prefixes = ruleCase.startsWithPrefixes
            if prefixes == [JSCompat.orgIDPrefixKeyword] {
                guard let known = engine.options.organisationIdentifierPrefixes else {
                    verdict.outcome = .skippedNoIDSets
                    return verdict
                }
                for index in matches.indices {
                    // The prefix is everything before the second "-".
                    let parts = texts[index].split(separator: "-", omittingEmptySubsequences: false)
                    let prefix = "\(parts[0])-\(parts.count > 1 ? String(parts[1]) : "undefined")"
                    if !known.contains(prefix) {
                        verdict.fail(at: matches[index].node.line, "\(describe(index)): unknown prefix \(prefix)")
                    }
                }
            } else {
                var starts: [String] = []
                for prefix in prefixes {
                    starts += try nodes(prefix, key: "prefix", at: element, place).map(\.stringValue)
                }
                let separator = ruleCase.separator ?? ""
                for index in matches.indices {
                    let text = texts[index].utf8
                    if !starts.contains(where: { text.starts(with: ($0 + separator).utf8) }) {
                        let wanted = starts.map { "'\($0)\(separator)'" }.joined(separator: " or ")
                        verdict.fail(
                            at: matches[index].node.line,
                            "\(describe(index)) does not start with \(wanted.isEmpty ? "a prefix (none found)" : wanted)"
                        )
                    }
                }
            }

        case .ifThen:
            if Self.isTruthy(try evaluate(ruleCase.ifExpression ?? "", at: element, place)),
                !Self.isTruthy(try evaluate(ruleCase.thenExpression ?? "", at: element, place))
            {
                verdict.fail(at: matches.first?.node.line, "\(ruleCase.thenExpression ?? "") is false")
                for index in matches.indices { verdict.details.append(describe(index)) }
            }

        case .range:
            for index in matches.indices {
                let value = JSCompat.number(texts[index])
                let minimum = ruleCase.min ?? value
                let maximum = ruleCase.max ?? value
                if !(minimum <= value && value <= maximum) {
                    verdict.fail(at: matches[index].node.line, describe(index))
                }
            }

        case .noSpaces:
            for index in matches.indices where JSCompat.hasOuterWhitespace(texts[index]) {
                verdict.fail(at: matches[index].node.line, describe(index))
            }

        case .loop:
            // Loops are expanded by evaluateLoop before a case is judged.
            break
        }
        return verdict
    }

    // MARK: oneOrAll

    private func judgeOneOrAll(_ ruleCase: RuleCase, element: XPathNodeRef, _ place: Place, _ verdict: inout Verdict)
        throws(RulesetError)
    {
        if let one = ruleCase.one, (Self.length(try evaluate(one, at: element, place)) ?? 0) > 0 { return }
        guard let target = ruleCase.all.flatMap(OneOrAllTarget.init(rawValue:)) else { return }
        func check(_ selection: String, lacking needed: String, what: String) throws(RulesetError) {
            for node in try nodes(selection, key: "all", at: element, place) {
                if try nodes(needed, key: "all", at: node, place).isEmpty {
                    verdict.fail(at: node.line, "<\(node.qualifiedName)> at line \(node.line) has no \(what)")
                }
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
            for node in try nodes("transaction", key: "all", at: element, place)
            where try nodes("recipient-country|recipient-region", key: "all", at: node, place).isEmpty {
                verdict.fail(
                    at: node.line, "<transaction> at line \(node.line) has no recipient-country or recipient-region")
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
    }

    /// JavaScript `parseDate`: `NOW`, or the value of the first node selected, when that is an
    /// attribute whose value `new Date()` reads; `nil` otherwise.
    private func date(_ expression: String?, at element: XPathNodeRef, _ place: Place) throws(RulesetError)
        -> FoundDate?
    {
        guard let expression else { return nil }
        if expression == JSCompat.nowKeyword {
            // The comparison uses the exact time; messages show the day, so that reports of one
            // file made on one day are the same.
            return FoundDate(time: now, text: String(JSCompat.isoString(now).prefix(10)), line: 0, expression: expression)
        }
        guard case .nodes(let nodes) = try evaluate(expression, at: element, place), let first = nodes.first,
            first.kind == .attribute
        else { return nil }
        let text = first.stringValue
        guard !text.isEmpty, let time = JSCompat.date(text) else { return nil }
        return FoundDate(time: time, text: text, line: first.line, expression: expression)
    }

    private func judgeDates(
        _ ruleCase: RuleCase, type: RuleType, element: XPathNodeRef, _ place: Place, _ verdict: inout Verdict
    ) throws(RulesetError) {
        func read(_ expression: String?) throws(RulesetError) -> FoundDate? {
            try date(expression, at: element, place)
        }
        func describe(_ found: FoundDate) -> String {
            found.line > 0
                ? "\(found.expression) = '\(found.text)' at line \(found.line)" : "\(found.expression) = \(found.text)"
        }
        switch type {
        case .dateOrder:
            guard let less = try read(ruleCase.less), let more = try read(ruleCase.more) else {
                verdict.outcome = .skippedMissingDate
                return
            }
            if !(less.time <= more.time) {
                verdict.fail(
                    at: less.line > 0 ? less.line : more.line, "\(describe(less)) is later than \(describe(more))")
            }
        case .dateNow:
            guard let date = try read(ruleCase.date) else {
                verdict.outcome = .skippedMissingDate
                return
            }
            if !(date.time <= now) {
                verdict.fail(at: date.line, "\(describe(date)) is in the future")
            }
        case .timeLimit:
            guard let start = try read(ruleCase.start), let end = try read(ruleCase.end) else {
                verdict.outcome = .skippedMissingDate
                return
            }
            // date-fns differenceInDays: whole days, truncated towards zero.
            let days = ((end.time - start.time) / JSCompat.millisecondsPerDay).rounded(.towardZero)
            if !(days <= 365) {
                verdict.fail(at: end.line, "\(describe(end)) is \(Self.format(days)) days after \(describe(start))")
            }
        case .betweenDates:
            // The official code needs the date; without start or end it stops with an error.
            guard let date = try read(ruleCase.date), let start = try read(ruleCase.start),
                let end = try read(ruleCase.end)
            else {
                verdict.outcome = .skippedMissingDate
                return
            }
            if !(start.time <= date.time && date.time <= end.time) {
                verdict.fail(at: date.line, "\(describe(date)) is not between \(describe(start)) and \(describe(end))")
            }
        default:
            break
        }
    }

    // MARK: Identifiers and text

    /// The identifier of the activity or organisation holding `element`.
    private mutating func identifier(of element: XPathNodeRef, _ place: Place) throws(RulesetError) -> String? {
        if let known = identifiers[element] { return known }
        var found: String? = nil
        for expression in [
            "string(ancestor-or-self::iati-activity[1]/iati-identifier)",
            "string(ancestor-or-self::iati-organisation[1]/organisation-identifier)",
        ] {
            if case .string(let text) = try evaluate(expression, at: element, place), !text.isEmpty {
                found = text
                break
            }
        }
        identifiers[element] = found
        return found
    }

    /// `path = 'value' at line N`, the value shortened when long.
    static func describe(_ node: XPathNodeRef, path: String, value: String) -> String {
        // Runs of white space shown as one space, so element values with indentation stay on
        // one line (a leading or trailing space still shows).
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
        if shown.count > 80 { shown = String(shown.prefix(77)) + "..." }
        return "\(path) = '\(shown)' at line \(node.line)"
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
