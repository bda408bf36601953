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
        #expect(lines.contains { $0.hasSuffix(":24: critical 0.6.1 version 1.05 of the IATI Standard is no longer supported: its content is checked below as upgraded to 2.03; write the upgrade with `iatix convert FILE --to xml -o upgraded.xml`") })
        // What 2.03 requires and the 1.05 file cannot say (other-identifier/@type), at the
        // line of the original element.
        #expect(lines.contains { $0.hasSuffix(":42: critical 0.3.1 missing required attribute @type on <other-identifier>") })
        // The upgrade fixes the rest: no order or codelist findings from 1.0x forms.
        #expect(!result.standardOutput.contains("unexpected element"))
        #expect(!result.standardOutput.contains("codelist"))
        #expect(result.standardOutput.contains("2 activities"))
    }
}
