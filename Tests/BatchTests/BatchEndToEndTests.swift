import Foundation
import Testing

/// `iatix batch` through the built binary, on folders and archives built from the reference
/// files plus broken files.
@Suite("iatix batch end to end", .serialized, .enabled(if: Fixtures.available, "needs ../shared/iati (or IATI_REFERENCE) and the built iatix"))
struct BatchEndToEndTests {
    @Test("A folder, a zip and a tar.gz with broken files: outputs, manifest, failures, exit 1")
    func foldersAndArchives() throws {
        let folder = try Fixtures.scratch()
        defer { Fixtures.remove(folder) }
        let (good, broken) = try Fixtures.makeInputs(in: folder)
        let result = try BatchTool.iatix(["batch", "in", "pack.zip", "pack.tar.gz", "--out", "out", "--jobs", "2"], in: folder)
        #expect(result.status == 1, "\(result.errors)")

        let manifest = try ManifestView(path: folder + "/out/manifest.json")
        #expect(manifest.balances())
        #expect(manifest.files.count == 3 * (good.count + broken.count))
        #expect(manifest.total("converted") == 3 * good.count)
        #expect(manifest.total("failed") == 3 * broken.count)
        #expect(manifest.failures.count == 3 * broken.count)
        #expect(manifest.complete)

        // Every broken file is reported, in the manifest and on standard error.
        for prefix in ["in/", "pack.zip/", "pack.tar.gz/./"] {
            for name in broken {
                let failed = manifest.files("failed").first { ManifestView.name($0) == prefix + name }
                #expect(failed != nil, "\(prefix + name) not recorded as failed")
                #expect((failed?["error"] as? String)?.contains(name) == true)
                #expect(failed?["output"] is NSNull)
                #expect(result.errors.contains(prefix + name), "\(prefix + name) not listed on standard error")
            }
        }
        let truncated = try #require(manifest.file(endingWith: "in/broken/truncated.xml"))
        #expect(ManifestView.activities(truncated, "read") == 3)
        #expect(ManifestView.activities(truncated, "rejected") == 3)
        #expect((truncated["activities"] as? [String: Any])?["reasons"] as? [String: Int] == ["file failed": 3])
        let wrongRoot = try #require(manifest.file(endingWith: "broken/wrong-root.xml"))
        #expect((wrongRoot["error"] as? String)?.contains("<html>") == true)

        // Outputs mirror the inputs; archive members sit under a folder named after the archive.
        let outputs = try Fixtures.tree(folder + "/out")
        for name in good {
            let output = String(name.dropLast(4)) + ".json"
            for prefix in ["", "pack.zip/", "pack.tar.gz/"] {
                #expect(outputs[prefix + output] != nil, "missing \(prefix + output)")
            }
            #expect(outputs["pack.zip/" + output] == outputs[output])
            #expect(outputs["pack.tar.gz/" + output] == outputs[output])
        }
        #expect(outputs.count == 3 * good.count)
        #expect(Fixtures.temporaryFiles(folder + "/out").isEmpty)

        // The same bytes as `iatix convert`, and a sha256 that `sha256sum` would give.
        for name in [good[0], "older/globalfund-IATIfromGF.xml"] {
            let single = try BatchTool.iatix(["convert", "in/" + name, "--to", "json", "-o", "single.json"], in: folder)
            #expect(single.status == 0)
            let converted = try Data(contentsOf: URL(fileURLWithPath: folder + "/single.json"))
            #expect(outputs[String(name.dropLast(4)) + ".json"] == converted, "\(name) differs from iatix convert")
        }
        if let shasum = BatchTool.which("sha256sum") {
            let record = try #require(manifest.file(endingWith: "in/" + good[0]))
            let digest = try BatchTool.run(shasum, ["in/" + good[0]], in: folder).output.prefix(64)
            #expect(record["sha256"] as? String == String(digest))
        }
    }

