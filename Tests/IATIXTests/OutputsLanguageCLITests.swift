import Foundation
import Testing
import TestSupport

@Suite("iatix outputs: Vietnamese, a workbook and one currency, on the command line")
struct OutputsLanguageCLITests {
    @Test("--lang vi --format csv --format xlsx --rates --currency: Vietnamese headers, a workbook, conversions with dates")
    func vietnameseWorkbook() throws {
        let folder = try TemporaryFolder()
        let rates = try folder.write("rates.csv", """
            Date,Rate,Currency,Frequency,Source
            2023-06-30,1.5,AUD,M,IMF
            2023-06-30,23500,VND,M,IMF
            """)
        let out = folder.file("out")
        let result = try Command.iatix([
            "outputs", "--framework", Reference.sample("framework/vn-ilo-dwcp-2022-2026.yaml"), Reference.sample("ilo-vietnam-activities.xml"),
            "-o", out, "--lang", "vi", "--format", "csv", "--format", "xlsx", "--rates", rates, "--currency", "USD",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: out + "/cooperation-outputs.xlsx"))
        #expect(!FileManager.default.fileExists(atPath: out + "/cooperation-outputs.html"), "only the formats asked for")
        let funding = try Data(contentsOf: URL(fileURLWithPath: out + "/cooperation-outputs-csv/funding.csv"))
        #expect(funding.starts(with: Data("\u{FEFF}cấp,mã,loại,năm,tiền tệ,số tiền\r\n".utf8)))
        let conversions = try String(contentsOfFile: out + "/cooperation-outputs-csv/conversions.csv", encoding: .utf8)
        #expect(conversions.contains(",VND,3600000000,23500,2023-06-30,USD,153191.49,"), "\(conversions.prefix(600))")
        // The rates have no EUR: those amounts are left out of the USD totals, and said so.
        let unconverted = try String(contentsOfFile: out + "/cooperation-outputs-csv/unconverted.csv", encoding: .utf8)
        let listed = unconverted.split(separator: "\r\n").count - 1
        #expect(listed > 0)
        #expect(result.standardError.contains("warning: \(listed) allocated amount(s) not converted to USD, left out of the converted totals"), "\(result.standardError)")
    }
}
