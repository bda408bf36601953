import Foundation
import Testing
import TestSupport

/// Each endpoint of `iatix serve`, end to end: the built binary on a free local port, called
/// with curl on the samples and on bad input, answers compared with the command line's.
@Suite("iatix serve: endpoints", .serialized)
final class ServeEndpointTests {
    let server: RunningServer
    let sample = Reference.sample("ilo-vietnam-activities.xml")

    init() throws {
        server = try RunningServer(["--framework", Reference.sample("framework/vn-ilo-dwcp-2022-2026.yaml")])
    }

    /// What `iatix validate - --format json` writes for `file` read from standard input.
    private func cliReport(_ file: String, _ extra: [String] = []) throws -> String {
        let data = try #require(FileManager.default.contents(atPath: file))
        return try Command.iatix(["validate", "-", "--format", "json", "--fail-on", "never"] + extra, input: data).standardOutput
    }

    @Test("the official validator's API: the report iatix validate writes, with the official status codes")
    func officialValidate() throws {
        let cases: [(String, Int, String?)] = [
            (sample, 200, nil),
            (Reference.sample("versions/ilo-vietnam-2.01.xml"), 200, nil),
            (Reference.sample("broken-activities.xml"), 422, "0.3.1"),
            (Reference.sample("versions/ilo-vietnam-1.05.xml"), 422, "0.6.1"),
            (Reference.sample("not-well-formed.xml"), 400, "0.1.1"),
        ]
        for (file, status, id) in cases {
            let answer = try Exchange.curl(server.url("/api/pub/validate"), upload: file)
            #expect(answer.status == status, "\(file)")
            #expect(answer.headers["content-type"]?.hasPrefix("application/json") == true)
            #expect(answer.text == (try cliReport(file)), "\(file): the body differs from iatix validate --format json")
            if let id { #expect(answer.text.contains("\"id\": \"\(id)\"")) }
        }
    }

    @Test("group=false gives the findings as one flat list, each with its identifier; unknown parameters are refused")
    func officialParameters() throws {
        let flat = try Exchange.curl(server.url("/api/pub/validate?group=false&details=true&meta=true"), upload: Reference.sample("broken-activities.xml"))
        #expect(flat.status == 422)
        let errors = try #require(flat.json["errors"] as? [[String: Any]])
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0["identifier"] is String && $0["id"] is String && $0["errors"] == nil })
        // details=true: the official details object on each finding, as validate --details writes it.
        let broken = Reference.sample("broken-activities.xml")
        let detailed = try Exchange.curl(server.url("/api/pub/validate?details=true"), upload: broken)
        #expect(detailed.text == (try cliReport(broken, ["--details"])), "the body differs from iatix validate --format json --details")
        #expect(detailed.text.contains("\"details\": "))
        #expect(!(try Exchange.curl(server.url("/api/pub/validate"), upload: broken)).text.contains("\"details\": "))
        let unknown = try Exchange.curl(server.url("/api/pub/validate?colour=red"), upload: sample)
        #expect(unknown.status == 400)
        #expect(unknown.json["code"] as? String == "unknown-parameter")
    }

    @Test("bad bodies: empty, a PDF, HTML pages, XML that is not IATI", arguments: [
        ("empty", "", 400, "empty-body"),
        ("pdf", "%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", 400, "0.1.1"),
        ("html", "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", 400, "0.1.1"),
        ("xhtml", "<!DOCTYPE html><html><head><title>Sign in</title></head><body><p>Please sign in</p></body></html>", 422, "0.2.1"),
        ("not IATI", "<?xml version=\"1.0\"?><data><row>1</row></data>", 422, "0.2.1"),
    ])
    func badBodies(_ name: String, _ body: String, _ status: Int, _ code: String) throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("body", body)
        let answer = try Exchange.curl(server.url("/api/pub/validate"), upload: file)
        #expect(answer.status == status, "\(name)")
        #expect(answer.text.contains(code), "\(name): \(answer.text)")
        if !body.isEmpty {
            #expect(answer.text == (try cliReport(file)), "\(name): the body differs from iatix validate --format json")
        }
    }

    @Test("a form upload and an unknown encoding are refused with 415, saying what to send")
    func mediaTypes() throws {
        let form = try Exchange.curl(server.url("/api/pub/validate"), upload: sample, headers: ["Content-Type: application/x-www-form-urlencoded"])
        #expect(form.status == 415)
        #expect((form.json["error"] as? String)?.contains("--data-binary") == true)
        let brotli = try Exchange.curl(server.url("/api/convert"), upload: sample, headers: ["Content-Type: application/xml", "Content-Encoding: br"])
        #expect(brotli.status == 415)
        #expect(brotli.json["code"] as? String == "unsupported-encoding")
    }

    @Test("a gzip-compressed body gives the same answers as the plain one")
    func gzipBodies() throws {
        let folder = try TemporaryFolder()
        let compressed = folder.file("sample.xml.gz")
        let gzip = try Command.run("/bin/sh", ["-c", "gzip -c '\(sample)' > '\(compressed)'"])
        #expect(gzip.status == 0)
        let plain = try Exchange.curl(server.url("/api/pub/validate"), upload: sample)
        let zipped = try Exchange.curl(server.url("/api/pub/validate"), upload: compressed, headers: ["Content-Type: application/xml", "Content-Encoding: gzip"])
        #expect(zipped.status == 200)
        #expect(zipped.body == plain.body)
        let converted = try Exchange.curl(server.url("/api/convert?to=jsonl"), upload: compressed, headers: ["Content-Type: application/gzip"])
        #expect(converted.status == 200)
        #expect(converted.text == (try Command.iatix(["convert", sample, "--to", "jsonl", "-q"]).standardOutput))
    }

    @Test("/api/validate: every report format, in English and Vietnamese")
    func ownValidate() throws {
        let broken = Reference.sample("broken-activities.xml")
        for (format, type) in [("html", "text/html"), ("sarif", "application/sarif+json"), ("junit", "application/xml"), ("text", "text/plain")] {
            for lang in ["en", "vi"] {
                let answer = try Exchange.curl(server.url("/api/validate?format=\(format)&lang=\(lang)&name=broken-activities.xml"), upload: broken)
                #expect(answer.status == 422)
                #expect(answer.headers["content-type"]?.hasPrefix(type) == true)
                let cli = try Command.iatix(
                    ["validate", "broken-activities.xml", "--format", format, "--lang", lang, "--fail-on", "never"], directory: Reference.sample(""))
                #expect(answer.text == cli.standardOutput, "\(format) \(lang): differs from iatix validate")
                if format == "html" { #expect(answer.text.contains(lang == "vi" ? "lang=\"vi\"" : "lang=\"en\"")) }
            }
        }
        let wrong = try Exchange.curl(server.url("/api/validate?format=pdf"), upload: broken)
        #expect(wrong.status == 400)
        #expect((wrong.json["error"] as? String)?.contains("json") == true)
    }

    @Test("/api/convert streams what iatix convert writes; an unreadable input is a JSON error with the official id")
    func convert() throws {
        for format in ["json", "jsonl", "xml"] {
            let answer = try Exchange.curl(server.url("/api/convert?to=\(format)"), upload: sample)
            #expect(answer.status == 200)
            let cli = try Command.iatix(["convert", "-", "--to", format, "-q"], input: try Data(contentsOf: URL(fileURLWithPath: sample)))
            #expect(answer.text == cli.standardOutput, "\(format)")
        }
        let broken = try Exchange.curl(server.url("/api/convert"), upload: Reference.sample("not-well-formed.xml"))
        #expect(broken.status == 400)
        #expect(broken.json["id"] as? String == "0.1.1")
        #expect(broken.json["line"] is Int)
        let folder = try TemporaryFolder()
        let notIATI = try Exchange.curl(server.url("/api/convert"), upload: try folder.write("a.xml", "<data/>"))
        #expect(notIATI.status == 422)
        #expect(notIATI.json["id"] as? String == "0.2.1")
    }

    @Test("/api/flatten gives the table iatix flatten writes, named as the client named the file")
    func flatten() throws {
        let folder = try TemporaryFolder()
        let run = try Command.iatix(["flatten", "ilo-vietnam-activities.xml", "--out", folder.path, "-q"], directory: Reference.sample(""))
        #expect(run.status == 0, "\(run.standardError)")
        for table in ["activities", "transactions", "budget_splits", "narratives"] {
            let answer = try Exchange.curl(server.url("/api/flatten?table=\(table)&name=ilo-vietnam-activities.xml"), upload: sample)
            #expect(answer.status == 200)
            #expect(answer.headers["content-type"]?.hasPrefix("text/csv") == true)
            #expect(answer.body == FileManager.default.contents(atPath: folder.file("\(table).csv")), "\(table)")
        }
        let xlsx = try Exchange.curl(server.url("/api/flatten?table=budgets&format=xlsx"), upload: sample)
        #expect(xlsx.status == 200)
        #expect(xlsx.body.prefix(2) == Data("PK".utf8))
        let unknown = try Exchange.curl(server.url("/api/flatten?table=people"), upload: sample)
        #expect(unknown.status == 400)
        #expect((unknown.json["error"] as? String)?.contains("transactions") == true)
        let notIATI = try Exchange.curl(server.url("/api/flatten?name=partner.xml"), upload: try folder.write("b.xml", "<data/>"))
        #expect(notIATI.status == 422)
        let message = try #require(notIATI.json["error"] as? String)
        #expect(message.contains("partner.xml") && !message.contains("iatix-serve-"), "\(message)")
        // A file cut off part-way: its rows are not sent as if they were the whole table.
        let whole = try #require(FileManager.default.contents(atPath: sample))
        let truncated = folder.file("cut.xml")
        try whole.prefix(whole.count * 3 / 5).write(to: URL(fileURLWithPath: truncated))
        for format in ["csv", "jsonl", "xlsx"] {
            let cut = try Exchange.curl(server.url("/api/flatten?table=transactions&format=\(format)&name=cut.xml"), upload: truncated)
            #expect(cut.status == 422, "\(format)")
            #expect(cut.json["line"] is Int, "\(format): \(cut.text)")
            #expect((cut.json["error"] as? String)?.hasPrefix("cut.xml") == true, "\(format): \(cut.text)")
        }
    }

    @Test("/api/outputs maps the activities onto the framework, in English or Vietnamese")
    func outputs() throws {
        let json = try Exchange.curl(server.url("/api/outputs"), upload: sample)
        #expect(json.status == 200)
        #expect(!json.json.isEmpty)
        let html = try Exchange.curl(server.url("/api/outputs?format=html&lang=vi"), upload: sample)
        #expect(html.status == 200)
        #expect(html.text.contains("lang=\"vi\""))
        let bare = try RunningServer()
        let none = try Exchange.curl(bare.url("/api/outputs"), upload: sample)
        #expect(none.status == 404)
        #expect((none.json["error"] as? String)?.contains("--framework") == true)
    }

    @Test("--org-id-prefixes gives the server the prefix list validate uses")
    func organisationPrefixes() throws {
        let folder = try TemporaryFolder()
        // The sample's identifiers start with XM-DAC: a list without it makes their prefixes unknown.
        let prefixes = try folder.write("prefixes.txt", "GB-COH\n")
        let server = try RunningServer(["--org-id-prefixes", prefixes])
        let answer = try Exchange.curl(server.url("/api/pub/validate"), upload: sample)
        #expect(answer.status == 200)
        #expect(answer.text == (try cliReport(sample, ["--org-id-prefixes", prefixes])))
        #expect(answer.text.contains("\"1.14.8\""))
        #expect(!(try cliReport(sample)).contains("\"1.14.8\""))
    }

    @Test("operations: version, health, metrics, request ids, the OpenAPI document, 404 and 405 as JSON")
    func operations() throws {
        let version = try Exchange.curl(server.url("/api/pub/version"), headers: [])
        #expect(version.status == 200)
        #expect(version.text == (try Command.iatix(["--version"]).standardOutput.split(separator: " ").first.map(String.init)))
        #expect(try Exchange.curl(server.url("/healthz"), headers: []).json["status"] as? String == "ok")
        _ = try Exchange.curl(server.url("/api/pub/validate"), upload: Reference.sample("broken-activities.xml"))
        let metrics = try Exchange.curl(server.url("/metrics"), headers: []).text
        #expect(metrics.contains("iatix_http_requests_total{route=\"/api/pub/validate\",method=\"POST\",status=\"422\"}"))
        #expect(metrics.contains("iatix_validation_findings_total{severity=\"critical\"}"))
        #expect(metrics.contains("iatix_http_request_duration_seconds_bucket"))
        let document = try Exchange.curl(server.url("/openapi.yaml"), headers: [])
        #expect(document.body == FileManager.default.contents(atPath: Reference.packageRoot + "/schemas/openapi.yaml"))
        let missing = try Exchange.curl(server.url("/api/nothing"), headers: [])
        #expect(missing.status == 404)
        #expect(missing.json["code"] as? String == "not-found")
        #expect(missing.headers["x-request-id"] == missing.json["requestId"] as? String)
        let wrongMethod = try Exchange.curl(server.url("/api/convert"), headers: [])
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["allow"] == "POST")
        #expect(server.log.contains("\"path\":\"/api/pub/validate\"") && server.log.contains("\"hb.request.id\""))
    }
}
