import Foundation
import IATI
import IATIValidation
import LibXML
import TestSupport
import Testing

/// The report formats: JSON valid against the official validator's report schema, SARIF and
/// JUnit well-formed, the text format's lines; golden reports of the real files.
@Suite("Reports")
struct ReportTests {
    /// Reports of a few files with findings of every kind.
    static func sampleReports() throws -> [FileReport] {
        var reports: [FileReport] = []
        let validator = Validator(options: ValidationOptions(keepsAllRecords: true))
        reports.append(try validator.validate(path: Reference.sample("broken-activities.xml")))
        reports.append(try validator.validate(path: Reference.sample("ilo-vietnam-activities.xml")))
        if Reference.isAvailable {
            for file in Reference.xmlFiles(under: "real/v2") { reports.append(try validator.validate(path: file)) }
            reports += try Reference.xmlFiles(under: "real/org").map { try validator.validate(path: $0) }
            let xsd = Validator(options: ValidationOptions(schemaFolder: Reference.path("schemas/2.03")))
            reports.append(try xsd.validate(path: Reference.sample("broken-activities.xml")))
        }
        return reports
    }

    static let jsonschemaAvailable: Bool = {
        guard let python = Command.which("python3") else { return false }
        return (try? Command.run(python, ["-c", "import jsonschema"]).status) == 0
    }()