    @Test("Outputs are byte-identical with --jobs 1 and --jobs 4", arguments: ["json", "xml"])
    func jobsDoNotChangeOutputs(format: String) throws {
        let folder = try Fixtures.scratch()
        defer { Fixtures.remove(folder) }
        try Fixtures.makeInputs(in: folder)
        let inputs = ["in", "pack.zip", "pack.tar.gz"]
        let one = try BatchTool.iatix(["batch"] + inputs + ["--out", "one", "--jobs", "1", "--to", format, "--quiet"], in: folder)
        let four = try BatchTool.iatix(["batch"] + inputs + ["--out", "four", "--jobs", "4", "--to", format, "--quiet"], in: folder)
        #expect(one.status == 1 && four.status == 1)
        let first = try Fixtures.tree(folder + "/one"), second = try Fixtures.tree(folder + "/four")
        #expect(!first.isEmpty)
        #expect(first == second)
        // The manifests differ only in timings and the jobs option.
        #expect(try stableManifest(folder + "/one/manifest.json") == stableManifest(folder + "/four/manifest.json"))
    }

    @Test("Running again skips unchanged files, redoes changed and failed ones; --force redoes all")
    func resume() throws {
        let folder = try Fixtures.scratch()
        defer { Fixtures.remove(folder) }
        let (good, broken) = try Fixtures.makeInputs(in: folder)
        let command = ["batch", "in", "pack.zip", "--out", "out", "--jobs", "2"]
        _ = try BatchTool.iatix(command, in: folder)
        let before = try Fixtures.tree(folder + "/out")

        // Change one input: only it is converted again.
        let changed = folder + "/in/" + good[0]
        var text = try String(contentsOfFile: changed, encoding: .utf8)
        text += "<!-- changed -->\n"
        try text.write(toFile: changed, atomically: true, encoding: .utf8)
        let again = try BatchTool.iatix(command, in: folder)
        #expect(again.status == 1)
        let manifest = try ManifestView(path: folder + "/out/manifest.json")
        #expect(manifest.balances())
        #expect(manifest.total("converted") == 1)
        #expect(manifest.total("unchanged") == 2 * good.count - 1)
        #expect(manifest.total("failed") == 2 * broken.count)
        #expect(manifest.file(endingWith: "in/" + good[0])?["status"] as? String == "converted")
        #expect(try Fixtures.tree(folder + "/out") == before)

        let forced = try BatchTool.iatix(command + ["--force"], in: folder)
        #expect(forced.status == 1)
        let redone = try ManifestView(path: folder + "/out/manifest.json")
        #expect(redone.total("converted") == 2 * good.count)
        #expect(redone.total("unchanged") == 0)
    }

