import Foundation
import IATI
import Rates
@testable import Tables
import Testing
import TestSupport

private func percentages(_ texts: [String?]) -> [DecimalValue?] { texts.map { $0.map(DecimalValue.init(text:)) } }
private func decimal(_ text: String) -> Decimal { Decimal(string: text)! }

@Suite("Shares, quarters, rates: the documented rules")
struct SplitRulesTests {
    @Test func percentagesThatAddUpAreKeptAsWritten() {
        let shares = Shares(percentages: percentages(["70", "30"]), of: "sector")
        #expect(shares.fractions == [decimal("0.7"), decimal("0.3")])
        #expect(shares.note == nil)
    }

    @Test func percentagesThatDoNotAddUpAreRescaledAndSaidSo() {
        let shares = Shares(percentages: percentages(["60", "60"]), of: "sector")
        #expect(shares.fractions == [decimal("0.5"), decimal("0.5")])
        #expect(shares.note == "sector percentages add up to 120: rescaled to 100")
    }

    @Test func missingPercentagesShareWhatTheGivenOnesLeave() {
        let shares = Shares(percentages: percentages(["50", nil, nil]), of: "country/region")
        #expect(shares.fractions == [decimal("0.5"), decimal("0.25"), decimal("0.25")])
        #expect(shares.note?.contains("2 country/region percentage(s) missing") == true)
    }

    @Test func noPercentagesGiveEqualSharesAndOneItemTakesAll() {
        #expect(Shares(percentages: [nil, nil], of: "sector").fractions == [decimal("0.5"), decimal("0.5")])
        let single = Shares(percentages: percentages(["40"]), of: "sector")
        #expect(single.fractions == [1])
        #expect(single.note == "one sector with percentage 40: taken as 100")
    }

    @Test func negativeOrUnreadablePercentagesCountAsMissing() {
        let shares = Shares(percentages: percentages(["-10", "abc", "100"]), of: "sector")
        #expect(shares.fractions == [0, 0, 1])
        #expect(shares.note?.contains("2 sector percentage(s) negative or not a number") == true)
    }

    @Test func exactSharesAddUpToTheTotalWithTheRemainderOnTheLargestShare() {
        let third = Decimal(1) / Decimal(3)
        let parts = ExactShares.allocate(100, fractions: [third, third, third])
        #expect(parts == [decimal("33.34"), decimal("33.33"), decimal("33.33")])
        let vnd = ExactShares.allocate(decimal("1000000001"), fractions: [decimal("0.2"), decimal("0.8")])
        #expect(vnd == [decimal("200000000.2"), decimal("800000000.8")])
        #expect(vnd.reduce(0, +) == decimal("1000000001"))
    }

    /// The 128-bit fast path gives what Decimal arithmetic gives, remainder row included.
    @Test(arguments: ["1664612", "0.05", "-9077", "123456789012.345", "1000000001", "99999999999999999999.99", "7"])
    func fixedPointSharesEqualDecimalArithmetic(total: String) {
        let amount = decimal(total)
        for fractions in [
            [decimal("0.0692779200000000"), decimal("0.9307220800000000")], [decimal("0.3333333333333333"), decimal("0.3333333333333333"), decimal("0.3333333333333334")],
            [decimal("0.25"), decimal("0.75")], [decimal("0.1"), decimal("0.2"), decimal("0.3"), decimal("0.4")],
        ] {
            let scale = max(2, amount.decimalPlaces)
            var expected = fractions.map { (amount * $0).rounded(scale: scale) }
            let largest = fractions.indices.max { fractions[$0] < fractions[$1] || (fractions[$0] == fractions[$1] && $0 > $1) }!
            expected[largest] += amount - expected.reduce(0, +)
            let parts = ExactShares.allocate(amount, fractions: fractions)
            #expect(parts == expected, "\(total) × \(fractions)")
            #expect(parts.reduce(0, +) == amount)
            #expect(parts.map(\.plainText) == expected.map(\.plainText))
        }
    }

    @Test func aBudgetSpanningTwoYearsIsCutAtQuartersByDays() {
        let quarters = BudgetQuarters(start: IATIDate(text: "2015-04-01"), end: IATIDate(text: "2016-03-31"))
        #expect(quarters.pieces.map { "\($0.year)Q\($0.quarter):\($0.days)" } == ["2015Q2:91", "2015Q3:92", "2015Q4:92", "2016Q1:91"])
        #expect(abs(quarters.pieces.map(\.fraction.decimal).reduce(0, +) - 1) < Decimal(string: "1e-15")!)
        #expect(quarters.pieces.first?.fraction.decimal == (Decimal(91) / Decimal(366)).rounded(scale: 16))
        let inside = BudgetQuarters(start: IATIDate(text: "2024-02-10"), end: IATIDate(text: "2024-02-29"))
        #expect(inside.pieces.map(\.days) == [20])
        #expect(BudgetQuarters(start: IATIDate(text: "2024-05-01"), end: IATIDate(text: "2024-04-01")).note?.contains("ends before it starts") == true)
        #expect(BudgetQuarters(start: nil, end: IATIDate(text: "2024-04-01")).pieces.isEmpty)
    }

