import IATI
import Cooperation
import Foundation
import Testing
import TestSupport

@Suite("HTML report in a headless browser", .serialized)
struct BrowserTests {
    @Test("the sample report renders without errors in each language; its screenshot is written",
          .enabled(if: Browser.chromium != nil && Fixtures.iloSample != nil, "needs chromium (apt-get install chromium) and the sample"),
          arguments: ReportLanguage.allCases)
    func sampleReport(language: ReportLanguage) throws {
        let folder = try Fixtures.temporaryFolder()
        let summary = try runOutputs(OutputsOptions(
            framework: Fixtures.defaultFramework, inputs: [try #require(Fixtures.iloSample)], outputDirectory: folder,
            formats: [.html], language: language))
        let page = try #require(summary.written.first)
        let url = URL(fileURLWithPath: page).absoluteString

        let dom = try Browser.headless(["--dump-dom", url])
        #expect(dom.status == 0, "\(dom.standardError)")
        #expect(dom.standardOutput.contains("<svg"), "the charts are in the rendered page")
        #expect(dom.standardOutput.contains("XM-DAC-41302-VNM151"))
        #expect(dom.standardOutput.contains(language == .vi ? "Chính phủ Úc" : "Government of Australia"))
        #expect(dom.standardOutput.contains("lang=\"\(language.rawValue)\""))
        let consoleErrors = Browser.consoleErrors(dom)
        #expect(consoleErrors.isEmpty, "\(consoleErrors)")
        #expect(!dom.standardError.contains("net::ERR_"), "the page loads nothing from outside: \(dom.standardError)")

        // The committed screenshots are refreshed with IATIX_UPDATE_SCREENSHOT=1.
        let update = ProcessInfo.processInfo.environment["IATIX_UPDATE_SCREENSHOT"] == "1"
        let name = "cooperation-outputs-report-\(language.rawValue).png"
        let screenshot = update ? Fixtures.path("samples/framework/" + name) : folder + "/" + name
        let shot = try Browser.headless(["--hide-scrollbars", "--window-size=1280,2000", "--screenshot=\(screenshot)", url])
        #expect(shot.status == 0, "\(shot.standardError)")
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.count > 10_000)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "a PNG file")
    }
}
