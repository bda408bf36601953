import Foundation
import Testing
import TestSupport

@Suite("iatix validate on 1.0x files")
struct LegacyValidationTests {
    @Test("reports the unsupported version, then checks the content as upgraded to 2.03 with the original lines")
    func upgradedContentIsChecked() throws {
        let sample = Reference.sample("versions/ilo-vietnam-1.05.xml")
        try #require(FileManager.default.fileExists(atPath: sample), "samples/versions/ilo-vietnam-1.05.xml is missing")
        let result = try Command.iatix(["validate", sample, "--fail-on", "never"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        // The file-level verdict, at the root element's line.
        #expect(lines.contains { $0.hasSuffix(":24:1: critical 0.6.1 version 1.05 of the IATI Standard is no longer supported: its content is checked below as upgraded to 2.03; write the upgrade with `iatix convert FILE --to xml -o upgraded.xml`") })
        // What 2.03 requires and the 1.05 file cannot say (other-identifier/@type), at the
        // line of the original element.
        #expect(lines.contains { $0.hasSuffix(":42:5: critical 0.3.1 missing required attribute @type on <other-identifier>") })
        // The upgrade fixes the rest: no order or codelist findings from 1.0x forms.
        #expect(!result.standardOutput.contains("unexpected element"))
        #expect(!result.standardOutput.contains("codelist"))
        #expect(result.standardOutput.contains("2 activities"))
    }
}

@Suite("iatix validate reads 1.0x content alike however its version is declared")
struct LegacyVersionDeclarationTests {
    /// The root `version` attributes tried: declared 1.03, missing, `1.0` (not an IATI
    /// version), and 2.03 (contradicted by the 1.0x content).
    private static let declarations: [(label: String, attribute: String)] = [
        ("1.03", #" version="1.03""#), ("missing", ""), ("1.0", #" version="1.0""#), ("2.03", #" version="2.03""#),
    ]

    @Test(
        "1.03, no version, version=\"1.0\" and 2.03 give the same findings apart from the version finding, on every real 1.0x file",
        .enabled(if: Reference.isAvailable, Reference.missing))
    func sameFindingsWhateverTheDeclaration() throws {
        let files = Reference.xmlFiles(under: "real/v1")
        try #require(!files.isEmpty, "no files under real/v1 of the IATI reference folder")
        let folder = try TemporaryFolder()
        for file in files {
            let text = try #require(String(data: try Data(contentsOf: URL(fileURLWithPath: file)), encoding: .utf8), "\(file) is not UTF-8")
            let root = try #require(text.range(of: #"<iati-activities\b[^>]*>"#, options: .regularExpression), "\(file) has no <iati-activities>")
            let rootWithoutVersion = text[root].replacingOccurrences(of: #"\s+version\s*=\s*("[^"]*"|'[^']*')"#, with: "", options: .regularExpression)
            var runs: [(label: String, versionFindings: [String], findings: [String])] = []
            for declaration in Self.declarations {
                let variant = text.replacingCharacters(
                    in: root, with: rootWithoutVersion.replacingOccurrences(of: "<iati-activities", with: "<iati-activities" + declaration.attribute))
                // The same name in each run, so that the outputs differ only by what was found.
                try FileManager.default.createDirectory(atPath: folder.file(declaration.label), withIntermediateDirectories: true)
                let path = try folder.write(declaration.label + "/file.xml", variant)
                let result = try Command.iatix(["validate", "file.xml", "--fail-on", "never"], directory: folder.file(declaration.label))
                #expect(result.status == 0, "\(file), version \(declaration.label): \(result.standardError)")
                #expect(FileManager.default.fileExists(atPath: path))
                let lines = result.standardOutput.split(separator: "\n").map(String.init)
                // Findings start with `file.xml:LINE:`; the closing summary names the declared version.
                let findings = lines.filter { !$0.hasPrefix("file.xml: ") }
                runs.append((declaration.label, findings.filter { $0.contains(" 0.6.1 ") }, findings.filter { !$0.contains(" 0.6.1 ") }))
            }
            for run in runs {
                #expect(run.versionFindings.count == 1, "\(file), version \(run.label): \(run.versionFindings.count) version findings")
                // Raw 1.0x content checked against 2.03 would say that text is not allowed here.
                #expect(!run.findings.contains { $0.contains("is not allowed in <") }, "\(file), version \(run.label): checked without the upgrade")
            }
            for run in runs.dropFirst() {
                // A file declaring 2.03 is not upgraded as a whole: its root is checked as
                // written (an empty @generated-datetime is invalid in 2.03), as `convert` keeps it.
                let findings = run.label == "2.03" ? run.findings.filter { !$0.contains(" of <iati-activities>") } : run.findings
                #expect(findings == runs[0].findings, "\(file): version \(run.label) gives other findings than 1.03: \(Set(findings).symmetricDifference(runs[0].findings).sorted())")
            }
        }
    }
}
