import Cooperation
import Foundation
import IATI
import LibXML
import Testing
import TestSupport

/// Paths and builders shared by the cooperation tests.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        packageRoot.appendingPathComponent(relative).path
    }

    static let defaultFramework = path("samples/framework/vn-ilo-dwcp-2022-2026.yaml")
    static let iloSample: String? = {
        let sample = path("samples/ilo-vietnam-activities.xml")
        return FileManager.default.fileExists(atPath: sample) ? sample : nil
    }()

    /// `real/v2` of the reference folder, `nil` when absent.
    static let realV2: String? = Reference.folder.map { $0 + "/real/v2" }

    static let realFiles: [String] = {
        guard let folder = realV2 else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { folder + "/" + $0 }
    }()

    static let noReference = Reference.missing
    static let noSample: Comment = "samples/ilo-vietnam-activities.xml not present; skipped"

    /// A decoded activity: `body` goes after the identifier and title.
    static func activity(
        id: String = "T-0", title: String = "An activity", currency: String = "USD", _ body: String = ""
    ) throws -> Activity {
        let xml = """
            <iati-activities version="2.03"><iati-activity default-currency="\(currency)" xml:lang="en">
            <iati-identifier>\(id)</iati-identifier><title><narrative>\(title)</narrative></title>
            \(body)
            </iati-activity></iati-activities>
            """
        let reader = try XMLReader(name: "test.xml", source: BufferSource(xml))
        while let start = try reader.nextElement() {
            if start.name == "iati-activity" { return Activity.decode(node: try reader.expand()) }
        }
        throw XMLError(level: .fatal, file: "test.xml", message: "no activity")
    }

    /// Every activity of a file.
    static func activities(in path: String) throws -> [Activity] {
        let reader = try XMLReader(path: path)
        var result: [Activity] = []
        while let start = try reader.nextElement() {
            if start.depth == 1, start.name == "iati-activity" { result.append(Activity.decode(node: try reader.expand())) }
        }
        return result
    }

    /// A fresh temporary folder, removed when the tests end.
    static func temporaryFolder() throws -> String { try ScratchFolders.make("coop") }

    /// Writes text to a temporary file with this name and returns its path.
    static func file(_ name: String, _ text: String) throws -> String {
        let path = try temporaryFolder() + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The rules fixture: every kind of rule, priorities with outcomes and outputs.
    static let rulesYAML = """
        framework-version: 1
        programme:
          id: TEST
          name: {en: Test programme, vi: Chương trình thử}
          country: VN
        priorities:
          - code: A
            name: {en: Priority A, vi: Ưu tiên A}
            outcomes:
              - code: A1
                name: {en: Outcome A1, vi: Kết quả A1}
                indicators:
                  - code: A1-I1
                    name: {en: Young people in decent jobs}
                    unit: persons
                    baseline: {year: 2022, value: 0}
                    targets: [{year: 2026, value: 1000}]
                    references: [{vocabulary: "99", code: IND-YOUTH}]
                outputs:
                  - code: A1.1
                    name: {en: Output A1.1}
                  - code: A1.2
                    name: {en: Output A1.2}
              - code: A2
                name: {en: Outcome A2}
          - code: B
            name: {en: Priority B}
            outcomes:
              - code: B1
                name: {en: Outcome B1}
              - code: B2
                name: {en: Outcome B2}
        rules:
          - {id: by-id, target: A1.1, identifiers: [T-ID-1]}
          - {id: by-id-outcome, target: A1, identifiers: [T-ID-1]}
          - {id: by-suffix, target: A1.2, identifier-suffixes: [VNM999]}
          - {id: by-tag, target: A2, tags: [{vocabulary: "99", code: DWCP-X}]}
          - {id: by-result-ref, target: B1, result-references: [{vocabulary: "99", code: OUT-B1}]}
          - {id: by-indicator-ref, target: B2, indicator-references: [IND-B2]}
          - {id: by-sector-5, target: A1, sectors: ["16020"]}
          - {id: by-sector-3, target: B1, sectors: ["113"]}
          - {id: by-sdg-target, target: B2, sdg-targets: ["8.7"]}
          - {id: by-sdg-goal, target: A2, sdg-goals: ["4"]}
          - {id: by-org, target: B1, participating-orgs: [{ref: XM-DAC-701, role: "1"}]}
          - {id: by-country, target: B2, recipient-countries: [LA]}
          - id: by-keyword-b2
            target: B2
            keywords: {en: [child labour], vi: [lao động trẻ em]}
          - id: by-keyword-a2
            target: A2
            keywords: {vi: [đào tạo nghề]}
        """

    static func rulesFramework(_ extra: String = "") throws -> Framework {
        try Framework.parse(yaml: rulesYAML + extra, file: "rules.yaml")
    }
}
