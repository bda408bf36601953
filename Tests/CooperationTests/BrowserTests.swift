import IATI
import Cooperation
import Foundation
import Testing

/// The headless browser, `nil` when none is installed (Debian: `apt-get install chromium`).
private let chromium: String? = {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + ["/usr/bin"]
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let found = paths.map({ "\($0)/\(name)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return found
        }
    }
    return nil
}()

/// Runs the browser headless with these arguments and a fresh profile; returns status,
/// standard output and standard error.
private func headless(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
    let profile = try Fixtures.temporaryFolder()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium ?? "/usr/bin/chromium")
    process.arguments = [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage",
        "--user-data-dir=\(profile)", "--enable-logging=stderr", "--v=0",
    ] + arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
}

@Suite("HTML report in a headless browser", .serialized)
struct BrowserTests {
    @Test("the sample report renders without errors in each language; its screenshot is written",
          .enabled(if: chromium != nil && Fixtures.iloSample != nil, "needs chromium (apt-get install chromium) and the sample"),
          arguments: ReportLanguage.allCases)
    func sampleReport(language: ReportLanguage) throws {
        let folder = try Fixtures.temporaryFolder()
        let summary = try runOutputs(OutputsOptions(
            framework: Fixtures.defaultFramework, inputs: [try #require(Fixtures.iloSample)], outputDirectory: folder,
            formats: [.html], language: language))
        let page = try #require(summary.written.first)
        let url = URL(fileURLWithPath: page).absoluteString

        let dom = try headless(["--dump-dom", url])
        #expect(dom.status == 0, "\(dom.errors)")
        #expect(dom.output.contains("<svg"), "the charts are in the rendered page")
        #expect(dom.output.contains("XM-DAC-41302-VNM151"))
        #expect(dom.output.contains(language == .vi ? "Chính phủ Úc" : "Government of Australia"))
        #expect(dom.output.contains("lang=\"\(language.rawValue)\""))
        let consoleErrors = dom.errors.split(separator: "\n").filter { $0.contains("CONSOLE") && $0.contains("ERROR") }
        #expect(consoleErrors.isEmpty, "\(consoleErrors)")
        #expect(!dom.errors.contains("net::ERR_"), "the page loads nothing from outside: \(dom.errors)")

        // The committed screenshots are refreshed with IATIX_UPDATE_SCREENSHOT=1.
        let update = ProcessInfo.processInfo.environment["IATIX_UPDATE_SCREENSHOT"] == "1"
        let name = "cooperation-outputs-report-\(language.rawValue).png"
        let screenshot = update ? Fixtures.path("samples/framework/" + name) : folder + "/" + name
        let shot = try headless(["--hide-scrollbars", "--window-size=1280,2000", "--screenshot=\(screenshot)", url])
        #expect(shot.status == 0, "\(shot.errors)")
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.count > 10_000)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "a PNG file")
    }
}
