import Foundation
import IATIValidation
import TestSupport
import Testing

/// `iatix validate` end to end: the built binary, its exit statuses, outputs and file checks.
@Suite("iatix validate")
struct ValidateCLITests {
    static let binaryAvailable = FileManager.default.isExecutableFile(atPath: Command.iatix)
    static let binaryMissing: Comment = "the iatix binary is not built (swift build first): skipped"

    @Test("exit status follows --fail-on", .enabled(if: binaryAvailable, binaryMissing))
    func exitStatus() throws {
        let valid = Reference.sample("ilo-vietnam-activities.xml")
        let broken = Reference.sample("broken-activities.xml")
        #expect(try Command.iatix(["validate", valid]).status == 0)
        #expect(try Command.iatix(["validate", broken]).status == 1)
        #expect(try Command.iatix(["validate", broken, "--fail-on", "never"]).status == 0)
        #expect(try Command.iatix(["validate", broken, "--fail-on", "critical"]).status == 1)
        #expect(try Command.iatix(["validate", valid, "--fail-on", "warning"]).status == 0)
    }

    @Test("an activity file with only codelist errors passes --fail-on critical and fails --fail-on error", .enabled(if: binaryAvailable, binaryMissing))
    func failOnLevels() throws {
        let folder = try TemporaryFolder()
        let text = Fixture.activities(body: Fixture.minimalActivity(attributes: #" default-currency="XXX""#))
        let path = try folder.write("codes.xml", text)
        #expect(try Command.iatix(["validate", path, "--fail-on", "critical"]).status == 0)
        let result = try Command.iatix(["validate", path])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains(": error 9.3.1 @default-currency of <iati-activity> must be a code of the Currency codelist"))
    }

    @Test("wrong usage exits with status 2", .enabled(if: binaryAvailable, binaryMissing))
    func usage() throws {
        let valid = Reference.sample("ilo-vietnam-activities.xml")
        #expect(try Command.iatix(["validate"]).status == 2)
        #expect(try Command.iatix(["validate", valid, "--format", "yaml"]).status == 2)
        #expect(try Command.iatix(["validate", valid, "--fail-on", "sometimes"]).status == 2)
        #expect(try Command.iatix(["validate", valid, "--xsd", "/nonexistent"]).status == 2)
        #expect(try Command.iatix(["validate", valid, "--rules", "/nonexistent.json"]).status == 2)
    }

    @Test("a file that cannot be read is an error on standard error and status 1", .enabled(if: binaryAvailable, binaryMissing))
    func unreadable() throws {
        let result = try Command.iatix(["validate", "/nonexistent/file.xml"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("/nonexistent/file.xml"))
    }

    @Test("-o writes the report to a file", .enabled(if: binaryAvailable, binaryMissing), arguments: ReportFormat.allCases)
    func outputFile(_ format: ReportFormat) throws {
        let folder = try TemporaryFolder()
        let target = folder.file("report.\(format.rawValue)")
        let result = try Command.iatix(["validate", Reference.sample("broken-activities.xml"), "--format", format.rawValue, "-o", target, "--fail-on", "never", "--no-rules"])
        #expect(result.status == 0)
        #expect(result.standardOutput.isEmpty)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        let expected = ValidationReport(files: [
            try Validator(options: ValidationOptions(keepsAllRecords: format == .junit)).validate(path: Reference.sample("broken-activities.xml"))
        ]).rendered(as: format)
        #expect(written == expected)
    }

