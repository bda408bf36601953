import Foundation
import Testing
import TestSupport

/// How `iatix serve` protects itself and its users: keys, the size limit, the concurrency
/// limit, the time limit, where it agrees to listen, and a clean stop.
@Suite("iatix serve: access, limits and stopping", .serialized)
struct ServeOperationsTests {
    let sample = Reference.sample("ilo-vietnam-activities.xml")

    @Test("with --api-keys every /api/ call needs one of the keys; the page and health checks do not")
    func keys() throws {
        let folder = try TemporaryFolder()
        let key = "k3y-for-the-ministry-0123456789abcdef"
        let keys = try folder.write("keys", "# iatix keys\n\n\(key)\nsecond-key-for-the-ilo-system-4567\n")
        let server = try RunningServer(["--api-keys", keys])
        let none = try Exchange.curl(server.url("/api/pub/validate"), upload: sample)
        #expect(none.status == 401)
        #expect(none.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        #expect((none.json["error"] as? String)?.contains("Authorization: Bearer") == true)
        let wrong = try Exchange.curl(server.url("/api/pub/validate"), upload: sample, headers: ["Content-Type: application/xml", "Authorization: Bearer \(key)x"])
        #expect(wrong.status == 401)
        let right = try Exchange.curl(server.url("/api/pub/validate"), upload: sample, headers: ["Content-Type: application/xml", "Authorization: Bearer \(key)"])
        #expect(right.status == 200)
        #expect(try Exchange.curl(server.url("/api/pub/version"), headers: ["Authorization: Bearer second-key-for-the-ilo-system-4567"]).status == 200)
        #expect(try Exchange.curl(server.url("/healthz"), headers: []).status == 200)
        #expect(try Exchange.curl(server.url("/"), headers: []).text.contains("id=\"key\""))
    }

    @Test("without keys the server refuses to listen beyond loopback, and says why; a short key is refused")
    func publicAddress() throws {
        let run = try Command.iatix(["serve", "--host", "0.0.0.0", "--port", "0"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("without API keys") && run.standardError.contains("--api-keys"))
        let folder = try TemporaryFolder()
        let short = try Command.iatix(["serve", "--port", "0", "--api-keys", try folder.write("keys", "secret\n")])
        #expect(short.status == 2)
        #expect(short.standardError.contains("keys:1: a key must be at least 16 characters"))
    }

    @Test("a body over --max-body is answered 413, declared or streamed")
    func tooLarge() throws {
        let server = try RunningServer(["--max-body", "64K"])
        let declared = try Exchange.curl(server.url("/api/pub/validate"), upload: sample)
        #expect(declared.status == 413)
        #expect((declared.json["error"] as? String)?.contains("64 KiB") == true)
        let streamed = try Exchange.curl(
            server.url("/api/pub/validate"), upload: sample, headers: ["Content-Type: application/xml", "Transfer-Encoding: chunked"])
        #expect(streamed.status == 413, "a body sent without its length is cut at the limit")
        #expect(streamed.json["code"] as? String == "too-large")
        let small = try Exchange.curl(server.url("/api/pub/validate"), upload: Reference.sample("not-well-formed.xml"))
        #expect(small.status == 400)
    }

    @Test("beyond --concurrency and --queue a request is answered 503 with Retry-After; past --time-limit, 504")
    func busyAndTimeLimit() throws {
        let server = try RunningServer(["--concurrency", "1", "--queue", "0", "--time-limit", "2"])
        // A slow upload holds the only place: curl sends 4 KiB a second.
        let slow = Process()
        slow.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        let folder = try TemporaryFolder()
        slow.arguments = [
            "-sS", "-o", folder.file("slow"), "-w", "%{http_code}", "--limit-rate", "4K", "--data-binary", "@" + sample,
            "-H", "Content-Type: application/xml", server.url("/api/pub/validate"),
        ]
        let status = Pipe()
        slow.standardOutput = status
        try slow.run()
        Thread.sleep(forTimeInterval: 0.5)
        let busy = try Exchange.curl(server.url("/api/pub/validate"), upload: sample)
        #expect(busy.status == 503)
        #expect(busy.headers["retry-after"] == "2")
        #expect(busy.json["code"] as? String == "busy")
        slow.waitUntilExit()
        let slowStatus = String(decoding: status.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(slowStatus == "504", "the slow upload outlived the 2 s time limit")
        #expect(FileManager.default.contents(atPath: folder.file("slow")).map { String(decoding: $0, as: UTF8.self).contains("time-limit") } == true)
        // The place is free again.
        #expect(try Exchange.curl(server.url("/api/pub/validate"), upload: sample).status == 200)
        let metrics = try Exchange.curl(server.url("/metrics"), headers: []).text
        #expect(metrics.contains("iatix_requests_rejected_total 1"))
    }

    @Test(
        "a large generated file streams through validate and convert in bounded memory, the results the command line's",
        .enabled(if: Reference.isAvailable, Reference.missing))
    func largeUploadStreams() throws {
        let folder = try TemporaryFolder()
        let big = folder.file("generated.xml")
        let generated = try Command.run(
            Command.which("python3") ?? "/usr/bin/python3",
            [Reference.path("../tools/gen_corpus.py"), Reference.path("real/v2"), "--size-mb", "24", "--seed", "3", "--out", big])
        try #require(generated.status == 0, "gen_corpus.py: \(generated.standardError)")
        let server = try RunningServer()
        let validated = try Exchange.curl(server.url("/api/pub/validate"), upload: big, extra: ["-o", "/dev/null"])
        #expect(validated.status == 200 || validated.status == 422)
        let converted = try Command.run(
            "/bin/sh", ["-c", "curl -sS --data-binary @'\(big)' -H 'Content-Type: application/xml' '\(server.url("/api/convert?to=jsonl"))' | sha256sum"])
        let expected = try Command.run("/bin/sh", ["-c", "'\(Command.iatix)' convert '\(big)' --to jsonl -q | sha256sum"])
        #expect(converted.standardOutput == expected.standardOutput)
        let peak = try #require(server.peakMemoryMiB)
        #expect(peak < 150, "the server's peak memory was \(peak) MiB for a 24 MB body")
    }

    @Test("SIGTERM stops the server cleanly (exit status 0) and removes its temporary folders")
    func stopping() throws {
        let server = try RunningServer()
        #expect(try Exchange.curl(server.url("/api/flatten"), upload: sample).status == 200)
        #expect(try Exchange.curl(server.url("/api/flatten?format=xlsx"), upload: sample).status == 200)
        #expect(try Exchange.curl(server.url("/api/validate?format=html"), upload: sample).status == 200)
        Thread.sleep(forTimeInterval: 0.2)
        let left = try FileManager.default.contentsOfDirectory(atPath: server.temporaryFolder)
        #expect(left.isEmpty, "temporary files left: \(left)")
        #expect(server.stop() == 0)
    }
}
