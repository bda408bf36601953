import Cooperation
import Foundation
import IATI
import Testing

/// The sample's outputs in one language, JSON and CSV (in memory and written).
private func sampleOutputs(_ language: ReportLanguage, formats: Set<OutputsOptions.Format> = [.csv]) throws -> (summary: OutputsSummary, folder: String) {
    let folder = try Fixtures.temporaryFolder()
    let summary = try runOutputs(OutputsOptions(
        framework: Fixtures.defaultFramework, inputs: [try #require(Fixtures.iloSample)], outputDirectory: folder, formats: formats,
        language: language))
    return (summary, folder)
}

/// The narrative of `narratives` in Vietnamese, if any.
private func vietnamese(_ narratives: [Narrative]) -> String? {
    narratives.first { $0.language?.lowercased().hasPrefix("vi") == true }?.text
}

@Suite("Outputs in Vietnamese: texts from the data, headers, labels")
struct LanguageTests {
    @Test("with vi, every activity title is the Vietnamese narrative where one exists", .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func titles() throws {
        let outputs = try sampleOutputs(.vi).summary.outputs
        let activities = try Fixtures.activities(in: try #require(Fixtures.iloSample))
        let titles = outputs.priorities.flatMap { [$0] + $0.allDescendants }.flatMap(\.contributions).map { ($0.activity, $0.title) }
            + outputs.unallocated.map { ($0.activity, $0.title) }
        #expect(!titles.isEmpty)
        var checked = 0
        for (identifier, title) in titles {
            let activity = try #require(activities.first { $0.identifier == identifier })
            guard let expected = vietnamese(activity.title) else { continue }
            #expect(title == expected, "\(identifier)")
            checked += 1
        }
        #expect(checked > 0, "the sample has Vietnamese titles")
        let english = try sampleOutputs(.en).summary.outputs
        #expect(english.priorities.flatMap(\.contributions).allSatisfy { $0.title?.contains("Việc làm") != true })
    }

    @Test("with vi, partner names and indicator titles come from Vietnamese narratives", .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func partnersAndIndicators() throws {
        let vi = try sampleOutputs(.vi).summary.outputs
        let en = try sampleOutputs(.en).summary.outputs
        let viPartners = vi.priorities.flatMap(\.partners).compactMap(\.name)
        #expect(viPartners.contains("Chính phủ Úc"))
        #expect(en.priorities.flatMap(\.partners).compactMap(\.name).contains("Government of Australia"))
        #expect(!en.priorities.flatMap(\.partners).compactMap(\.name).contains("Chính phủ Úc"))
        let activities = try Fixtures.activities(in: try #require(Fixtures.iloSample))
        let indicators = vi.priorities.flatMap { [$0] + $0.allDescendants }.flatMap { node in node.activityIndicators + node.indicators.flatMap(\.reported) }
        let translated = activities.flatMap { $0.results.flatMap(\.indicators) }.filter { vietnamese($0.title) != nil }
        #expect(!translated.isEmpty)
        let vietnameseTitles = Set(translated.compactMap { vietnamese($0.title) })
        let otherTitles = Set(translated.flatMap { $0.title.map(\.text) }).subtracting(vietnameseTitles)
        #expect(indicators.contains { vietnameseTitles.contains($0.title ?? "") })
        for indicator in indicators { #expect(!otherTitles.contains(indicator.title ?? ""), "\(indicator.title ?? "")") }
    }

    @Test("with vi, CSV headers are Vietnamese, values machine-readable; files keep their names", .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func csvHeaders() throws {
        let outputs = try sampleOutputs(.vi).summary.outputs
        let vi = Dictionary(uniqueKeysWithValues: outputs.csvTables(language: .vi).map { ($0.name, $0.text) })
        let en = Dictionary(uniqueKeysWithValues: outputs.csvTables(language: .en).map { ($0.name, $0.text) })
        #expect(Set(vi.keys) == Set(en.keys))
        #expect(vi["funding.csv"]?.hasPrefix("cấp,mã,loại,năm,tiền tệ,số tiền\r\n") == true)
        for (name, text) in vi {
            // "\r\n" is one Character: lines are split on the string.
            let lines = text.components(separatedBy: "\r\n")
            let englishLines = (en[name] ?? "").components(separatedBy: "\r\n")
            let header = lines[0].split(separator: ",").map(String.init)
            let english = englishLines[0].split(separator: ",").map(String.init)
            for (word, key) in zip(header, english) where key != "sha256" {
                #expect(word != key, "\(name): \(key) is not translated")
            }
            // Same values: only the header differs.
            #expect(lines.dropFirst() == englishLines.dropFirst(), "\(name)")
        }
        #expect(vi["funding.csv"]?.contains(",800000\r\n") == true, "amounts stay plain decimals")
    }

    @Test("the Vietnamese report writes numbers 1.600.000 and dates 31/12/2026", .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func vietnameseConventions() throws {
        let html = try sampleOutputs(.vi).summary.outputs.html(language: .vi)
        #expect(html.contains("01/01/2022 – 31/12/2026"))
        #expect(html.contains("6.100.000"))
        #expect(!html.contains("2022-01-01"))
        #expect(html.contains("Chính phủ Úc"))
        let english = try sampleOutputs(.en).summary.outputs.html(language: .en)
        #expect(english.contains("2022-01-01 – 2026-12-31") && english.contains("6,100,000"))
    }

    @Test("mapping reasons are said in the report's language")
    func reasons() {
        let reason = MappingReason.uncovered(percent: Decimal(string: "37.5")!)
        #expect(reason.text(.en) == "37.5% of the activity is covered by no rule")
        #expect(reason.text(.vi) == "37,5% của hoạt động không thuộc quy tắc nào")
        #expect(MappingReason.noRule.text(.vi) == "không quy tắc nào khớp")
    }

    @Test("the chart's legend fits its width in both languages, wrapping when it must")
    func legendFits() throws {
        for language in ReportLanguage.allCases {
            let outputs = try sampleOutputs(language).summary.outputs
            let html = outputs.html(language: language)
            let charts = html.components(separatedBy: "<svg ").dropFirst()
            #expect(!charts.isEmpty)
            for chart in charts {
                let width = try #require(Double(chart.between("width=\"", "\"") ?? ""))
                for label in ["Ngân sách", "Cam kết", "Đã giải ngân và chi tiêu", "Budget", "Commitments", "Disbursed and spent"] {
                    guard let range = chart.range(of: "\">\(label)</text>") else { continue }
                    let start = chart[..<range.lowerBound]
                    let x = try #require(Double(start.components(separatedBy: "<text x=\"").last?.prefix { $0 != "\"" } ?? ""))
                    // 7.5 px a character is wider than the letters of a 12 px sans-serif font.
                    #expect(x + Double(label.count) * 7.5 <= width, "\(label) at \(x) in \(width)")
                }
            }
        }
    }
}

extension String {
    /// The text between the first `start` and the next `end`.
    func between(_ start: String, _ end: String) -> String? {
        guard let from = range(of: start)?.upperBound, let to = self[from...].range(of: end)?.lowerBound else { return nil }
        return String(self[from..<to])
    }
}
