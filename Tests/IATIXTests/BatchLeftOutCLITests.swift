import Foundation
import Testing
import TestSupport

@Suite("iatix batch: what JSON Lines leaves out of a file is listed and warned of")
struct BatchLeftOutCLITests {
    /// A file with extensions of its own: an attribute of the root and an element after the
    /// records, both in another namespace.
    private static let extended =
        "<iati-activities version=\"2.03\" generated-datetime=\"2024-01-01T00:00:00Z\" xmlns:a=\"http://a/\" a:foo=\"1\">"
        + "<iati-activity><iati-identifier>XM-1</iati-identifier></iati-activity><a:header>h</a:header></iati-activities>"

    @Test("--to jsonl lists the file's extensions under leftOut and warns, also with --quiet, --validate and on a rerun; --to json leaves nothing out")
    func leftOutListedAndWarned() throws {
        let folder = try TemporaryFolder()
        let inputs = folder.file("in")
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        try Data(Self.extended.utf8).write(to: URL(fileURLWithPath: inputs + "/rx.xml"))
        try FileManager.default.copyItem(atPath: Reference.sample("ilo-vietnam-activities.xml"), toPath: inputs + "/plain.xml")

        for validating in [false, true] {
            let out = folder.file("out-\(validating)")
            let command = ["batch", inputs, "--out", out, "--to", "jsonl", "-q"] + (validating ? ["--validate"] : [])
            for run in ["first", "again"] {
                let result = try Command.iatix(command)
                #expect(result.status == 0, "\(result.standardError)")
                #expect(result.standardError.contains("warning: JSON Lines holds records only; 1 file's extensions left out"), "\(run): \(result.standardError)")
                #expect(result.standardError.contains("rx.xml: a:foo, <a:header>"), "\(run): \(result.standardError)")
                #expect(!result.standardError.contains("plain.xml"), "\(run): \(result.standardError)")
                let manifest = try Self.manifest(out)
                let extended = try #require(Self.entry(manifest, "rx.xml"))
                #expect(extended["status"] as? String == (run == "first" ? "converted" : "unchanged"))
                #expect(extended["leftOut"] as? [String] == ["a:foo", "<a:header>"], "\(extended)")
                #expect(Self.entry(manifest, "plain.xml")?["leftOut"] as? [String] == [])
            }
            #expect(try String(contentsOfFile: out + "/rx.jsonl", encoding: .utf8) == "{\"iatiIdentifier\":\"XM-1\"}\n")
        }

        let out = folder.file("out-json")
        let document = try Command.iatix(["batch", inputs, "--out", out, "--to", "json", "-q"])
        #expect(document.status == 0, "\(document.standardError)")
        #expect(document.standardError.isEmpty, "\(document.standardError)")
        #expect(Self.entry(try Self.manifest(out), "rx.xml")?["leftOut"] as? [String] == [])
        let kept = try String(contentsOfFile: out + "/rx.json", encoding: .utf8)
        #expect(kept.contains("\"header\"") && kept.contains("\"foo\""), "\(kept)")
    }

    /// The manifest entry of the file whose path ends with `name`.
    private static func entry(_ manifest: [String: Any], _ name: String) -> [String: Any]? {
        (manifest["files"] as? [[String: Any]])?.first { ($0["path"] as? String)?.hasSuffix(name) == true }
    }

    private static func manifest(_ out: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