    @Test("A run killed midway, run again, finishes without redoing finished files")
    func killedRunResumes() throws {
        let folder = try Fixtures.scratch()
        defer { Fixtures.remove(folder) }
        try Fixtures.makeGenerated(count: 8, megabytes: 1, in: folder + "/big")
        let command = ["batch", "big", "--out", "out", "--jobs", "2"]
        let process = try BatchTool.start(command, in: folder)
        let journal = folder + "/out/manifest.journal.jsonl"
        #expect(waitFor(seconds: 300) { lines(journal).count >= 2 || !process.isRunning })
        try #require(process.isRunning, "the run finished before it could be killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let finished = Set(lines(journal).compactMap { line -> String? in
            guard let data = line.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return object["status"] as? String == "converted" ? object["path"] as? String : nil
        })
        #expect(finished.count >= 2 && finished.count < 8)
        // Nothing half-written looks finished: only outputs the journal records exist.
        let outputs = try Fixtures.tree(folder + "/out").keys.filter { !$0.hasPrefix(".") }
        #expect(Set(outputs) == Set(finished.map { ($0 as NSString).lastPathComponent.replacingOccurrences(of: ".xml", with: ".json") }))

        let again = try BatchTool.iatix(command, in: folder)
        #expect(again.status == 0, "\(again.errors)")
        let manifest = try ManifestView(path: folder + "/out/manifest.json")
        #expect(manifest.balances())
        #expect(manifest.complete)
        #expect(Set(manifest.files("unchanged").compactMap { $0["path"] as? String }) == finished)
        #expect(manifest.total("converted") == 8 - finished.count)
        #expect(Fixtures.temporaryFiles(folder + "/out").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: journal))
        // The result is what one uninterrupted run gives.
        let clean = try BatchTool.iatix(command.dropLast(4) + ["--out", "clean", "--jobs", "2", "--quiet"], in: folder)
        #expect(clean.status == 0)
        #expect(try Fixtures.tree(folder + "/out") == Fixtures.tree(folder + "/clean"))
    }

    @Test("Ctrl-C stops cleanly: finished files stay, the manifest lists what was not done")
    func interrupted() throws {
        let folder = try Fixtures.scratch()
        defer { Fixtures.remove(folder) }
        try Fixtures.makeGenerated(count: 6, megabytes: 1, in: folder + "/big")
        let command = ["batch", "big", "--out", "out", "--jobs", "2"]
        let process = try BatchTool.start(command, in: folder)
        let journal = folder + "/out/manifest.journal.jsonl"
        #expect(waitFor(seconds: 300) { lines(journal).count >= 1 || !process.isRunning })
        try #require(process.isRunning, "the run finished before it could be interrupted")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let manifest = try ManifestView(path: folder + "/out/manifest.json")
        #expect(manifest.balances())
        #expect(!manifest.complete)
        #expect(manifest.root["interrupted"] as? Bool == true)
        #expect(manifest.total("converted") >= 1)
        #expect(manifest.total("not-done") >= 1)
        #expect(manifest.total("converted") + manifest.total("not-done") == 6)
        #expect(Fixtures.temporaryFiles(folder + "/out").isEmpty)
        #expect(try Fixtures.tree(folder + "/out").count == manifest.total("converted"))

        let again = try BatchTool.iatix(command, in: folder)
        #expect(again.status == 0)
        let resumed = try ManifestView(path: folder + "/out/manifest.json")
        #expect(resumed.total("unchanged") == manifest.total("converted"))
        #expect(resumed.total("converted") == manifest.total("not-done"))
    }

    @Test("Shards split the inputs disjointly, and their manifests merge with jq as documented")
    func shards() throws {
        let folder = try Fixtures.scratch()
        defer { Fixtures.remove(folder) }
        let (good, broken) = try Fixtures.makeInputs(in: folder)
        var seen: [String] = []
        for index in 1...3 {
            let result = try BatchTool.iatix(["batch", "in", "pack.zip", "--out", "out", "--shard", "\(index)/3", "--quiet"], in: folder)
            #expect(result.status <= 1)
            let manifest = try ManifestView(path: folder + "/out/manifest-\(index)-of-3.json")
            #expect(manifest.balances())
            seen += manifest.files.map(ManifestView.name)
        }
        #expect(seen.count == Set(seen).count)
        #expect(seen.count == 2 * (good.count + broken.count))

        guard let jq = BatchTool.which("jq") else { return }
        let merged = try BatchTool.run(jq, ["-s", Self.mergeProgram, "out/manifest-1-of-3.json", "out/manifest-2-of-3.json", "out/manifest-3-of-3.json"], in: folder)
        #expect(merged.status == 0, "\(merged.errors)")
        let data = Data(merged.output.utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["files"] as? Int == seen.count)
        #expect(totals["failed"] as? Int == 2 * broken.count)
        #expect(totals["balanced"] as? Bool == true)
        #expect((object["files"] as? [Any])?.count == seen.count)
    }

    @Test("--include and --exclude choose files in folders and archives")
    func globs() throws {
        let folder = try Fixtures.scratch()
        defer { Fixtures.remove(folder) }
        let (good, _) = try Fixtures.makeInputs(in: folder)
        let result = try BatchTool.iatix(["batch", "in", "pack.zip", "--out", "out", "--exclude", "broken/**", "--exclude", "pack.zip/broken/*", "--quiet"], in: folder)
        #expect(result.status == 0, "\(result.errors)")
        #expect(try ManifestView(path: folder + "/out/manifest.json").total("converted") == 2 * good.count)
        let older = try BatchTool.iatix(["batch", "in", "--out", "older", "--include", "older/*.xml", "--quiet"], in: folder)
        #expect(older.status == 0)
        #expect(try Fixtures.tree(folder + "/older").keys.allSatisfy { $0.hasPrefix("older/") })
        #expect(try ManifestView(path: folder + "/older/manifest.json").total("converted") == good.filter { $0.hasPrefix("older/") }.count)
    }

    @Test("Gzip-compressed files, in folders and inside archives, convert like plain ones")
    func compressed() throws {
        let folder = try Fixtures.scratch()
        defer { Fixtures.remove(folder) }
        guard let reference = Fixtures.reference, let gzip = BatchTool.which("gzip") else { return }
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder + "/in/sub", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: folder + "/gz", withIntermediateDirectories: true)
        try manager.copyItem(atPath: reference + "/real/v2/canada-activity.xml", toPath: folder + "/in/canada-activity.xml")
        try manager.copyItem(atPath: reference + "/real/v2/canada-activity.xml", toPath: folder + "/in/sub/canada-activity.xml")
        #expect(try BatchTool.run(gzip, ["-n", "in/sub/canada-activity.xml"], in: folder).status == 0)
        try manager.copyItem(atPath: folder + "/in/sub/canada-activity.xml.gz", toPath: folder + "/gz/canada-activity.xml.gz")
        try Fixtures.makeArchives(of: folder + "/gz", zip: folder + "/gz.zip", tarGzip: folder + "/gz.tar.gz")
        let result = try BatchTool.iatix(["batch", "in", "gz.zip", "gz.tar.gz", "--out", "out", "--quiet"], in: folder)
        #expect(result.status == 0, "\(result.errors)")
        let outputs = try Fixtures.tree(folder + "/out")
        let plain = try #require(outputs["canada-activity.json"])
        #expect(outputs.count == 4)
        #expect(outputs.values.allSatisfy { $0 == plain })
        let manifest = try ManifestView(path: folder + "/out/manifest.json")
        #expect(Set(manifest.files.compactMap { $0["sha256"] as? String }).count == 1)
    }

    /// The jq program docs/batch.md gives for merging shard manifests.
    static let mergeProgram = """
        {options: (.[0].options | .shard = null),
         complete: all(.[]; .complete),
         files: (map(.files[]) | sort_by(.path, .member)),
         failures: (map(.failures[]))}
        | .totals = {
            files: (.files | length),
            converted: ([.files[] | select(.status == "converted")] | length),
            unchanged: ([.files[] | select(.status == "unchanged")] | length),
            failed: ([.files[] | select(.status == "failed")] | length),
            "not-done": ([.files[] | select(.status == "not-done")] | length),
            activities: {
              read: ([.files[].activities.read] | add // 0),
              written: ([.files[].activities.written] | add // 0),
              rejected: ([.files[].activities.rejected] | add // 0)}}
        | .totals.balanced = (.totals.activities.read == .totals.activities.written + .totals.activities.rejected)
        """

    private func stableManifest(_ path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").map { line in
            var line = String(line)
            for key in ["\"duration\":", "\"duration\": ", "\"started\": ", "\"finished\": ", "\"jobs\": "] {
                while let range = line.range(of: key) {
                    let end = line[range.upperBound...].firstIndex { $0 == "," || $0 == "}" } ?? line.endIndex
                    line.replaceSubrange(range.lowerBound..<end, with: "#")
                }
            }
            return line
        }.joined(separator: "\n")
    }

    private func lines(_ path: String) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init).filter { $0.hasSuffix("}") }
    }

    private func waitFor(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }
}
