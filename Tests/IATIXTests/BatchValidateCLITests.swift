import Foundation
import Testing
import TestSupport

@Suite("iatix batch --validate, end to end")
struct BatchValidateCLITests {
    /// The manifest entry of the file whose path ends with `name`.
    private func entry(_ manifest: [String: Any], _ name: String) -> [String: Any]? {
        (manifest["files"] as? [[String: Any]])?.first { ($0["path"] as? String)?.hasSuffix(name) == true }
    }

    @Test("decomposed text (NFD) is written composed (NFC) by batch, with and without --validate, as convert writes it")
    func unicodeForm() throws {
        let folder = try TemporaryFolder()
        let composed = try String(contentsOfFile: Reference.sample("ilo-vietnam-activities.xml"), encoding: .utf8)
        for (name, text) in [("nfc", composed), ("nfd", composed.decomposedStringWithCanonicalMapping)] {
            try FileManager.default.createDirectory(atPath: folder.file(name), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder.file(name) + "/activities.xml"))
        }
        var outputs: [Data] = []
        for (input, validating) in [("nfc", false), ("nfd", false), ("nfd", true)] {
            let out = folder.file("out-\(input)-\(validating)")
            let result = try Command.iatix(["batch", folder.file(input), "--out", out, "--to", "jsonl", "-q"] + (validating ? ["--validate"] : []))
            #expect(result.status == 0, "\(result.standardError)")
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: out + "/activities.jsonl")))
        }
        #expect(outputs[1] == outputs[0], "batch: NFD input did not give the NFC output")
        #expect(outputs[2] == outputs[0], "batch --validate: NFD input did not give the NFC output")
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
        // Every activity has a critical or error finding (the second's elements are out of
        // order, as `iatix validate` finds), so none is written.
        #expect(brokenActivities["read"] as? Int == 5)
        #expect(brokenActivities["written"] as? Int == 0)
        #expect(brokenActivities["rejected"] as? Int == 5)
        #expect(brokenActivities["reasons"] as? [String: Int] == ["critical finding": 4, "error finding": 1])
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

    @Test("--org-id-prefixes gives batch --validate the prefix list validate uses; a bad list is a usage error")
    func organisationPrefixes() throws {
        let folder = try TemporaryFolder()
        let inputs = folder.path + "/in"
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Reference.sample("ilo-vietnam-activities.xml"), toPath: inputs + "/activities.xml")
        // The sample's identifiers all start with XM-DAC, a registered agency: no warning by
        // default; a list without XM-DAC makes every identifier's prefix unknown (1.3.8, 1.14.8, …).
        let other = try folder.write("prefixes.txt", "GB-COH\n")
        var warnings: [Int] = []
        for extra in [[], ["--org-id-prefixes", other]] {
            let out = folder.file("out\(warnings.count)")
            let result = try Command.iatix(["batch", inputs, "--out", out, "--validate", "-q"] + extra)
            #expect(result.status == 0, "\(result.standardError)")
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
            let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let findings = try #require(entry(manifest, "activities.xml")?["validation"] as? [String: Int])
            warnings.append(findings["warning"] ?? 0)
            let validate = try Command.iatix(["validate", inputs + "/activities.xml", "--fail-on", "never"] + extra)
            #expect(validate.standardOutput.components(separatedBy: ": warning ").count - 1 == findings["warning"] ?? 0)
        }
        #expect(warnings[0] == 0)
        #expect(warnings[1] >= 6, "\(warnings)")
        let bad = try folder.write("bad.txt", "XM DAC\n")
        let result = try Command.iatix(["batch", inputs, "--out", folder.file("out-bad"), "--validate", "-q", "--org-id-prefixes", bad])
        #expect(result.status == 2)
        #expect(result.standardError.contains("bad.txt:1"), "\(result.standardError)")
    }

    @Test(
        "options that only apply with --validate are a usage error without it, naming --validate",
        arguments: [["--reject-on", "error"], ["--rules", "rules.json"], ["--org-id-prefixes", "prefixes.txt"], ["--reject-on", "none", "--rules", "rules.json"]])
    func validateOnlyOptions(options: [String]) throws {
        let folder = try TemporaryFolder()
        let out = folder.file("out")
        let result = try Command.iatix(["batch", Reference.sample("ilo-vietnam-activities.xml"), "--out", out, "-q"] + options)
        #expect(result.status == 2, "\(result.standardError)")
        for option in options where option.hasPrefix("--") {
            #expect(result.standardError.contains("\(option)"), "\(result.standardError)")
        }
        #expect(result.standardError.contains("add --validate"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out), "nothing is written on wrong usage")
    }

    @Test("identifiers met in more than one file are listed with each file's last-updated-datetime")
    func repeatedIdentifiers() throws {
        let folder = try TemporaryFolder()
        let inputs = folder.path + "/in"
        try FileManager.default.createDirectory(atPath: inputs + "/b", withIntermediateDirectories: true)
        let sample = try String(contentsOfFile: Reference.sample("ilo-vietnam-activities.xml"), encoding: .utf8)
        try sample.write(toFile: inputs + "/a.xml", atomically: true, encoding: .utf8)
        let updated = sample.replacingOccurrences(of: "2025-10-15T09:00:00Z", with: "2026-01-02T03:04:05Z")
        try updated.write(toFile: inputs + "/b/copy.xml", atomically: true, encoding: .utf8)
        // Repeats an identifier within itself only: that is `iatix validate`'s finding, not listed.
        try FileManager.default.copyItem(atPath: Reference.sample("broken-activities.xml"), toPath: inputs + "/broken.xml")
        let out = folder.path + "/out"
        let result = try Command.iatix(["batch", inputs, "--out", out, "--jobs", "2", "-q"])
        #expect(result.status == 0, "\(result.standardError)")
        let manifest = try Self.manifest(out)

        let repeated = try #require(manifest["repeatedIdentifiers"] as? [[String: Any]])
        let identifiers = ["151", "152", "251", "351", "352", "353"].map { "XM-DAC-41302-VNM" + $0 }
        #expect(repeated.compactMap { $0["identifier"] as? String } == identifiers)
        for entry in repeated {
            let files = try #require(entry["files"] as? [[String: Any]])
            #expect(files.compactMap { $0["path"] as? String } == [inputs + "/a.xml", inputs + "/b/copy.xml"])
            #expect(files.compactMap { $0["lastUpdated"] as? String } == ["2025-10-15T09:00:00Z", "2026-01-02T03:04:05Z"])
        }
    }

    @Test("validate and batch --validate count the same findings in every file, and reject the activities validate faults",
          .enabled(if: Reference.isAvailable, Reference.missing))
    func sameFindingsAsValidate() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/out"
        let inputs = [Reference.packageRoot + "/samples", Reference.path("real"), Reference.path("schema-tests")]
        _ = try Command.iatix(["batch"] + inputs + ["--out", out, "--validate", "--reject-on", "critical", "--jobs", "2", "-q"])
        let entries = try #require(try Self.manifest(out)["files"] as? [[String: Any]])
        let paths = entries.compactMap { $0["path"] as? String }
        #expect(paths.count > 700, "batch found \(paths.count) files")

        let report = folder.path + "/report.json"
        _ = try Command.iatix(["validate"] + paths + ["--format", "json", "-o", report, "--fail-on", "never"])
        let files = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [[String: Any]])
        var validated: [String: [String: Any]] = [:]
        for file in files { if let name = file["file"] as? String { validated[name] = file } }
        #expect(validated.count == paths.count)

        for entry in entries {
            let path = try #require(entry["path"] as? String)
            let file = try #require(validated[path], "validate did not report \(path)")
            let summary = file["summary"] as? [String: Int] ?? [:]
            let counts = entry["validation"] as? [String: Int] ?? [:]
            for severity in ["critical", "error", "warning"] {
                #expect(counts[severity] == summary[severity] ?? 0, "\(path): \(severity) batch \(counts) validate \(summary)")
            }
            guard entry["status"] as? String == "converted" else { continue }
            let activities = entry["activities"] as? [String: Any]
            #expect(activities?["rejected"] as? Int == Self.recordsWithCritical(file), "\(path): rejected")
        }
    }

    /// The activities a validate JSON report gives a critical finding.
    private static func recordsWithCritical(_ file: [String: Any]) -> Int {
        let records = (file["errors"] as? [[String: Any]] ?? []).filter { $0["identifier"] as? String != "file" }
        return records.filter { record in
            let groups = record["errors"] as? [[String: Any]] ?? []
            return groups.contains { group in
                (group["errors"] as? [[String: Any]] ?? []).contains { $0["level"] as? String == "critical" }
            }
        }.count
    }

    private static func manifest(_ out: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
