import Foundation
import IATI
@testable import IATIValidation
import LibXML
import Testing
import TestSupport

/// The expressions the project evaluates by walking libxml2's nodes (`XPathSubset`) give what
/// libxml2's own XPath engine gives: compared expression by expression at every node of real
/// files, and rule outcome by rule outcome on every record.
@Suite("XPath subset walked like libxml2")
struct XPathSubsetTests {
    /// Forms beyond the rulesets' own: unions, `//`, reverse axes, positions, every comparison
    /// between node-sets, strings, numbers and booleans, NaN, functions without arguments.
    static let edgeExpressions = [
        "/", "/iati-activities/@version", "//narrative", "//@xml:lang", "//narrative/text()", "//title/narrative",
        ".", "..", "../..", "ancestor::iati-activity", "ancestor-or-self::node()", "ancestor::node()[2]",
        "descendant::narrative[1]", "descendant-or-self::narrative", "descendant::node()", "self::node()",
        "//sector/@code | //transaction/sector/@code", "sector | reporting-org | sector",
        "transaction[2]/value", "transaction[value > 1000]", "transaction[1][@ref]", "participating-org[@role = '1'][1]/@ref",
        "participating-org[1][@role = '1']", "budget/value = transaction/value", "budget/value != transaction/value",
        "@percentage < 50", "50 >= @percentage", "sector/@percentage <= '50'", "count(//narrative) - count(//title/narrative)",
        "-count(sector)", "string(@iso-date)", "number(value)", "string()", "number()", "boolean(@missing)",
        "(sector)", "(count(sector) > 1) = (count(sector[@percentage]) > 1)", "'a' = 'a'", "1 = '1'", "'abc' != 'abd'",
        "not(not(@ref))", "reporting-org/narrative = 'x'", "title/narrative != ''", "@xml:lang = 'en'",
        "value/@value-date < '2020-01-01'", "related-activity/@type = 1", "recipient-country/@percentage = recipient-region/@percentage",
        "recipient-country/@percentage > recipient-region/@percentage", "activity-date/@iso-date = activity-date/@iso-date",
        "description/narrative/text() = title/narrative/text()", "boolean(1) = boolean(0)", "0 = ''", "@ref = boolean(@ref)",
        "sector < boolean(sector)", "string(1 div 0)", "string(0.5 + 1)", "string(-0)", "string(count(sector) = 0)",
        "number('  12 ') + number('1e3')", "number(@missing) != number(@missing)", "number(@missing) = number(@missing)",
        "text()", "node()", "@*", "*", "sum(transaction/value)", "transaction[last()]",
    ]

    /// Files of every shape: the samples, real files of every version, the official rule cases.
    static var files: [String] {
        var files = ["ilo-vietnam-activities.xml", "broken-activities.xml"].map(Reference.sample)
        files += Reference.files(under: Reference.sample("versions"), suffix: ".xml")
        files += Reference.xmlFiles(under: "real") + Reference.xmlFiles(under: "ruleset-cases")
        return files
    }

    @Test("the default and official rulesets' expressions are all inside the subset")
    func rulesetsAreWalked() throws {
        var rulesets = [try DefaultRuleset.load()]
        if Reference.isAvailable { rulesets.append(try Ruleset(contentsOf: Reference.path("rulesets/standard.json"))) }
        for ruleset in rulesets {
            let expressions = try Self.expressions(of: ruleset)
            #expect(expressions.count > 50)
            for expression in expressions {
                #expect(expression.isWalked, "\(ruleset.name): \(expression.text) is left to libxml2")
            }
        }
    }