    @Test(
        "JSON reports validate against the official report schema, with the words the service writes where it differs",
        .enabled(if: Reference.isAvailable, Reference.missing),
        .enabled(if: jsonschemaAvailable, "python3 with the jsonschema module is not installed: skipped"))
    func jsonMatchesOfficialSchema() throws {
        let folder = try TemporaryFolder()
        let python = try #require(Command.which("python3"))
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            # The service writes what its older schema does not list (validator/README.md):
            # severity `error` for `danger` (and `advisory`), categories `iati` and `schema`.
            group = schema["properties"]["errors"]["items"]["properties"]["errors"]["items"]
            group["properties"]["category"]["enum"] += ["iati", "schema"]
            severity = group["properties"]["errors"]["items"]["properties"]["severity"]
            assert "danger" in severity["enum"], "the schema's severities changed"
            severity["enum"] = ["error" if word == "danger" else word for word in severity["enum"]] + ["advisory"]
            failures = 0
            for path in sys.argv[2:]:
                try:
                    jsonschema.validate(json.load(open(path)), schema)
                except jsonschema.ValidationError as error:
                    failures += 1
                    print(path, error.message, list(error.absolute_path))
            sys.exit(1 if failures else 0)
            """
        let scriptPath = try folder.write("check.py", script)
        var paths: [String] = []
        for (index, report) in try Self.sampleReports().enumerated() {
            let text = ValidationReport(files: [report]).rendered(as: .json)
            paths.append(try folder.write("report\(index).json", text))
        }
        let result = try Command.run(python, [scriptPath, Reference.path("validator/validationReport.schema.json")] + paths)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    }

    @Test("JSON reports group by activity then category, structure findings merged per message")
    func jsonShape() throws {
        let report = try Validator().validate(path: Reference.sample("broken-activities.xml"))
        let data = Data(ValidationReport(files: [report]).rendered(as: .json).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["valid"] as? Bool == false)
        #expect(object["fileType"] as? String == "iati-activities")
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["critical"] == report.counts.critical)
        #expect(summary["error"] == report.counts.error)
        let groups = try #require(object["errors"] as? [[String: Any]])
        #expect(groups.last?["identifier"] as? String == "file")
        #expect(groups.last?["title"] as? String == "File level errors")
        let identifiers = groups.compactMap { $0["identifier"] as? String }
        #expect(identifiers.contains("XM-DAC-41302-VNM903(2)"))
        // Every finding appears once (structure findings of one message merge their lines).
        var count = 0
        for group in groups {
            for category in group["errors"] as? [[String: Any]] ?? [] {
                for finding in category["errors"] as? [[String: Any]] ?? [] {
                    count += (finding["context"] as? [[String: String]])?.count ?? 0
                }
            }
        }
        #expect(count == report.findings.count)
    }

    @Test("several files make an array of reports")
    func jsonSeveralFiles() throws {
        let validator = Validator()
        let report = ValidationReport(files: [
            try validator.validate(path: Reference.sample("broken-activities.xml")),
            try validator.validate(path: Reference.sample("ilo-vietnam-activities.xml")),
        ])
        let value = try JSONSerialization.jsonObject(with: Data(report.rendered(as: .json).utf8))
        #expect((value as? [Any])?.count == 2)
    }

    @Test("SARIF 2.1.0: well-formed, one result per finding with its region")
    func sarif() throws {
        let reports = try Self.sampleReports()
        let report = ValidationReport(files: reports)
        let value = try JSONSerialization.jsonObject(with: Data(report.rendered(as: .sarif).utf8))
        let object = try #require(value as? [String: Any])
        #expect(object["version"] as? String == "2.1.0")
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "iatix")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == reports.reduce(0) { $0 + $1.findings.count })
        for result in results {
            let ruleIndex = try #require(result["ruleIndex"] as? Int)
            #expect(rules[ruleIndex]["id"] as? String == result["ruleId"] as? String)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let uri = (location["artifactLocation"] as? [String: Any])?["uri"] as? String
            #expect(uri?.isEmpty == false)
            if let region = location["region"] as? [String: Any] {
                #expect((region["startLine"] as? Int ?? 0) >= 1)
            }
        }
    }

    @Test("JUnit: well-formed XML, a test case per activity plus one for the file")
    func junit() throws {
        let folder = try TemporaryFolder()
        let report = try Validator(options: ValidationOptions(keepsAllRecords: true)).validate(path: Reference.sample("broken-activities.xml"))
        let path = try folder.write("junit.xml", ValidationReport(files: [report]).rendered(as: .junit))
        let reader = try XMLReader(path: path)
        var cases = 0
        var failures = 0
        var suites: [ElementStart] = []
        while let element = try reader.nextElement() {
            switch element.name {
            case "testcase": cases += 1
            case "failure": failures += 1
            case "testsuite": suites.append(element)
            default: break
            }
        }
        #expect(cases == report.recordCount + 1)
        #expect(suites.count == 1)
        let declared = suites.first?.attributes.first { $0.name == "failures" }?.value
        #expect(declared == String(failures))
        #expect(failures == 6)
    }

    @Test("text: compiler-style lines grouped by activity, a summary per file")
    func text() throws {
        let report = try Validator().validate(path: Reference.sample("broken-activities.xml"))
        let lines = ValidationReport(files: [report]).rendered(as: .text).split(separator: "\n").map(String.init)
        let path = Reference.sample("broken-activities.xml")
        let findingLines = lines.dropLast().filter { $0.hasPrefix(path + ":") }
        #expect(findingLines.count == report.findings.count)
        for line in findingLines {
            let rest = line.dropFirst(path.count + 1)
            let parts = rest.split(separator: " ", maxSplits: 3)
            #expect(parts.count == 4, "\(line)")
            #expect(parts.first?.hasSuffix(":") == true && parts.first?.dropLast().allSatisfy { $0.isNumber || $0 == ":" } == true, "\(line)")
            #expect(["critical", "error", "warning", "info"].contains(String(parts[1])), "\(line)")
        }
        #expect(lines.first == "-- activity XM-DAC-41302-VNM901")
        #expect(lines.dropLast().last?.contains("error 1.1.2") == true)
        #expect(lines.dropLast(2).last == "-- file")
        #expect(lines.last == "\(path): iati-activities 2.03, 5 activities: 5 critical, 3 errors")
    }

    @Test("reports are the same whatever the number of checking threads", .enabled(if: Reference.isAvailable, Reference.missing))
    func threadsDoNotChangeReports() throws {
        let files = [Reference.sample("broken-activities.xml")] + Reference.xmlFiles(under: "real/v2")
        for format in ReportFormat.allCases {
            var outputs: [String] = []
            for threads in [0, 1, 4] {
                let validator = Validator(options: ValidationOptions(keepsAllRecords: true, checkingThreads: threads))
                var text = ""
                let writer = format.writer(fileCount: files.count) { text += $0 }
                for file in files { try validator.validate(path: file, into: writer) }
                writer.finish()
                outputs.append(text)
            }
            #expect(Set(outputs).count == 1, "\(format): reports differ between 0, 1 and 4 threads")
            // Streaming and the collected report render alike.
            let collected = ValidationReport(files: try files.map { try Validator(options: ValidationOptions(keepsAllRecords: true)).validate(path: $0) })
            #expect(collected.rendered(as: format) == outputs.first, "\(format): streamed and collected reports differ")
        }
    }

    // MARK: - Golden reports of the real files

    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Golden"

    @Test(
        "real files validate without crashing; their findings match the golden reports",
        .enabled(if: Reference.isAvailable, Reference.missing))
    func goldenRealFiles() throws {
        let update = ProcessInfo.processInfo.environment["IATIX_UPDATE_GOLDEN"] == "1"
        let files = Reference.xmlFiles(under: "real/v2") + Reference.xmlFiles(under: "real/org")
        #expect(files.count >= 12)
        let validator = Validator()
        for path in files {
            // Findings name the file relative to the reference folder, as in a checkout.
            let relative = String(path.dropFirst((Reference.folder ?? "").count + 1))
            let report = try validator.validate(name: relative) { () throws(XMLError) in try FileSource(path: path) }
            let text = ValidationReport(files: [report]).rendered(as: .text)
            let golden = Self.goldenFolder + "/" + relative.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: ".xml", with: ".txt")
            if update {
                try FileManager.default.createDirectory(atPath: Self.goldenFolder, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: golden))
                continue
            }
            let expected = try? String(contentsOfFile: golden, encoding: .utf8)
            #expect(expected != nil, "no golden report \(golden): run with IATIX_UPDATE_GOLDEN=1")
            if let expected { #expect(text == expected, "\(relative) differs from \(golden)") }
        }
    }
}
