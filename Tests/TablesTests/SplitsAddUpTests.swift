import Foundation
import IATI
import LibXML
import Tables
import Testing
import TestSupport

/// On every real activity file: the split rows of each transaction and budget add up exactly
/// to its value, per sector vocabulary, and every narrative of the input is in the
/// `narratives` table.
@Suite(.enabled(if: Reference.isAvailable, Reference.missing))
struct SplitsAddUpTests {
    static let files = (Reference.xmlFiles(under: "real/v2") + Reference.xmlFiles(under: "real/v1"))

    @Test(arguments: files)
    func transactionSplitsAddUpToTheTransaction(file: String) throws {
        // Two vocabularies asked for: each must add up on its own.
        for vocabularies in [[], ["1", "2"]] {
            let flat = try Flattened([file]) { $0.sectorVocabularies = vocabularies; $0.tables = ["transactions", "transaction_splits"] }
            let values = try valuesByKey(flat.rows("transactions"), index: "transaction_index")
            var sums: [String: Decimal] = [:]
            for row in try flat.rows("transaction_splits") {
                guard let split = row["value_split"]?.decimal else { continue }
                let key = "\(row["activity_index"]?.text ?? "") \(row["transaction_index"]?.text ?? "")"
                sums["\(key) \(row["sector_vocabulary"]?.text ?? "")", default: 0] += split
            }
            for (key, sum) in sums {
                let transaction = String(key[..<key.lastIndex(of: " ")!])
                #expect(values[transaction] == sum, "\(file): transaction \(transaction), vocabulary \(key): splits add up to \(sum)")
            }
            let vocabularyCount = max(1, vocabularies.count)
            #expect(sums.count == values.count * vocabularyCount, "\(file): every transaction with a value has splits")
        }
    }

    @Test(arguments: files)
    func budgetSplitsAddUpToTheBudget(file: String) throws {
        let flat = try Flattened([file]) { $0.tables = ["budgets", "budget_splits"] }
        let budgets = try flat.rows("budgets").filter { $0["replaced"] == .bool(false) }
        let values = valuesByKey(budgets, index: "budget_index")
        var sums: [String: Decimal] = [:]
        for row in try flat.rows("budget_splits") {
            guard let split = row["value_split"]?.decimal else { continue }
            sums["\(row["activity_index"]?.text ?? "") \(row["budget_index"]?.text ?? "")", default: 0] += split
        }
        #expect(sums == values, "\(file): budget splits add up to each budget")
    }

    @Test(arguments: files)
    func everyNarrativeIsInTheNarrativesTable(file: String) throws {
        let flat = try Flattened([file]) { $0.tables = ["narratives"] }
        let rows = try flat.rows("narratives").compactMap { $0["text"]?.text }
        let expected = try narrativeTexts(in: file)
        // 1.0x files have no narrative elements: their texts become narratives on upgrade.
        guard !expected.isEmpty else {
            #expect(file.contains("/v1/") || rows.isEmpty, "\(file): narratives appeared from nowhere")
            return
        }
        #expect(rows.sorted() == expected.sorted(), "\(file): \(rows.count) narrative rows for \(expected.count) narratives")
    }

    /// The values of the rows with a numeric value, by identifier and index.
    private func valuesByKey(_ rows: [[String: JSONValue]], index: String) -> [String: Decimal] {
        var values: [String: Decimal] = [:]
        for row in rows {
            guard let value = row["value"]?.decimal else { continue }
            values["\(row["activity_index"]?.text ?? "") \(row[index]?.text ?? "")"] = value
        }
        return values
    }

    /// The trimmed text of every `narrative` element of the activities, read with the tree
    /// reader (not the road flatten takes).
    private func narrativeTexts(in file: String) throws -> [String] {
        var texts: [String] = []
        func walk(_ node: Node) {
            for child in node.children where child.namespace == nil {
                if child.name == "narrative" { texts.append(child.text.trimmingXMLWhitespace()) } else { walk(child) }
            }
        }
        let reader = try XMLReader(path: file)
        while let start = try reader.nextElement() {
            if start.depth == 0, start.name != "iati-activities" { return [] }
            if start.depth == 1, start.name == "iati-activity" { walk(try reader.expand()) }
        }
        return texts
    }
}