    @Test("expression by expression, where rules evaluate them and at every node, the walk gives libxml2's value", .enabled(if: Reference.isAvailable, Reference.missing))
    func expressionsAgree() throws {
        let cache = XPathCache()
        let rulesets = [try DefaultRuleset.load(), try Ruleset(contentsOf: Reference.path("rulesets/standard.json"))]
        let ruleTexts = try Set(rulesets.flatMap { try Self.expressions(of: $0).map(\.text) })
        let ruleExpressions = try ruleTexts.sorted().map { try cache.expression($0) }
        let contexts = try Set(rulesets.flatMap(\.contextExpressions)).sorted().map { try cache.expression($0) }
        let edges = try Self.edgeExpressions.map { try cache.expression($0) }
        let everyNode = try cache.expression("//* | //@ref | //@xml:lang | //narrative/text()")
        var walked = 0
        for file in Self.files {
            guard let root = try RulesReference.document(file) else { continue }
            let document = try XPathDocument(root: root, name: file, cache: cache)
            let start = document.documentRoot
            // The rules' own expressions where the engine evaluates them; the edge forms everywhere.
            var ruleNodes = [start]
            for context in contexts { ruleNodes += try Self.nodes(document.evaluateByLibXML2(context, at: start)) }
            // The official rule cases are many small variants of one activity: the edge forms
            // run on the samples and real files only.
            let allNodes = file.contains("/ruleset-cases/") ? [] : [start] + (try Self.nodes(document.evaluateByLibXML2(everyNode, at: start)))
            for (expressions, nodes) in [(ruleExpressions, ruleNodes), (edges, allNodes)] {
                for node in nodes {
                    for expression in expressions {
                        let expected = try document.evaluateByLibXML2(expression, at: node)
                        guard let found = document.walk(expression, at: node) else {
                            #expect(!expression.isWalked, "\(file): \(expression.text) at line \(node.line) was not walked")
                            continue
                        }
                        walked += 1
                        #expect(
                            Self.same(found, expected),
                            "\(file): \(expression.text) at \(node.name), line \(node.line): walked \(Self.describe(found)), libxml2 \(Self.describe(expected))")
                    }
                }
            }
        }
        #expect(walked > 100_000, "only \(walked) evaluations walked")
    }

    /// libxml2 reads an entity reference's text in some places and not in others (compared
    /// with a string, `reporting-org/narrative = 'Bộ Lao động ILO'` is false for it): a record
    /// with one is left to libxml2 whole. (An entity of plain text is read as text, see
    /// `plainEntitiesAreText`: these hold a reference or markup.)
    @Test("a record with entity references is left to libxml2")
    func entityReferences() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/entities.xml"
        try Data(Self.withEntities.utf8).write(to: URL(fileURLWithPath: path))
        let cache = XPathCache()
        // The activity as validate reads it: the reader's own nodes, entity references kept.
        let reader = try XMLReader(path: path)
        let start = try #require(try reader.nextElement())
        _ = try #require(try reader.nextElement())
        let root = Node(name: start.name, attributes: start.attributes)
        let document = try XPathDocument(root: root, child: try reader.detach(), name: path, cache: cache)
        let expressions = try (Self.edgeExpressions + ["//narrative/node()", "title/narrative/node()", "reporting-org/narrative = 'Bộ Lao động ILO'"])
            .map { try cache.expression($0) }
        let everyNode = try cache.expression("//node() | //@*")
        var left = 0
        var walked = 0
        for node in [document.documentRoot] + Self.nodes(try document.evaluateByLibXML2(everyNode, at: document.documentRoot)) {
            for expression in expressions {
                let expected = try document.evaluateByLibXML2(expression, at: node)
                guard let found = document.walk(expression, at: node) else {
                    if expression.isWalked { left += 1 }
                    continue
                }
                walked += 1
                #expect(Self.same(found, expected), "\(expression.text) at \(node.name), line \(node.line)")
            }
        }
        #expect(walked == 0)
        #expect(left > 1000)
    }

    static let withEntities = """
        <?xml version="1.0"?>
        <!DOCTYPE iati-activities [ <!ENTITY lao "Lao"> <!ENTITY org "Bộ &lao; động"> ]>
        <iati-activities version="2.03">
         <iati-activity default-currency="USD">
          <iati-identifier>XM-DAC-41114-1</iati-identifier>
          <reporting-org ref="XM-DAC-41114" type="40"><narrative>&org; ILO</narrative></reporting-org>
          <title><narrative>Title &org;</narrative><narrative xml:lang="vi">&org;</narrative></title>
          <sector code="11110" percentage="&#53;0"/>
         </iati-activity>
        </iati-activities>
        """

    @Test("rule by rule, on every record a reader detaches, the outcomes are libxml2's", .enabled(if: Reference.isAvailable, Reference.missing))
    func ruleOutcomesAgree() throws {
        let rulesets = [try DefaultRuleset.load(), try Ruleset(contentsOf: Reference.path("rulesets/standard.json"))]
        let options = RuleEngine.Options(organisationIdentifierPrefixes: OrganisationPrefixes.builtIn, currentTime: RulesReference.now)
        var records = 0
        for ruleset in rulesets {
            let walking = RuleEngine(ruleset: ruleset, options: options)
            let plain = RuleEngine(ruleset: ruleset, options: options)
            plain.cache.walksSubset = false
            for file in Self.files {
                let reader = try XMLReader(path: file)
                guard let start = try reader.nextElement(), start.depth == 0 else { continue }
                let root = Node(name: start.name, namespace: start.namespace, prefix: start.prefix, attributes: start.attributes)
                while let element = try reader.nextElement() {
                    guard element.depth == 1 else { continue }
                    let record = try reader.expand()
                    let expected = try plain.results(document: RuleEngine.wrap(record, in: start, defaultName: root.name))
                    let found = try walking.results(document: RuleEngine.wrap(record, in: start, defaultName: root.name))
                    #expect(found == expected, "\(ruleset.name) on \(file), record at line \(element.line)")
                    records += 1
                }
                // As `validate` evaluates: on the subtree the reader detached, borrowed in place.
                let detaching = try XMLReader(path: file)
                _ = try detaching.nextElement()
                while let element = try detaching.nextElement() {
                    guard element.depth == 1 else { continue }
                    let record = try detaching.detach()
                    let expected = try plain.evaluate(record: record, root: root)
                    let found = try walking.evaluate(record: record, root: root)
                    #expect(found == expected, "\(ruleset.name) on \(file), detached record at line \(element.line)")
                }
            }
        }
        #expect(records > 100)
    }

    // MARK: Helpers

    /// Every expression a ruleset compiles, loops compiled for the values `1` and `99`.
    static func expressions(of ruleset: Ruleset) throws -> [XPathExpression] {
        let engine = RuleEngine(ruleset: ruleset)
        let plan = try RulePlan(ruleset: ruleset, engine: engine)
        var found = plan.identifierExpressions
        func add(_ rules: [RulePlan.CompiledRule]) throws {
            for ruleCase in rules.flatMap(\.cases) {
                found += [ruleCase.condition, ruleCase.one, ruleCase.ifExpression, ruleCase.thenExpression].compactMap { $0 }
                found += ruleCase.paths + ruleCase.excluded + ruleCase.prefixes
                for source in [ruleCase.less, ruleCase.more, ruleCase.date, ruleCase.start, ruleCase.end] {
                    if case .expression(let expression) = source { found.append(expression) }
                }
                if let loop = ruleCase.loop {
                    found.append(loop.foreach)
                    for value in ["1", "99"] { try add(loop.rules(for: value, engine: engine)) }
                }
            }
        }
        for context in plan.contexts {
            found.append(context.xpath)
            try add(context.rules)
        }
        return found
    }

    static func nodes(_ result: XPathResult) -> [XPathNode] {
        guard case .nodes(let nodes) = result else { return [] }
        return nodes
    }

    static func same(_ first: XPathResult, _ second: XPathResult) -> Bool {
        switch (first, second) {
        case (.nodes(let a), .nodes(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.number(let a), .number(let b)): a == b || (a.isNaN && b.isNaN)
        case (.boolean(let a), .boolean(let b)): a == b
        default: false
        }
    }

    static func describe(_ result: XPathResult) -> String {
        switch result {
        case .nodes(let nodes): "nodes " + nodes.map { "\($0.name)@\($0.line)" }.joined(separator: ",")
        case .string(let text): "string \"\(text)\""
        case .number(let number): "number \(number)"
        case .boolean(let flag): "boolean \(flag)"
        }
    }
}
