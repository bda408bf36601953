import Cooperation
import Foundation
import IATI
import Testing

/// Rates in the IMF monthly layout (units per US dollar) for the sample's currencies but KRW.
private let imfRates = """
    Date,Rate,Currency,Frequency,Source
    2023-06-30,1.5,AUD,M,IMF
    2023-06-30,144.5,JPY,M,IMF
    2023-06-30,23500,VND,M,IMF
    2024-06-30,1.52,AUD,M,IMF
    2024-06-30,160.5,JPY,M,IMF
    2024-06-30,25400,VND,M,IMF
    """

/// The sample's outputs, converted to `currency` with ``imfRates`` when given.
private func sampleRun(
    currency: String? = nil, language: ReportLanguage = .en, formats: Set<OutputsOptions.Format> = [.json]
) throws -> (outputs: CooperationOutputs, folder: String) {
    let folder = try Fixtures.temporaryFolder()
    let rates = try currency.map { _ in try Fixtures.file("rates.csv", imfRates) }
    let summary = try runOutputs(OutputsOptions(
        framework: Fixtures.defaultFramework, inputs: [try #require(Fixtures.iloSample)], outputDirectory: folder, formats: formats,
        rates: rates, targetCurrency: currency, language: language))
    return (summary.outputs, folder)
}

/// Sums per measure and currency.
private func sums(_ rows: [(String, String, Decimal)]) -> [String: Decimal] {
    rows.reduce(into: [:]) { $0["\($1.0) \($1.1)", default: 0] += $1.2 }
}

@Suite("Outputs: grand totals and the single-currency view")
struct TotalsTests {
    @Test("grand totals are the sums of the priorities' rows, and what was allocated", .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func grandTotals() throws {
        let outputs = try sampleRun(currency: "USD").outputs
        let totals = sums(outputs.totals.map { ($0.measure, $0.currency, $0.amount) })
        #expect(!totals.isEmpty)
        #expect(totals == sums(outputs.priorities.flatMap { $0.funding.map { ($0.measure, $0.currency, $0.amount) } }))
        #expect(totals == sums(outputs.reconciliation.filter { $0.allocated != 0 }.map { ($0.measure, $0.currency, $0.allocated) }))
        let converted = sums(outputs.convertedTotals.map { ($0.measure, $0.currency, $0.amount) })
        #expect(converted == sums(outputs.priorities.flatMap { $0.converted.map { ($0.measure, "USD", $0.amount) } }))
        #expect(outputs.convertedTotals.allSatisfy { $0.currency == "USD" })
        let table = try #require(outputs.csvTables().first { $0.name == "totals.csv" }?.text)
        #expect(table.hasPrefix("measure,currency,amount,converted\r\n"))
        #expect(table.contains("budget,USD,6100000,false\r\n"))
    }

    @Test("single-currency view: each converted amount is amount ÷ rate, with the rate's date", .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func conversions() throws {
        let outputs = try sampleRun(currency: "USD").outputs
        #expect(!outputs.conversions.isEmpty)
        for amount in outputs.conversions {
            #expect(amount.converted == (amount.amount / amount.rate).rounded(scale: 2), "\(amount)")
            if amount.currency == "USD" {
                #expect(amount.rate == 1 && amount.rateDate == nil)
            } else {
                let date = try #require(amount.rateDate, "\(amount)")
                #expect(["2023-06-30", "2024-06-30"].contains(date))
            }
        }
        let vnd2023 = try #require(outputs.conversions.first { $0.currency == "VND" && $0.year == 2023 })
        #expect(vnd2023.rate == 23500 && vnd2023.rateDate == "2023-06-30")
        // Per node, the converted totals are the sums of the listed conversions below it.
        let byNode = outputs.conversions.reduce(into: [String: Decimal]()) { $0[$1.target, default: 0] += $1.converted }
        #expect(byNode.values.reduce(0, +) == outputs.convertedTotals.map(\.amount).reduce(0, +))
    }

    @Test("amounts with no usable rate are never 0: listed and counted, left out of the converted totals",
          .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func noRate() throws {
        let outputs = try sampleRun(currency: "USD").outputs
        let krw = outputs.unconverted.filter { $0.currency == "KRW" }
        #expect(!krw.isEmpty && krw.allSatisfy { $0.amount != 0 && $0.reason.contains("KRW") })
        #expect(!outputs.conversions.contains { $0.currency == "KRW" })
        #expect(outputs.priorities.map(\.unconvertedCount).reduce(0, +) >= krw.count)
    }

    @Test("JSON and XML with totals and conversions validate against the schemas",
          .enabled(if: Fixtures.iloSample != nil && SchemaCheck.hasJSONSchemaValidator && SchemaCheck.hasXMLLint, "needs the sample, python3 with jsonschema and xmllint"))
    func schemas() throws {
        for language in ReportLanguage.allCases {
            let folder = try sampleRun(currency: "VND", language: language, formats: [.json, .xml]).folder
            let json = try #require(try SchemaCheck.json(folder + "/cooperation-outputs.json"))
            #expect(json.status == 0, "\(json.output)")
            let xml = try #require(try SchemaCheck.xml(folder + "/cooperation-outputs.xml"))
            #expect(xml.status == 0, "\(xml.output)")
        }
    }

    @Test("the workbook opens with openpyxl: a sheet per table, Vietnamese headers, amounts as numbers",
          .enabled(if: Fixtures.iloSample != nil && hasOpenpyxl, "needs the sample and python3 with openpyxl (pip install openpyxl)"))
    func workbook() throws {
        let (outputs, folder) = try sampleRun(currency: "USD", language: .vi, formats: [.xlsx, .csv])
        let script = """
            import sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            print("|".join(book.sheetnames))
            sheet = book["Nguồn vốn"]
            print("|".join(str(cell.value) for cell in sheet[1]))
            amounts = [row[5] for row in sheet.iter_rows(min_row=2)]
            assert amounts and all(isinstance(cell.value, (int, float)) for cell in amounts), [c.value for c in amounts]
            assert all(cell.number_format == "#,##0.00" for cell in amounts), amounts[0].number_format
            print(sum(cell.value for cell in amounts if sheet.cell(cell.row, 1).value == "priority"))
            """
        let result = try #require(try SchemaCheck.run("python3", ["-c", script, folder + "/cooperation-outputs.xlsx"]))
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.split(separator: "|").count == outputs.csvTables().count, "a sheet per CSV table")
        #expect(lines.dropFirst().first == "cấp|mã|loại|năm|tiền tệ|số tiền")
        let expected = outputs.priorities.flatMap(\.funding).map(\.amount).reduce(0, +)
        #expect(Decimal(string: lines.last ?? "") == expected)
    }
}

/// Whether python3 can read workbooks.
private let hasOpenpyxl: Bool = (try? SchemaCheck.run("python3", ["-c", "import openpyxl"]))??.status == 0