    @Test("--xsd checks structure with the official schema", .enabled(if: binaryAvailable, binaryMissing), .enabled(if: Reference.isAvailable, Reference.missing))
    func xsd() throws {
        let result = try Command.iatix(["validate", Reference.sample("broken-activities.xml"), "--xsd", Reference.path("schemas/2.03")])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("critical 0.3.1 Element 'description': This element is not expected. Expected is ( title )."))
        #expect(try Command.iatix(["validate", Reference.sample("ilo-vietnam-activities.xml"), "--xsd", Reference.path("schemas/2.03")]).status == 0)
    }

    @Test("standard input, with and without --xsd", .enabled(if: binaryAvailable, binaryMissing), .enabled(if: Reference.isAvailable, Reference.missing))
    func standardInput() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Reference.sample("broken-activities.xml")))
        let plain = try Command.iatix(["validate", "-"], input: data)
        #expect(plain.status == 1)
        #expect(plain.standardOutput.contains("-:32:5: critical 0.3.1"))
        let xsd = try Command.iatix(["validate", "-", "--xsd", Reference.path("schemas/2.03")], input: data)
        #expect(xsd.standardOutput.contains("-:32: critical 0.3.1 Element 'description'"))
    }

    @Test("file-level checks: not XML, not IATI, version 1.0x, no version", .enabled(if: binaryAvailable, binaryMissing))
    func fileLevel() throws {
        let folder = try TemporaryFolder()
        let notXML = try folder.write("broken.xml", "<iati-activities version=\"2.03\"><iati-activity>\n</iati-activities>\n")
        var result = try Command.iatix(["validate", notXML])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("critical 0.1.1 not well-formed XML"))

        let notIATI = try folder.write("other.xml", "<html><body/></html>\n")
        result = try Command.iatix(["validate", notIATI])
        #expect(result.standardOutput.contains("critical 0.2.1 not an IATI file: the root element is <html>"))

        result = try Command.iatix(["validate", Reference.sample("versions/ilo-vietnam-1.05.xml")])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("critical 0.6.1 version 1.05 of the IATI Standard is no longer supported"))
        #expect(result.standardOutput.contains("iatix convert"))

        let noVersion = try folder.write("noversion.xml", Fixture.activities(body: Fixture.minimalActivity()).replacingOccurrences(of: " version=\"2.03\"", with: ""))
        result = try Command.iatix(["validate", noVersion])
        #expect(result.standardOutput.contains("missing required attribute @version on <iati-activities>"))
        #expect(result.standardOutput.contains("(add version=\"2.03\" or the version the file follows; checked as 2.03)"))

        let badVersion = try folder.write("xx.xml", Fixture.activities(version: "xx", body: Fixture.minimalActivity()))
        result = try Command.iatix(["validate", badVersion])
        #expect(result.standardOutput.contains("error 9.1.1 @version of <iati-activities> must be a code of the Version codelist"))
    }

    @Test("decomposed text (NFD) is quoted composed (NFC), as convert writes it; --keep-unicode-form quotes it as written", .enabled(if: binaryAvailable, binaryMissing))
    func unicodeForm() throws {
        let folder = try TemporaryFolder()
        let nfd = "Vie\u{0323}\u{0302}t"
        let path = try folder.write("nfd.xml", "<iati-activities version=\"2.03\"><iati-activity><iati-identifier>\(nfd)</iati-identifier><activity-status code=\"\(nfd)\"/></iati-activity></iati-activities>\n")
        let composed = Array(try Command.iatix(["validate", path]).standardOutput.utf8)
        // Bytes, not `String.contains`: Swift compares strings up to canonical equivalence.
        #expect(composed.firstRange(of: Array("-- activity Vi\u{1EC7}t\n".utf8)) != nil)
        #expect(composed.firstRange(of: Array("(\"Vi\u{1EC7}t\" is not a code of ActivityStatus)".utf8)) != nil)
        #expect(composed.firstRange(of: [0xCC]) == nil, "\(String(decoding: composed, as: UTF8.self))")
        let kept = Array(try Command.iatix(["validate", "--keep-unicode-form", path]).standardOutput.utf8)
        #expect(kept.firstRange(of: Array("(\"\(nfd)\" is not a code of ActivityStatus)".utf8)) != nil)
    }

    @Test("older versions are checked against their own structure", .enabled(if: binaryAvailable, binaryMissing))
    func olderVersions() throws {
        for version in ["2.01", "2.02"] {
            let result = try Command.iatix(["validate", Reference.sample("versions/ilo-vietnam-\(version).xml"), "--fail-on", "critical"])
            #expect(result.status == 0, "\(version): \(result.standardOutput)")
        }
    }

    @Test("duplicate activity identifiers are file-level errors 1.1.2", .enabled(if: binaryAvailable, binaryMissing))
    func duplicates() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("dup.xml", Fixture.activities(body: Fixture.minimalActivity() + "\n" + Fixture.minimalActivity()))
        let result = try Command.iatix(["validate", path, "--format", "json", "--fail-on", "never"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let groups = try #require(object["errors"] as? [[String: Any]])
        let file = try #require(groups.first { $0["identifier"] as? String == "file" })
        let findings = (file["errors"] as? [[String: Any]])?.flatMap { $0["errors"] as? [[String: Any]] ?? [] } ?? []
        #expect(findings.contains { $0["id"] as? String == "1.1.2" && $0["severity"] as? String == "error" && $0["level"] as? String == "error" })
    }

    /// The findings of rule `id` in `validate`'s text output of `relative` (under the reference
    /// folder): each finding's line and its whole text.
    static func ruleFindings(_ id: String, in relative: String) throws -> [(line: Int, text: String)] {
        let result = try Command.iatix(["validate", relative, "--fail-on", "never"], directory: Reference.folder)
        let prefix = relative + ":"
        return result.standardOutput.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(prefix), line.contains(" \(id) ") else { return nil }
            let number = line.dropFirst(prefix.count).prefix { $0.isNumber }
            return Int(number).map { ($0, String(line)) }
        }
    }

    @Test(
        "a rule that fails on several elements gives one finding per element, at its line, with a bounded message",
        .enabled(if: binaryAvailable && Reference.isAvailable, "iatix binary or IATI reference folder missing: skipped"))
    func oneFindingPerElement() throws {
        // 4.1.1: narratives without xml:lang in an activity without a default language.
        let file = "real/v2/iatikit-fixture-org-activities.xml"
        let source = try String(contentsOfFile: Reference.path(file), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let language = try Self.ruleFindings("4.1.1", in: file)
        #expect(language.count > 1)
        #expect(Set(language.map(\.line)).count == language.count, "one finding per narrative, each at its own line")
        for finding in language {
            let text = source[finding.line - 1]
            #expect(text.contains("<narrative") && !text.contains("xml:lang"), "line \(finding.line) is not a narrative without xml:lang: \(text)")
            #expect(finding.text.components(separatedBy: " at line ").count == 2, "names one narrative: \(finding.text)")
        }
        // 2.1.1: every DAC sector without a percentage, one finding each.
        let sectors = try Self.ruleFindings("2.1.1", in: "real/v2/sr-activity.xml")
        let sectorSource = try String(contentsOfFile: Reference.path("real/v2/sr-activity.xml"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(sectors.count > 1)
        #expect(Set(sectors.map(\.line)).count == sectors.count)
        #expect(sectors.allSatisfy { sectorSource[$0.line - 1].contains("<sector") && !sectorSource[$0.line - 1].contains("percentage") })
        // No finding of any real file quotes more than a few particulars.
        for path in Reference.xmlFiles(under: "real/v2") + Reference.xmlFiles(under: "real/v1") {
            let output = try Command.iatix(["validate", path, "--fail-on", "never"]).standardOutput
            let longest = output.split(separator: "\n").map(\.count).max() ?? 0
            #expect(longest < 1_000, "\(path): a finding of \(longest) characters")
        }
    }
}
