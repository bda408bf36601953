import Foundation
import Testing
import TestSupport

/// `validate`, `convert` and `outputs` on folders and archives: every command takes its inputs
/// through the one input layer and names each document the same way.
@Suite("Folders and archives as inputs, end to end")
struct InputsCLITests {
    /// The tree's two documents, as each kind of input names them.
    private static func documents(_ input: String) -> [String] {
        [input + "/activities.xml", input + "/sub/broken.xml"]
    }

    private static func input(_ tree: InputTree, _ kind: String) throws -> String {
        switch kind {
        case "zip": try tree.zip()
        case "tar.gz": try tree.tarGz()
        default: tree.root
        }
    }

    @Test("validate reports every document of a folder or archive, by name, in text, JSON and SARIF", arguments: ["folder", "zip", "tar.gz"])
    func validate(kind: String) throws {
        let tree = try InputTree()
        let input = try Self.input(tree, kind)
        let (good, broken) = (Self.documents(input)[0], Self.documents(input)[1])

        let text = try Command.iatix(["validate", input])
        #expect(text.status == 1, "broken.xml has errors: \(text.standardError)")
        #expect(text.standardOutput.contains("\(good): iati-activities 2.03, 6 activities: no findings"), "\(text.standardOutput)")
        #expect(text.standardOutput.contains("\(broken):32:5: critical 0.3.1"), "\(text.standardOutput)")
        #expect(text.standardOutput.contains("total: 2 files"))
        // What was skipped, and why, on standard error.
        #expect(text.standardError.contains("iatix validate: skipped 2 paths (1 hidden, 1 not matching --include)"), "\(text.standardError)")
        #expect(text.standardError.contains("sub/notes.txt: not an input file"), "\(text.standardError)")
        #expect(!text.standardOutput.contains(".hidden.xml"))

        let json = try Command.iatix(["validate", input, "--format", "json"])
        #expect(json.status == 1)
        let files = try #require(JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(Set(files.compactMap { $0["file"] as? String }) == [good, broken])

        let sarif = try Command.iatix(["validate", input, "--format", "sarif"])
        #expect(sarif.status == 1)
        #expect(sarif.standardOutput.contains("\"uri\": \"\(broken)\""), "\(sarif.standardOutput.prefix(2000))")

        // The good document alone passes: the exit status is the worst over all documents.
        let alone = try Command.iatix(["validate", input, "--exclude", "**/broken.xml"])
        #expect(alone.status == 0, "\(alone.standardOutput)\(alone.standardError)")
        #expect(alone.standardOutput.contains(good))
        #expect(!alone.standardOutput.contains("broken.xml:"))
    }

    @Test("convert streams a folder as JSON Lines, and writes one output per document under -o")
    func convert() throws {
        let tree = try InputTree()
        let lines = try Command.iatix(["convert", tree.root, "--to", "jsonl"])
        #expect(lines.status == 0, "\(lines.standardError)")
        #expect(lines.standardOutput.split(separator: "\n").count == 11, "6 + 5 activities")
        #expect(lines.standardError.contains("\(tree.root)/sub/broken.xml: 5 activities → standard output"), "\(lines.standardError)")

        let archive = try tree.zip()
        let out = tree.folder.file("out")
        let files = try Command.iatix(["convert", tree.root, archive, "-o", out + "/"])
        #expect(files.status == 0, "\(files.standardError)")
        for name in ["activities.json", "sub/broken.json", "tree.zip/activities.json", "tree.zip/sub/broken.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name) missing: \(files.standardError)")
        }
        let mirrored = try String(contentsOfFile: out + "/sub/broken.json", encoding: .utf8)
        let direct = try Command.iatix(["convert", tree.root + "/sub/broken.xml"])
        #expect(mirrored == direct.standardOutput, "a document converts the same in a folder as on its own")

        let usage = try Command.iatix(["convert", tree.root])
        #expect(usage.status == 2, "two documents into one JSON document: \(usage.standardError)")
    }

    @Test("outputs reads a nested folder and an archive, and says what it skipped")
    func outputs() throws {
        let tree = try InputTree()
        // Only activity files: the broken sample is left out by --exclude.
        let framework = Reference.sample("framework/vn-ilo-dwcp-2022-2026.yaml")
        let nested = tree.folder.file("nested/deeper")
        try FileManager.default.createDirectory(atPath: nested, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Reference.sample("ilo-vietnam-activities.xml"), toPath: nested + "/a.xml")
        let out = tree.folder.file("outputs")
        let result = try Command.iatix(["outputs", "--framework", framework, tree.folder.file("nested"), "-o", out, "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let outputs = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/cooperation-outputs.json"))) as? [String: Any])
        let run = try #require(outputs["run"] as? [String: Any])
        #expect((run["inputs"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == [nested + "/a.xml"])
        #expect(run["activities"] as? Int == 6)

        let archive = try tree.tarGz()
        let fromArchive = try Command.iatix(["outputs", "--framework", framework, archive, "--exclude", "**/broken.xml", "-o", out, "--format", "json"])
        #expect(fromArchive.status == 0, "\(fromArchive.standardError)")
        #expect(fromArchive.standardError.contains("iatix outputs: skipped 3 paths (1 hidden, 1 excluded, 1 not matching --include)"), "\(fromArchive.standardError)")
        let again = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/cooperation-outputs.json"))) as? [String: Any])
        let inputs = (again["run"] as? [String: Any])?["inputs"] as? [[String: Any]]
        #expect(inputs?.compactMap { $0["name"] as? String } == [archive + "/activities.xml"])
    }

    @Test("batch takes the same inputs and says what it skipped the same way")
    func batch() throws {
        let tree = try InputTree()
        let result = try Command.iatix(["batch", tree.root, try tree.zip(), "--out", tree.folder.file("batch")])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("iatix batch: skipped 4 paths (2 hidden, 2 not matching --include):"), "\(result.standardError)")
        #expect(result.standardError.contains("\(tree.root)/sub/notes.txt: not an input file"), "\(result.standardError)")
        for name in ["activities.json", "sub/broken.json", "tree.zip/activities.json", "tree.zip/sub/broken.json"] {
            #expect(FileManager.default.fileExists(atPath: tree.folder.file("batch/" + name)), "\(name)")
        }
    }

    @Test("an input that cannot be read fails the command, the others are still read")
    func unreadable() throws {
        let tree = try InputTree()
        let result = try Command.iatix(["validate", tree.root + "/activities.xml", "/nonexistent/dump.zip"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("iatix: error: /nonexistent/dump.zip: cannot open: no such file or directory"), "\(result.standardError)")
        #expect(result.standardOutput.contains("activities.xml: iati-activities 2.03, 6 activities: no findings"))
    }
}
