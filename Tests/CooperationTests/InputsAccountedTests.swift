import Cooperation
import Foundation
import Inputs
import Testing

/// The sample cut after its first activity, inside the second: not well-formed from there on.
private func truncatedSample() throws -> String {
    let text = try String(contentsOfFile: try #require(Fixtures.iloSample), encoding: .utf8)
    let second = try #require(text.range(of: "<iati-identifier>XM-DAC-41302-VNM152</iati-identifier>"))
    return String(text[..<second.upperBound])
}

/// A small file with one activity that the default framework does not map.
private let otherFile = """
    <iati-activities version="2.03"><iati-activity default-currency="USD" xml:lang="en">
    <iati-identifier>T-OTHER</iati-identifier><title><narrative>Another activity</narrative></title>
    <budget type="1"><period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/><value value-date="2023-01-01">1000</value></budget>
    </iati-activity></iati-activities>
    """

@Suite("Outputs: every input accounted for")
struct InputsAccountedTests {
    @Test("a file that fails part-way contributes nothing, and is listed first in the report",
          .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func truncatedFileCountsNothing() throws {
        let truncated = try Fixtures.file("truncated.xml", try truncatedSample())
        let other = try Fixtures.file("other.xml", otherFile)
        let folder = try Fixtures.temporaryFolder()
        let summary = try runOutputs(OutputsOptions(
            framework: Fixtures.defaultFramework, inputs: [truncated, other], outputDirectory: folder, formats: [.json, .html]))
        let outputs = summary.outputs
        #expect(outputs.run.activities == 1, "only the other file's activity")
        #expect(!outputs.priorities.contains { $0.contributions.contains { $0.activity == "XM-DAC-41302-VNM151" } },
                "the truncated file's complete first activity is not counted")
        #expect(outputs.inputProblems.map(\.file) == [truncated])
        #expect(outputs.run.inputs.map(\.name) == [truncated, other])
        #expect(outputs.run.inputs.map(\.counted) == [false, true])
        #expect(outputs.run.inputs.first?.activities == 1, "one activity was read, then left out")
        #expect(outputs.run.inputs.first?.sha256 == nil)
        #expect(summary.reconciles)

        let html = try String(contentsOfFile: folder + "/cooperation-outputs.html", encoding: .utf8)
        let problems = try #require(html.range(of: "<section id=\"input-problems\">"))
        let summaryStart = try #require(html.range(of: "<section id=\"summary\">"))
        #expect(problems.lowerBound < summaryStart.lowerBound, "the failed inputs come before the figures")
        #expect(html.contains(truncated))
    }

    @Test("when no input can be read, nothing is written and the error says why")
    func nothingRead() throws {
        let broken = try Fixtures.file("broken.xml", "<iati-activities version=\"2.03\"><iati-activity><iati-identifier>X</iati")
        let folder = try Fixtures.temporaryFolder()
        do {
            _ = try runOutputs(OutputsOptions(
                framework: Fixtures.defaultFramework, inputs: [broken, "/nonexistent/file.xml"], outputDirectory: folder))
            Issue.record("outputs were made from nothing")
        } catch {
            guard case .nothingRead(let problems) = error else {
                Issue.record("unexpected error: \(error)")
                return
            }
            #expect(problems.map(\.file) == [broken, "/nonexistent/file.xml"] || problems.map(\.file) == ["/nonexistent/file.xml", broken])
            #expect(error.description.hasPrefix("none of the inputs could be read, no outputs written"))
            #expect(error.description.contains(broken))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("a file that changes between the two readings stops the run, with nothing written")
    func changedBetweenReadings() throws {
        let input = try Fixtures.file("other.xml", otherFile)
        let folder = try Fixtures.temporaryFolder()
        do {
            // Called after the first reading of each input: the file is rewritten before the second.
            _ = try runOutputs(OutputsOptions(framework: Fixtures.defaultFramework, inputs: [input], outputDirectory: folder)) { _, _ in
                try? Data(otherFile.replacingOccurrences(of: ">1000<", with: ">2000<").utf8).write(to: URL(fileURLWithPath: input))
            }
            Issue.record("the changed file was counted")
        } catch {
            guard case .inputChanged(let file, _) = error else {
                Issue.record("unexpected error: \(error)")
                return
            }
            #expect(file == input)
            #expect(error.description.contains("changed while it was read"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("the header gives the time, the program, the framework and every input's SHA-256")
    func header() throws {
        let text = otherFile
        let input = try Fixtures.file("other.xml", text)
        let folder = try Fixtures.temporaryFolder()
        let time = Date(timeIntervalSince1970: 1_790_000_000)
        let summary = try runOutputs(OutputsOptions(
            framework: Fixtures.defaultFramework, inputs: [input], outputDirectory: folder, formats: [.json, .xml, .html],
            generatedAt: time, generator: "iatix 9.9.9"))
        var hash = SHA256()
        hash.update(Array(text.utf8))
        let digest = hash.hexDigest()
        #expect(summary.outputs.run.inputs == [InputFile(name: input, sha256: digest, activities: 1, counted: true)])
        #expect(summary.outputs.run.generatedAt == "2026-09-21T14:13:20Z")
        let json = try String(contentsOfFile: folder + "/cooperation-outputs.json", encoding: .utf8)
        #expect(json.contains("\"generatedAt\": \"2026-09-21T14:13:20Z\"") && json.contains("\"generator\": \"iatix 9.9.9\""))
        #expect(json.contains("\"sha256\": \"\(digest)\""))
        let xml = try String(contentsOfFile: folder + "/cooperation-outputs.xml", encoding: .utf8)
        #expect(xml.contains("generated-at=\"2026-09-21T14:13:20Z\"") && xml.contains("sha256=\"\(digest)\""))
        let html = try String(contentsOfFile: folder + "/cooperation-outputs.html", encoding: .utf8)
        for expected in ["2026-09-21T14:13:20Z", "iatix 9.9.9", Fixtures.defaultFramework, digest] {
            #expect(html.contains(expected), "\(expected)")
        }
    }
}
