import Foundation
import Testing
import TestSupport

/// `iatix validate --format html`: the page a ministry officer reads, in English and Vietnamese.
@Suite(.serialized) struct ValidateHTMLCLITests {
    static let broken = Reference.sample("broken-activities.xml")

    @Test(arguments: ["en", "vi"])
    func thePageGroupsFindingsByActivityAndShowsTheXMLAroundThem(language: String) throws {
        let folder = try TemporaryFolder()
        let page = folder.file("report.html")
        let result = try Command.iatix(["validate", Self.broken, Reference.sample("ilo-vietnam-activities.xml"), "--format", "html", "--lang", language, "-o", page])
        #expect(result.status == 1, "the broken sample has errors: \(result.standardError)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<html lang=\"\(language)\">"))
        #expect(html.contains(language == "vi" ? "Báo cáo kiểm tra dữ liệu IATI" : "IATI validation report"))
        #expect(html.contains(language == "vi" ? "không hợp lệ: có lỗi nghiêm trọng" : "not valid: critical findings"))
        #expect(html.contains(language == "vi" ? "hợp lệ: không có lỗi nghiêm trọng" : "valid: no critical finding"), "the ILO sample is valid")
        // A finding of the broken sample with its rule and the marked XML line (an element out of order, line 61).
        #expect(html.contains("XM-DAC-41302-VNM902"))
        #expect(html.contains("0.3.1"))
        #expect(html.contains("<mark>    61      &lt;activity-status code=&quot;2&quot;/&gt;</mark>"), "the line of the finding, marked")
        #expect(!html.contains("<script"), "no script")
    }

    @Test(.enabled(if: Browser.chromium != nil, "needs chromium (apt-get install chromium)"), arguments: ["en", "vi"])
    func thePageOpensInABrowserWithoutErrors(language: String) throws {
        let folder = try TemporaryFolder()
        let page = folder.file("report.html")
        // Run from the package, so that the page names the sample as a user would see it.
        _ = try Command.iatix(
            ["validate", "samples/broken-activities.xml", "--format", "html", "--lang", language, "-o", page], directory: Reference.packageRoot)
        let url = URL(fileURLWithPath: page).absoluteString
        let dom = try Browser.headless(["--dump-dom", url])
        #expect(dom.status == 0, "\(dom.standardError)")
        #expect(dom.standardOutput.contains("XM-DAC-41302-VNM903"))
        #expect(Browser.consoleErrors(dom).isEmpty, "\(Browser.consoleErrors(dom))")
        #expect(!dom.standardError.contains("net::ERR_"), "the page loads nothing from outside")
        // The committed screenshots are refreshed with IATIX_UPDATE_SCREENSHOT=1.
        let update = ProcessInfo.processInfo.environment["IATIX_UPDATE_SCREENSHOT"] == "1"
        let screenshot = update ? Reference.sample("validation-report-\(language).png") : folder.file("report.png")
        let shot = try Browser.headless(["--hide-scrollbars", "--window-size=1200,1600", "--screenshot=\(screenshot)", url])
        #expect(shot.status == 0, "\(shot.standardError)")
        #expect(FileManager.default.fileExists(atPath: screenshot))
    }
}