    /// A quarter's cells are those of its budget type and quarter, whichever budget asks and
    /// however many quarters were met before (past the pieces kept, they are made again).
    @Test func quarterCellsAreTheQuartersOwn() {
        let cache = QuarterCells()
        func expected(_ type: String?, _ piece: BudgetQuarters.Piece?) -> [Cell] {
            [
                .optional(type), piece.map { .integer($0.year) } ?? .empty, piece.map { .integer($0.quarter) } ?? .empty,
                .optional(piece?.start), .optional(piece?.end), piece.map { .integer($0.days) } ?? .empty,
            ]
        }
        let year = BudgetQuarters(start: IATIDate(text: "2024-01-01"), end: IATIDate(text: "2024-12-31")).pieces
        let first = cache.piece(type: "1", quarter: year[0])
        #expect(cache.piece(type: "1", quarter: year[0]) === first)
        #expect(cache.piece(type: "2", quarter: year[0]).cells == expected("2", year[0]))
        #expect(cache.piece(type: "1", quarter: nil).cells == expected("1", nil))
        // Budgets of one day each, a quarter apiece: more than the cache keeps.
        for day in 0..<5_000 {
            let date = IATIDate(dayNumber: 19_000 + day)
            let piece = BudgetQuarters(start: date, end: date).pieces[0]
            #expect(cache.piece(type: nil, quarter: piece).cells == expected(nil, piece))
        }
        #expect(cache.piece(type: "1", quarter: year[3]).cells == expected("1", year[3]))
    }

    /// A budget over thousands of years (real data has placeholder dates) has more split rows
    /// than are held: its shares and parts are made row by row, and they are what the held
    /// road gives for the same shares.
    @Test func aBudgetOfThousandsOfYearsSplitsAsTheHeldRoadDoes() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(
            "long-budget.xml",
            """
            <iati-activities version="2.03"><iati-activity default-currency="USD">
              <iati-identifier>XM-TEST-LONG</iati-identifier>
              <reporting-org ref="XM-TEST" type="10"><narrative>Test</narrative></reporting-org>
              <title><narrative xml:lang="en">A budget over 9,999 years</narrative></title>
              <recipient-country code="VN"/>
              <sector vocabulary="1" code="16020" percentage="70"/>
              <sector vocabulary="1" code="11330" percentage="30"/>
              <budget type="1"><period-start iso-date="0001-01-01"/><period-end iso-date="9999-12-31"/>
                <value value-date="2024-01-01">1000000.01</value></budget>
            </iati-activity></iati-activities>
            """)
        let flat = try Flattened([file]) {
            $0.tables = ["budget_splits"]
            $0.format = .csv
        }
        // CSV read by splitting at commas: no field of these rows is quoted.
        let lines = try String(contentsOfFile: flat.folder.file("out/budget_splits.csv"), encoding: .utf8)
            .split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = try #require(lines.first)
        let share = try #require(header.firstIndex(of: "share")), split = try #require(header.firstIndex(of: "value_split"))
        let rows = lines.dropFirst()
        #expect(rows.count == 9_999 * 4 * 2)
        let fractions = try rows.map { try #require(FixedDecimal(decimal(String($0[share])), scale: 16)) }
        let expected = try #require(ExactShares.allocate(decimal("1000000.01"), fractions: fractions))
        #expect(rows.map { String($0[split]) } == expected.map(\.plainText))
        #expect(expected.reduce(Decimal(0)) { $0 + $1.decimal } == decimal("1000000.01"))
    }

    @Test func theRateOfTheValueDatesMonthElseTheNearest() throws {
        let rates = try MonthlyRates.parse(
            csv: """
                Date,Rate,Currency,Frequency,Source
                2024-01-31,24300,VND,M,IMF
                2024-02-29,24500,VND,M,IMF
                2024-06-30,25400,VND,M,IMF
                2024-02-29,0.92,EUR,M,IMF
                """, file: "rates.csv")
        func use(_ date: String, _ from: String = "VND", _ to: String = "USD") throws -> MonthlyRates.Use {
            try rates.conversion(of: from, to: to, on: IATIDate(text: date)).get()
        }
        #expect(try use("2024-02-03").rate == 24500)  // its month, though January's date is nearer
        #expect(try use("2024-04-14").date?.isoString == "2024-02-29")  // nearest: 45 days before vs 77 after
        #expect(try use("2024-05-20").date?.isoString == "2024-06-30")  // 81 days before vs 41 after
        #expect(try use("2024-04-30").date?.isoString == "2024-02-29")  // 61 and 61: the earlier
        #expect(try use("2030-01-01").date?.isoString == "2024-06-30")
        // Whether a rate of another month was used, by either currency of a cross rate.
        #expect(try !use("2024-02-03").otherMonth)
        #expect(try use("2024-04-14").otherMonth)
        #expect(try use("2030-01-01").otherMonth)
        #expect(try !use("2024-02-10", "VND", "EUR").otherMonth)
        #expect(try use("2024-01-10", "VND", "EUR").otherMonth)  // VND's January rate, EUR's February one
        #expect(try use("2024-06-10", "USD", "EUR").otherMonth)
        #expect(try !use("2024-06-10", "EUR", "EUR").otherMonth)
        #expect(try use("2024-02-10", "VND", "EUR").rate == Decimal(24500) / decimal("0.92"))
        #expect(try use("2024-02-10", "USD", "USD").date == nil)
        #expect(rates.conversion(of: "THB", to: "USD", on: IATIDate(text: "2024-02-10")) == .failure(.unknownCurrency("THB")))
        #expect(rates.conversion(of: "VND", to: "USD", on: nil) == .failure(.noDate))
    }

    @Test func aBrokenRatesFileNamesEveryProblemWithItsLine() {
        #expect(throws: RatesError.self) {
            try MonthlyRates.parse(csv: "date,currency,rate\n2024-01-31,VND,24300\n", file: "old.csv")
        }
        do {
            _ = try MonthlyRates.parse(csv: "Date,Rate,Currency,Frequency,Source\n2024-13-01,1,VND\n2024-01-31,-2,VND\n2024-01-31,3,vnd\n", file: "r.csv")
            Issue.record("accepted a broken file")
        } catch {
            #expect(error.problems.map(\.line) == [2, 3, 4])
        }
    }
}
