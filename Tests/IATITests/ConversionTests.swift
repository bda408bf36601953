import Foundation
import IATI
import LibXML
import Testing
import TestSupport

/// Converts `path` in memory to the given format.
func convertToString(_ path: String, format: OutputFormat, inputFormat: InputFormat? = nil) throws -> (String, ConversionSummary) {
    let folder = try TemporaryFolder()
    let target = folder.file("out." + format.fileExtension)
    let sink = try ByteSink(path: target)
    let summary = try Conversion.run(try Conversion.source(path: path, format: inputFormat), into: format.writer(into: sink))
    try sink.commit()
    return (try String(contentsOfFile: target, encoding: .utf8), summary)
}

/// The activity files the foundation must convert: real publishers' files and the schema
/// suite's should-pass activity files.
let conversionCorpus: [String] = {
    guard Reference.isAvailable else { return [] }
    return Reference.xmlFiles(under: "real/v2")
        + Reference.xmlFiles(under: "schema-tests/activity-tests/should-pass")
        + Reference.xmlFiles(under: "schema-tests/should-pass/iati-activities")
}()

@Suite("Conversion of real and official test files")
struct ConversionTests {
    @Test("XML → JSON → XML gives byte-identical canonical XML", .enabled(if: Reference.isAvailable, Reference.missing))
    func roundTrip() throws {
        #expect(conversionCorpus.count > 200)
        for file in conversionCorpus {
            let (xml, _) = try convertToString(file, format: .xml)
            let folder = try TemporaryFolder()
            let (json, _) = try convertToString(file, format: .json)
            let jsonPath = try folder.write("doc.json", json)
            let (back, _) = try convertToString(jsonPath, format: .xml)
            #expect(back == xml, "round trip differs for \(file)")
            // And the canonical form is a fixed point.
            let xmlPath = try folder.write("canonical.xml", xml)
            let (again, _) = try convertToString(xmlPath, format: .xml)
            #expect(again == xml, "canonical XML is not stable for \(file)")
        }
    }

    @Test("JSON whose record carries 1.0x content is read as the same record's XML is: upgraded, and stable after")
    func version1ContentInJSON() throws {
        // The fuzzer's case: an activity with its own 1.0x `version` attribute (an attribute
        // outside the standard, in no namespace), written as JSON.
        let folder = try TemporaryFolder()
        let line = #"{"lastUpdatedDatetime":"2025-10-15T09:00:00Z","iatiIdentifier":"XM-DAC-41302-VNM151","extensions":{"attributes":[{"name":"version","value":"1.05"}]}}"#
        let (xml, _) = try convertToString(try folder.write("record.jsonl", line + "\n"), format: .xml)
        #expect(xml.contains(#"iatix:version="1.05""#) && !xml.contains(#" version="1.05""#), "\(xml)")
        let (fromXML, _) = try convertToString(try folder.write("first.xml", xml), format: .xml)
        #expect(fromXML == xml)
        let (json, _) = try convertToString(try folder.write("first.xml", xml), format: .json)
        let (again, _) = try convertToString(try folder.write("second.json", json), format: .xml)
        #expect(again == xml, "JSON → XML → JSON → XML differs")
    }

    @Test("JSON numbers in exponent form become XML decimals exactly, with no note")
    func exponentNumbers() throws {
        let folder = try TemporaryFolder()
        let line = #"{"iatiIdentifier":"X-1","hierarchy":2E0,"budgets":[{"value":{"currency":"VND","valueDate":"2024-01-01","value":1.0000000000000000001e2}},"#
            + #"{"value":{"currency":"VND","valueDate":"2024-01-01","value":-5E-3}},{"value":{"currency":"VND","valueDate":"2024-01-01","value":1.25e+3}}]}"#
        let (xml, summary) = try convertToString(try folder.write("numbers.jsonl", line + "\n"), format: .xml)
        #expect(xml.contains(#"hierarchy="2""#), "\(xml)")
        for value in ["100.00000000000000001", "-0.005", "1250"] {
            #expect(xml.contains(">\(value)</value>"), "\(value): \(xml)")
        }
        #expect(summary.notices.counts.isEmpty, "\(summary.notices.samples)")
    }

    @Test("JSON Lines carry the same activities as the JSON document", .enabled(if: Reference.isAvailable, Reference.missing))
    func jsonLinesRoundTrip() throws {
        for file in Reference.xmlFiles(under: "real/v2") {
            let folder = try TemporaryFolder()
            let (lines, summary) = try convertToString(file, format: .jsonl)
            #expect(lines.split(separator: "\n").count == summary.records, "\(file)")
            let linesPath = try folder.write("activities.jsonl", lines)
            let (fromLines, _) = try convertToString(linesPath, format: .jsonl)
            #expect(fromLines == lines, "\(file): JSON Lines do not read back the same")
        }
    }

    @Test("nothing is lost: every attribute value and text of the input is in the canonical XML at the same path", .enabled(if: Reference.isAvailable, Reference.missing))
    func nothingLost() throws {
        for file in conversionCorpus {
            let folder = try TemporaryFolder()
            let (xml, _) = try convertToString(file, format: .xml)
            let output = try folder.write("canonical.xml", xml)
            let before = try ValueInventory(path: file)
            let after = try ValueInventory(path: output)
            // The output declares the version it is written in (2.03); what the input declared is
            // reported (and recorded in the upgrade log), so it is the one value not carried over.
            let missing = before.items.subtracting(after.items).filter { !$0.hasPrefix("iati-activities/@version = ") }
            #expect(missing.isEmpty, "\(file): lost \(missing.sorted().prefix(5))")
        }
    }

