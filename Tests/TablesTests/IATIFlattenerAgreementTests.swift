import Foundation
import IATI
import Tables
import Testing
import TestSupport

/// The transaction splits agree with iatiflattener's expected rows (`flatten-expected/`), with
/// its rates file, where the two rule sets agree. The documented differences:
/// - iatiflattener splits only by sector vocabulary 1 and leaves the sector empty otherwise;
///   iatix uses vocabulary 2 where only 3-digit codes are given (IFAD), so its rows for that
///   country are compared in sum;
/// - iatix rounds each split to the cent and gives the rounding remainder to the row with the
///   largest share, so a row may differ from the unrounded product by at most half a cent per
///   row of its split.
@Suite(.enabled(if: Reference.isAvailable, Reference.missing))
struct IATIFlattenerAgreementTests {
    static let cases = ["canada", "fcdo", "ifad"]

    @Test(arguments: cases)
    func transactionSplitsAgree(publisher: String) throws {
        let expected = try expectedRow("\(publisher)-transaction-flat.json")
        let flat = try Flattened([Reference.path("real/v2/\(publisher)-activity.xml")]) {
            $0.currencies = ["USD", "EUR"]
            $0.rates = Reference.path("flatten-expected/rates.csv")
            $0.tables = ["transaction_splits"]
        }
        let transaction = try flat.rows("transaction_splits").filter {
            $0["iati_identifier"]?.text == expected["iati_identifier"] as? String
                && $0["transaction_type"]?.text == expected["transaction_type"] as? String
                && $0["transaction_date"]?.text == expected["transaction_date"] as? String
        }
        let firstIndex = try #require(transaction.first?["transaction_index"]?.text, "\(publisher): no split of the expected transaction")
        let splits = transaction.filter { $0["transaction_index"]?.text == firstIndex }
        let country = expected["country_code"] as? String
        let sector = expected["sector_code"] as? String ?? ""
        let rows = splits.filter { $0["country_code"]?.text == country && (sector.isEmpty || $0["sector_code"]?.text == sector) }
        #expect(!rows.isEmpty, "\(publisher): no row for \(country ?? "-") × \(sector)")
        // Half a cent per row of the split: the most the remainder row can carry.
        let tolerance = Decimal(splits.count) * Decimal(string: "0.005")!
        func sum(_ column: String) -> Decimal { rows.compactMap { $0[column]?.decimal }.reduce(0, +) }
        for (ours, theirs) in [("value_split", "value_original"), ("value_usd", "value_usd"), ("value_eur", "value_eur")] {
            let reference = try #require(expected[theirs] as? Double)
            let difference = abs(sum(ours) - Decimal(reference))
            #expect(difference <= tolerance, "\(publisher): \(ours) \(sum(ours)) vs iatiflattener's \(theirs) \(reference)")
        }
        #expect(rows.first?["rate_usd"]?.decimal == Decimal(try #require(expected["exchange_rate"] as? Double)).rounded(scale: 12))
        #expect(rows.first?["rate_date_usd"]?.text == expected["exchange_rate_date"] as? String)
        if sector.isEmpty {
            #expect(rows.allSatisfy { $0["sector_vocabulary"]?.text == "2" }, "\(publisher): the difference documented above")
        }
    }

    @Test(arguments: cases)
    func transactionValuesAndRatesAgree(publisher: String) throws {
        let expected = try expectedRow("\(publisher)-transaction.json")
        let flat = try Flattened([Reference.path("real/v2/\(publisher)-activity.xml")]) {
            $0.currencies = ["USD", "EUR"]
            $0.rates = Reference.path("flatten-expected/rates.csv")
            $0.tables = ["transactions"]
        }
        let row = try #require(
            try flat.rows("transactions").first {
                $0["transaction_type"]?.text == expected["transaction_type"] as? String
                    && $0["transaction_date"]?.text == expected["transaction_date"] as? String
            })
        #expect(row["value"]?.decimal == Decimal(try #require(expected["value_original"] as? Double)))
        #expect(row["currency"]?.text == expected["currency_original"] as? String)
        for currency in ["usd", "eur"] {
            let reference = try #require(expected["value_\(currency)"] as? Double)
            let ours = try #require(row["value_\(currency)"]?.decimal)
            #expect(abs(ours - Decimal(reference)) <= Decimal(string: "0.005")!, "\(publisher): value_\(currency) \(ours) vs \(reference)")
        }
    }

    private func expectedRow(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Reference.path("flatten-expected/\(name)")))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
