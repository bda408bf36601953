import Foundation
import Testing
import TestSupport

@Suite("iatix outputs: inputs accounted for, on the command line")
struct OutputsInputsCLITests {
    @Test("nothing readable: exit 1, a message that says why, and no outputs")
    func nothingRead() throws {
        let folder = try TemporaryFolder()
        let broken = try folder.write("broken.xml", "<iati-activities version=\"2.03\"><iati-activity>")
        let out = folder.file("out")
        let result = try Command.iatix([
            "outputs", "--framework", Reference.sample("framework/vn-ilo-dwcp-2022-2026.yaml"), broken, "-o", out,
        ])
        #expect(result.status == 1)
        #expect(result.standardError.contains("none of the inputs could be read, no outputs written"), "\(result.standardError)")
        #expect(result.standardError.contains(broken))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("the same file twice: counted once, and said so")
    func duplicatesSaid() throws {
        let folder = try TemporaryFolder()
        let sample = Reference.sample("ilo-vietnam-activities.xml")
        let first = folder.file("a.xml")
        let second = folder.file("a-resent.xml")
        try FileManager.default.copyItem(atPath: sample, toPath: first)
        try FileManager.default.copyItem(atPath: sample, toPath: second)
        let result = try Command.iatix([
            "outputs", "--framework", Reference.sample("framework/vn-ilo-dwcp-2022-2026.yaml"), first, second,
            "-o", folder.file("out"), "--format", "json",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("6 activities read more than once, each counted once"), "\(result.standardError)")
    }
}

extension OutputsInputsCLITests {
    @Test("standard input and a file with the same activities: counted once, standard input held rather than read twice")
    func standardInputTwice() throws {
        let folder = try TemporaryFolder()
        let sample = Reference.sample("ilo-vietnam-activities.xml")
        let out = folder.file("out")
        let result = try Command.iatix(
            ["outputs", "--framework", Reference.sample("framework/vn-ilo-dwcp-2022-2026.yaml"), "-", sample, "-o", out, "--format", "json"],
            input: try Data(contentsOf: URL(fileURLWithPath: sample)))
        #expect(result.status == 0, "\(result.standardError)")
        let outputs = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/cooperation-outputs.json"))) as? [String: Any])
        #expect((outputs["run"] as? [String: Any])?["activities"] as? Int == 6)
        let duplicates = try #require(outputs["duplicates"] as? [[String: Any]])
        #expect(duplicates.count == 6)
        let kept = duplicates.compactMap { ($0["versions"] as? [[String: Any]])?.first { $0["kept"] as? Bool == true }?["file"] as? String }
        #expect(kept == Array(repeating: sample, count: 6), "equal dates: the file, read after standard input")
        let budget = (outputs["reconciliation"] as? [[String: Any]])?.first { $0["measure"] as? String == "budget" && $0["currency"] as? String == "USD" }
        let single = try Command.iatix(["outputs", "--framework", Reference.sample("framework/vn-ilo-dwcp-2022-2026.yaml"), sample, "-o", folder.file("one"), "--format", "json"])
        #expect(single.status == 0)
        let one = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.file("one") + "/cooperation-outputs.json"))) as? [String: Any])
        let oneBudget = (one["reconciliation"] as? [[String: Any]])?.first { $0["measure"] as? String == "budget" && $0["currency"] as? String == "USD" }
        #expect((budget?["input"] as? NSNumber) == (oneBudget?["input"] as? NSNumber) && budget != nil)
    }
}