    @Test("canonical XML of a valid input is valid against the official 2.03 schema", .enabled(if: Reference.isAvailable, Reference.missing))
    func canonicalIsValid() throws {
        let schema = Reference.path("schemas/2.03/iati-activities-schema.xsd")
        let folder = try TemporaryFolder()
        guard let inputFailures = try ReferenceTools.xsdFailures(conversionCorpus, schema: schema) else {
            Issue.record("xmllint is not installed (apt-get install libxml2-utils)")
            return
        }
        let valid = conversionCorpus.filter { inputFailures[$0] == nil }
        #expect(valid.count >= 200)
        var outputs: [String: String] = [:]
        for (index, file) in valid.enumerated() {
            let (xml, _) = try convertToString(file, format: .xml)
            outputs[try folder.write("\(index).xml", xml)] = file
        }
        let failures = try ReferenceTools.xsdFailures(outputs.keys.sorted(), schema: schema) ?? [:]
        for (output, message) in failures {
            Issue.record("canonical XML of \(outputs[output] ?? output) is invalid: \(message)")
        }
    }

    @Test("every JSON output validates against schemas/iatix-document.schema.json", .enabled(if: Reference.isAvailable, Reference.missing))
    func jsonMatchesSchema() throws {
        let folder = try TemporaryFolder()
        var documents: [String] = []
        var lines: [String] = []
        for (index, file) in conversionCorpus.enumerated() {
            documents.append(try folder.write("\(index).json", try convertToString(file, format: .json).0))
            lines.append(try folder.write("\(index).jsonl", try convertToString(file, format: .jsonl).0))
        }
        let schemas = Reference.packageRoot + "/schemas/"
        guard let failures = try ReferenceTools.jsonSchemaFailures(documents, schema: schemas + "iatix-document.schema.json") else {
            Issue.record("python3 with jsonschema is needed (pip install jsonschema)")
            return
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        let lineFailures = try ReferenceTools.jsonSchemaFailures(lines, schema: schemas + "iatix-activity.schema.json", lines: true) ?? []
        #expect(lineFailures.isEmpty, "\(lineFailures.prefix(10))")
    }

    @Test("output is deterministic")
    func deterministic() throws {
        let sample = Reference.sample("ilo-vietnam-activities.xml")
        let file = FileManager.default.fileExists(atPath: sample) ? sample : Reference.path("real/v2/fcdo-activity.xml")
        try #require(FileManager.default.fileExists(atPath: file), "no sample to convert")
        for format in OutputFormat.allCases {
            #expect(try convertToString(file, format: format).0 == convertToString(file, format: format).0)
        }
    }
}

@Suite("JSON Schema of the output")
struct JSONSchemaTests {
    @Test("the committed schemas are the ones the catalogue generates", arguments: [
        ("iatix-document.schema.json", JSONSchemaGenerator.documentSchema()),
        ("iatix-activity.schema.json", JSONSchemaGenerator.activityLineSchema()),
    ])
    func committedSchemaIsCurrent(name: String, schema: JSONValue) throws {
        let path = Reference.packageRoot + "/schemas/" + name
        let generated = JSONSchemaGenerator.text(schema)
        if ProcessInfo.processInfo.environment["IATIX_UPDATE_GOLDEN"] == "1" {
            try Data(generated.utf8).write(to: URL(fileURLWithPath: path))
        }
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(committed == generated, "schemas/\(name) is out of date: run the tests with IATIX_UPDATE_GOLDEN=1")
    }
}

/// Every (element path, attribute, value) and (element path, text) of a file, with values in
/// the normal form iatix writes (trimmed; numbers and booleans of the standard's types
/// compared by value), so that two files can be compared "order aside".
struct ValueInventory {
    var items: Set<String> = []

    init(path: String) throws {
        let reader = try XMLReader(path: path)
        guard let root = try reader.nextElement() else { return }
        let rootPath = root.name
        for attribute in root.attributes { add(rootPath + "/@" + Self.name(attribute), attribute.value) }
        while let start = try reader.nextElement() {
            guard start.depth == 1 else { continue }
            collect(try reader.expand(), parent: rootPath)
        }
    }

    private static func name(_ attribute: Attribute) -> String {
        attribute.namespace.map { "{\($0)}\(attribute.name)" } ?? attribute.name
    }

    private mutating func collect(_ node: Node, parent: String) {
        let path = parent + "/" + (node.namespace.map { "{\($0)}\(node.name)" } ?? node.name)
        for attribute in node.attributes { add(path + "/@" + Self.name(attribute), attribute.value) }
        add(path + "/text()", node.text)
        for child in node.children { collect(child, parent: path) }
    }

    private mutating func add(_ key: String, _ raw: String) {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { return }
        items.insert(key + " = " + Self.normal(value))
    }

    /// Numbers by value (`+1.50` = `1.50`), booleans as 1/0; everything else as written.
    private static func normal(_ value: String) -> String {
        if DataType.decimal.accepts(Substring(value)), let normal = DataType.decimal.normalised(value) { return normal }
        if value == "true" { return "1" }
        if value == "false" { return "0" }
        return value
    }
}
