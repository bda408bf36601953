import Cooperation
import Foundation
import Testing

/// The sample's text, for tests that write variants of it.
private func sampleText() throws -> String {
    try String(contentsOfFile: try #require(Fixtures.iloSample), encoding: .utf8)
}

/// The 2023 budget of the first priority (P1) in USD: VNM151's 450,000 and VNM152's 350,000.
private func p1Budget2023(_ outputs: CooperationOutputs) -> Decimal {
    (outputs.priorities.first?.funding ?? [])
        .filter { $0.measure == "budget" && $0.year == 2023 && $0.currency == "USD" }.map(\.amount).reduce(0, +)
}

private func run(_ inputs: [String], formats: Set<OutputsOptions.Format> = [.json]) throws -> (OutputsSummary, String) {
    let folder = try Fixtures.temporaryFolder()
    let summary = try runOutputs(OutputsOptions(
        framework: Fixtures.defaultFramework, inputs: inputs, outputDirectory: folder, formats: formats))
    return (summary, folder)
}

/// The sample with VNM151 corrected: a later `last-updated-datetime` and a 2023 budget of
/// 500,000 instead of 450,000.
private func correctedSample() throws -> String {
    let original = try sampleText()
    let header = """
        <iati-activity last-updated-datetime="2025-10-15T09:00:00Z" xml:lang="en" default-currency="USD" hierarchy="1">
            <iati-identifier>XM-DAC-41302-VNM151</iati-identifier>
        """
    let budget = "<value value-date=\"2023-04-01\">450000</value>"
    #expect(original.components(separatedBy: header).count == 2 && original.components(separatedBy: budget).count == 2, "the sample changed")
    return original
        .replacingOccurrences(of: header, with: header.replacingOccurrences(of: "2025-10-15T09:00:00Z", with: "2025-11-20T08:00:00+07:00"))
        .replacingOccurrences(of: budget, with: "<value value-date=\"2023-04-01\">500000</value>")
}

@Suite("Outputs: duplicates across inputs counted once", .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
struct DuplicateInputsTests {
    @Test("the same file twice gives the totals of one copy, and lists every duplicate")
    func sameFileTwice() throws {
        let text = try sampleText()
        let first = try Fixtures.file("a.xml", text)
        let second = try Fixtures.file("a-resent.xml", text)
        let (single, _) = try run([first])
        let (twice, folder) = try run([first, second], formats: Set(OutputsOptions.Format.allCases))
        #expect(p1Budget2023(single.outputs) == 800_000)
        #expect(p1Budget2023(twice.outputs) == 800_000, "not 1,600,000")
        #expect(twice.outputs.reconciliation == single.outputs.reconciliation)
        #expect(twice.outputs.run.activities == 6)
        #expect(twice.reconciles)

        let duplicates = twice.outputs.duplicates
        #expect(duplicates.count == 6)
        for duplicate in duplicates {
            #expect(duplicate.versions.map(\.file) == [first, second])
            #expect(duplicate.versions.map(\.kept) == [false, true], "equal dates: the later input wins")
        }
        #expect(duplicates.first?.activity == "XM-DAC-41302-VNM151")
        #expect(duplicates.first?.versions.first?.lastUpdated == "2025-10-15T09:00:00Z")

        let json = try String(contentsOfFile: folder + "/cooperation-outputs.json", encoding: .utf8)
        #expect(json.contains("\"duplicates\": [") && json.contains("\"kept\": true"))
        let xml = try String(contentsOfFile: folder + "/cooperation-outputs.xml", encoding: .utf8)
        #expect(xml.components(separatedBy: "<duplicate ").count - 1 == 6)
        let csv = try String(contentsOfFile: folder + "/cooperation-outputs-csv/duplicates.csv", encoding: .utf8)
        #expect(csv.contains("XM-DAC-41302-VNM151,\(second),23,2025-10-15T09:00:00Z,true\r\n"), "\(csv)")
        #expect(csv.contains("XM-DAC-41302-VNM151,\(first),23,2025-10-15T09:00:00Z,false\r\n"))
        let html = try String(contentsOfFile: folder + "/cooperation-outputs.html", encoding: .utf8)
        #expect(html.contains("<section id=\"duplicates\">") && html.contains(second))
        if SchemaCheck.hasJSONSchemaValidator, let result = try SchemaCheck.json(folder + "/cooperation-outputs.json") {
            #expect(result.status == 0, "the JSON with duplicates fits the schema: \(result.output)")
        }
        if let result = try SchemaCheck.xml(folder + "/cooperation-outputs.xml") {
            #expect(result.status == 0, "the XML with duplicates fits the schema: \(result.output)")
        }
    }

    @Test("a corrected re-send counts the newer figures, whichever input comes first", arguments: [false, true])
    func correctedResend(correctedFirst: Bool) throws {
        let old = try Fixtures.file("ilo.xml", try sampleText())
        let corrected = try Fixtures.file("ilo-corrected.xml", try correctedSample())
        let (summary, _) = try run(correctedFirst ? [corrected, old] : [old, corrected])
        #expect(p1Budget2023(summary.outputs) == 850_000, "500,000 + 350,000")
        let vnm151 = try #require(summary.outputs.duplicates.first { $0.activity == "XM-DAC-41302-VNM151" })
        #expect(vnm151.versions.filter(\.kept).map(\.file) == [corrected])
        #expect(vnm151.versions.first { $0.kept }?.lastUpdated == "2025-11-20T08:00:00+07:00")
        #expect(summary.reconciles)
    }

    @Test("an identifier twice in one file is counted once: the later version on equal dates")
    func twiceInOneFile() throws {
        let text = try sampleText()
        guard let start = text.range(of: "<iati-activity "), let end = text.range(of: "</iati-activity>") else {
            Issue.record("the sample has no activity")
            return
        }
        let first = String(text[start.lowerBound..<end.upperBound])
        let changed = first.replacingOccurrences(of: "<value value-date=\"2023-04-01\">450000</value>", with: "<value value-date=\"2023-04-01\">460000</value>")
        let doubled = text.replacingOccurrences(of: "</iati-activities>", with: changed + "\n</iati-activities>")
        let (summary, _) = try run([try Fixtures.file("doubled.xml", doubled)])
        #expect(p1Budget2023(summary.outputs) == 810_000, "the later copy (460,000) + 350,000")
        #expect(summary.outputs.run.activities == 6)
        let duplicate = try #require(summary.outputs.duplicates.first)
        #expect(summary.outputs.duplicates.count == 1)
        #expect(duplicate.versions.map(\.kept) == [false, true])
        #expect(duplicate.versions.map(\.line).first == 23)
    }
}

/// One activity `T-DUP` with a 2023 budget of `amount` USD and `last-updated-datetime` when given.
private func version(_ lastUpdated: String?, amount: Int) -> String {
    let attribute = lastUpdated.map { " last-updated-datetime=\"\($0)\"" } ?? ""
    return """
        <iati-activities version="2.03"><iati-activity default-currency="USD" xml:lang="en"\(attribute)>
        <iati-identifier>T-DUP</iati-identifier><title><narrative>A re-sent activity</narrative></title>
        <budget type="1"><period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/><value value-date="2023-01-01">\(amount)</value></budget>
        </iati-activity></iati-activities>
        """
}

@Suite("Outputs: which version of a duplicate is counted")
struct DuplicateVersionTests {
    /// The 2023 budget counted for T-DUP when the versions are read in this order.
    private func counted(_ versions: [(String?, Int)]) throws -> Decimal? {
        let files = try versions.enumerated().map { try Fixtures.file("v\($0.offset).xml", version($0.element.0, amount: $0.element.1)) }
        let summary = try runOutputs(OutputsOptions(
            framework: Fixtures.defaultFramework, inputs: files, outputDirectory: try Fixtures.temporaryFolder(), formats: [.json]))
        #expect(summary.outputs.duplicates.first?.versions.filter(\.kept).count == 1)
        return summary.outputs.reconciliation.first { $0.measure == "budget" && $0.currency == "USD" }?.input
    }

    @Test("time zones are compared as moments: 23:00 at UTC−2 is after midnight UTC")
    func timeZones() throws {
        #expect(try counted([("2023-12-31T23:00:00-02:00", 2), ("2024-01-01T00:00:00Z", 1)]) == 2)
    }

    @Test("a date without a time is its midnight UTC; fractions of a second count")
    func datesAndFractions() throws {
        #expect(try counted([("2024-01-01T00:00:00.5Z", 2), ("2024-01-01", 1)]) == 2)
        #expect(try counted([("2024-01-01T00:00:01", 2), ("2024-01-01", 1)]) == 2, "no zone: UTC")
        #expect(try counted([("2024-01-01-02:00", 2), ("2024-01-01T01:00:00Z", 1)]) == 2, "a date with a zone: its midnight there")
    }

    @Test("a version without a date, or with an unreadable one, loses to a dated one read before it")
    func missingDateIsOldest() throws {
        #expect(try counted([("2020-01-01T00:00:00Z", 2), (nil, 1)]) == 2)
        #expect(try counted([("2020-01-01T00:00:00Z", 2), ("not a date", 1)]) == 2)
        #expect(try counted([(nil, 1), (nil, 2)]) == 2, "neither dated: the later input")
    }
}
