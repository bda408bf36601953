import Foundation
import TestSupport
import Testing

/// `iatix validate --format json` as the official service writes its report today (the schema
/// check, with the service's words, is in ``ReportTests``).
@Suite("the JSON report as the official service writes it")
struct JSONReportTests {
    static let binaryAvailable = FileManager.default.isExecutableFile(atPath: Command.iatix)

    /// A real 2.03 file with errors (language codes in capitals), and a 1.0x file (a
    /// `documents` finding, structure findings of category `schema`).
    static let files = ["real/v2/canada-activity.xml", "real/v1/wb-sample.xml"]

    @Test(
        "a real file's errors are severity error, findings grouped under their own category",
        .enabled(if: Reference.isAvailable && binaryAvailable, "IATI reference folder or iatix binary missing: skipped"))
    func servicesWords() throws {
        let result = try Command.iatix(["validate", "--format", "json", "--fail-on", "never"] + Self.files.map(Reference.path))
        #expect(result.status == 0, "\(result.standardError)")
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        try #require(reports.count == Self.files.count)

        let findings = reports.map(Self.findings(of:))
        // The real 2.03 file's codelist errors: severity `error`, never the old schema's `danger`.
        let canada = findings[0]
        #expect(canada.contains { $0.finding["id"] as? String == "9.95.1" && $0.finding["severity"] as? String == "error" })
        #expect(!findings.joined().contains { $0.finding["severity"] as? String == "danger" })
        #expect((reports[0]["summary"] as? [String: Any])?["error"] as? Int ?? 0 > 0)
        // Each group under the finding's own category, `schema` and `documents` as the service names them.
        #expect(findings.joined().allSatisfy { $0.category == $0.finding["category"] as? String })
        #expect(findings[1].contains { $0.category == "schema" && $0.finding["id"] as? String == "0.3.1" })
        #expect(findings[1].contains { $0.category == "documents" && $0.finding["id"] as? String == "0.6.1" })
        // No advisory ran: the summary has no `advisory`.
        #expect(reports.allSatisfy { ($0["summary"] as? [String: Any])?["advisory"] == nil })
    }

    /// Every finding of a report with the category of its group.
    static func findings(of report: [String: Any]) -> [(category: String, finding: [String: Any])] {
        let groups = report["errors"] as? [[String: Any]] ?? []
        return groups.flatMap { group in
            (group["errors"] as? [[String: Any]] ?? []).flatMap { categoryGroup in
                (categoryGroup["errors"] as? [[String: Any]] ?? []).map { (categoryGroup["category"] as? String ?? "", $0) }
            }
        }
    }
}
