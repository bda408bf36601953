import Foundation
import Testing
import TestSupport

/// The API as its description promises it (schemathesis against the running server), and the
/// page as a person uses it (headless Chromium).
@Suite("iatix serve: the OpenAPI contract and the web page", .serialized)
struct ServeContractTests {
    /// schemathesis's command (`st`, PyPI: schemathesis), when installed.
    static let schemathesis = Command.which("st") ?? Command.which("schemathesis")

    @Test("the served OpenAPI document is the committed schemas/openapi.yaml, and iatix serve --openapi prints it")
    func documentIsCommitted() throws {
        let committed = try String(contentsOfFile: Reference.packageRoot + "/schemas/openapi.yaml", encoding: .utf8)
        #expect(try Command.iatix(["serve", "--openapi"]).standardOutput == committed)
        #expect(committed.hasPrefix("openapi: 3.1.0"))
        // Every table flatten writes is a documented choice of table=.
        let tables = try Command.iatix(["flatten", "--describe", "json"]).standardOutput
        let described = try #require(try JSONSerialization.jsonObject(with: Data(tables.utf8)) as? [String: Any])
        let names = try #require(described["tables"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(names.count > 10)
        for name in names {
            #expect(committed.contains(" \(name),") || committed.contains(" \(name)]"), "table \(name) is not in the document")
        }
    }

    @Test("schemathesis finds no failure against the running server", .enabled(if: schemathesis != nil, "schemathesis (pip install schemathesis) is not installed: skipped"))
    func schemathesisFindsNothing() throws {
        let server = try RunningServer(["--framework", Reference.sample("framework/vn-ilo-dwcp-2022-2026.yaml")])
        let config = Reference.packageRoot + "/Tests/ServeTests/schemathesis.toml"
        // schemathesis keeps a cache in the folder it runs in: a temporary one, not the package.
        let folder = try TemporaryFolder()
        let run = try Command.run(
            Self.schemathesis ?? "st",
            ["--config-file", config, "run", server.url("/openapi.yaml"), "--checks", "all", "--max-examples", "40", "--seed", "1", "--no-color"],
            directory: folder.path)
        #expect(run.status == 0, "\(run.standardOutput.suffix(4000))")
        #expect(run.standardOutput.contains("Tested: 9"))
    }

    @Test(
        "the page: choose a file, validate it in Vietnamese, see the report, no console error",
        .enabled(if: Browser.chromium != nil, "Chromium is not installed (apt-get install chromium): skipped"))
    func page() throws {
        let folder = try TemporaryFolder()
        let result = try Self.usePage("/?lang=vi", file: Reference.sample("broken-activities.xml"), action: "validate", language: "vi", screenshot: folder.file("page.png"))
        #expect(result["reportShown"] as? Bool == true, "\(result)")
        #expect(result["frameLang"] as? String == "vi")
        #expect((result["heading"] as? String)?.contains("IATI") == true)
        #expect((result["status"] as? String)?.contains("HTTP 422") == true)
        #expect((result["consoleErrors"] as? [String]) == [], "\(result)")
        #expect((try FileManager.default.attributesOfItem(atPath: folder.file("page.png"))[.size] as? Int ?? 0) > 10_000)
    }

    @Test(
        "the page in English: tables are downloaded, not shown",
        .enabled(if: Browser.chromium != nil, "Chromium is not installed (apt-get install chromium): skipped"))
    func pageDownload() throws {
        let folder = try TemporaryFolder()
        let result = try Self.usePage("/", file: Reference.sample("ilo-vietnam-activities.xml"), action: "tables", language: "en", screenshot: folder.file("page.png"))
        #expect((result["status"] as? String)?.hasPrefix("Downloaded activities.csv") == true, "\(result)")
        #expect((result["consoleErrors"] as? [String]) == [], "\(result)")
    }

    /// Opens the page of a new server at `path` in headless Chromium, chooses `file`, picks
    /// `action` and `language`, presses Start, and returns what page_check.py saw.
    private static func usePage(_ path: String, file: String, action: String, language: String, screenshot: String) throws -> [String: Any] {
        let server = try RunningServer()
        let run = try Command.run(
            "/usr/bin/python3",
            [
                Reference.packageRoot + "/Tests/ServeTests/page_check.py", Browser.chromium ?? "chromium", server.url(path),
                file, action, language, screenshot,
            ])
        #expect(run.status == 0, "\(run.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any], "\(run.standardOutput) \(run.standardError)")
    }
}
