import Foundation
import Testing
import TestSupport

/// `iatix outputs` reads records through the same road as `convert`: files of 1.05, 2.01 and
/// 2.02 are upgraded to 2.03 as they are read, so they give the same measures and figures as the
/// 2.03 sample (`samples/versions/` holds its first two activities in each older version).
///
/// What an older version cannot express: transaction type 11, *incoming commitment*, came with
/// 2.02. The 2.03 sample reports one incoming commitment per activity (AUD 3,000,000 and
/// KRW 1,690,000,000); 1.05 and 2.01 have no way to say it, so their figures lack exactly the
/// `incoming-commitment` rows and nothing else.
@Suite("outputs on every version of the sample")
struct OutputsVersionsTests {
    /// One activity's amounts for one framework target: "measure currency amount", sorted.
    private typealias Contributions = [String: [String]]

    private static let framework = Reference.sample("framework/vn-ilo-dwcp-2022-2026.yaml")

    /// Runs `iatix outputs` on `input` and collects every contribution, keyed `activity → target`.
    private static func contributions(_ input: String) throws -> Contributions {
        let folder = try TemporaryFolder()
        let result = try Command.iatix(["outputs", "--framework", framework, input, "-o", folder.path, "--format", "json"])
        #expect(result.status == 0, "\(input): \(result.standardError)")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder.file("cooperation-outputs.json")))
        let outputs = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        var found: Contributions = [:]
        collect(outputs["priorities"] ?? [], into: &found)
        return found
    }

    private static func collect(_ value: Any, into found: inout Contributions) {
        if let object = value as? [String: Any] {
            for contribution in object["contributions"] as? [[String: Any]] ?? [] {
                let key = "\(contribution["activity"] ?? "?") → \(contribution["target"] ?? "?")"
                let amounts = (contribution["amounts"] as? [[String: Any]] ?? []).map {
                    "\($0["measure"] ?? "?") \($0["currency"] ?? "?") \($0["amount"] ?? "?")"
                }
                found[key] = amounts.sorted()
            }
            for child in object.values { collect(child, into: &found) }
        } else if let array = value as? [Any] {
            for child in array { collect(child, into: &found) }
        }
    }

    @Test("1.05, 2.01 and 2.02 give the 2.03 measures and figures", arguments: ["1.05", "2.01", "2.02"])
    func sameFigures(version: String) throws {
        let older = try Self.contributions(Reference.sample("versions/ilo-vietnam-\(version).xml"))
        let activities = Set(older.keys.map { $0.components(separatedBy: " → ")[0] })
        #expect(activities == ["XM-DAC-41302-VNM151", "XM-DAC-41302-VNM152"])
        let current = try Self.contributions(Reference.sample("ilo-vietnam-activities.xml"))
            .filter { activities.contains($0.key.components(separatedBy: " → ")[0]) }

        // Measures are the 2.03 transaction types, never raw 1.0x codes (transaction-C, …).
        let measures = Set(older.values.joined().map { $0.components(separatedBy: " ")[0] })
        #expect(measures.isSuperset(of: ["commitment", "disbursement", "expenditure", "incoming-funds"]), "\(measures)")
        #expect(!measures.contains { $0.hasPrefix("transaction-") }, "\(measures)")

        let expressible = version == "2.02" ? current : current.mapValues { $0.filter { !$0.hasPrefix("incoming-commitment ") } }
        #expect(older == expressible)
        // The difference is real: the 2.03 sample does report incoming commitments.
        #expect(current.values.joined().contains { $0.hasPrefix("incoming-commitment ") })
    }
}
