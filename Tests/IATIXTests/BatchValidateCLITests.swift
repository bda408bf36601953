import Foundation
import Testing
import TestSupport

@Suite("iatix batch --validate, end to end")
struct BatchValidateCLITests {
    /// The manifest entry of the file whose path ends with `name`.
    private func entry(_ manifest: [String: Any], _ name: String) -> [String: Any]? {
        (manifest["files"] as? [[String: Any]])?.first { ($0["path"] as? String)?.hasSuffix(name) == true }
    }

    @Test("findings are counted per file; --reject-on error leaves such activities out, and totals balance")
    func validateAndReject() throws {
        let folder = try TemporaryFolder()
        let inputs = folder.path + "/in"
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        for name in ["broken-activities.xml", "ilo-vietnam-activities.xml"] {
            try FileManager.default.copyItem(atPath: Reference.sample(name), toPath: inputs + "/" + name)
        }
        let out = folder.path + "/out"
        let result = try Command.iatix(["batch", inputs, "--out", out, "--validate", "--reject-on", "error", "--jobs", "2", "-q"])
        #expect(result.status == 0, "\(result.standardError)")
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])

        let broken = try #require(entry(manifest, "broken-activities.xml"))
        let brokenActivities = try #require(broken["activities"] as? [String: Any])
        #expect(brokenActivities["read"] as? Int == 5)
        #expect(brokenActivities["written"] as? Int == 1)
        #expect(brokenActivities["rejected"] as? Int == 4)
        let brokenFindings = try #require(broken["validation"] as? [String: Int], "\(broken)")
        #expect((brokenFindings["critical"] ?? 0) > 0)
        // The default rules run too: the sector percentages that add up to 90 (2.1.2), the
        // dates out of order (11.1.2) and the future transaction (11.2.1, 11.2.2) are errors,
        // besides the two codelist errors.
        #expect((brokenFindings["error"] ?? 0) >= 6, "\(brokenFindings)")
        #expect((brokenFindings["warning"] ?? 0) >= 2, "\(brokenFindings)")

        let sample = try #require(entry(manifest, "ilo-vietnam-activities.xml"))
        let sampleActivities = try #require(sample["activities"] as? [String: Any])
        #expect(sampleActivities["written"] as? Int == 6)
        #expect((sample["validation"] as? [String: Int])?["error"] == 0)

        let totals = try #require(manifest["totals"] as? [String: Any])
        #expect(totals["balanced"] as? Bool == true)
    }
}
