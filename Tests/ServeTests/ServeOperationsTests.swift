import Foundation
import Testing
import TestSupport

/// How `iatix serve` protects itself and its users: keys, the size limit, the concurrency
/// limit, the time limit, bodies that stall, where it agrees to listen, and a clean stop.
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

    @Test("a body sent with Expect: 100-continue (curl asks it for bodies over 1 MB) is asked for at once, not after curl's wait")
    func expectContinue() throws {
        let server = try RunningServer()
        let result = try Command.run("/usr/bin/curl", [
            "-sS", "-v", "-o", "/dev/null", "-H", "Expect: 100-continue", "-H", "Content-Type: application/xml", "--data-binary", "@" + sample,
            server.url("/api/pub/validate"),
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("< HTTP/1.1 100 Continue"), "\(result.standardError)")
        #expect(!result.standardError.contains("Done waiting for 100-continue"), "\(result.standardError)")
        #expect(result.standardError.contains("< HTTP/1.1 200 OK"), "\(result.standardError)")
    }

    @Test(
        "an upload that stalls part-way is answered 504 at --time-limit and its place is free again at once; SIGTERM does not wait on it",
        arguments: ["/api/pub/validate", "/api/convert?to=jsonl"])
    func stalledUpload(path: String) throws {
        let server = try RunningServer(["--concurrency", "1", "--queue", "1", "--time-limit", "2"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sample))
        // As the tester's clients did: the headers and 1,000 bytes of the file, then nothing.
        let stalled = try (0..<2).map { _ in try RawConnection.stalling(server, path, bytes) }
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try Exchange.curl(server.url(path), upload: sample).status == 503, "the stalled uploads hold both places")
        let started = Date()
        for connection in stalled {
            let answer = connection.answer(within: 8)
            #expect(answer?.status == 504)
            #expect(answer?.json["code"] as? String == "time-limit")
        }
        #expect(Date().timeIntervalSince(started) < 5, "answered at the 2 s time limit")
        #expect(try Exchange.curl(server.url(path), upload: sample).status == 200)
        // One more stalls; SIGTERM lets it have its answer at the limit, then the server stops.
        let last = try RawConnection.stalling(server, path, bytes)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(server.stop(within: 8) == 0, "SIGTERM waited on a stalled upload")
        #expect(last.answer(within: 1)?.status == 504)
    }

    @Test("a body that sends nothing for --body-timeout seconds is answered 408; one that keeps coming, however slowly, is not")
    func bodyTimeout() throws {
        let server = try RunningServer(["--concurrency", "1", "--queue", "0", "--body-timeout", "1"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sample))
        let started = Date()
        let answer = try RawConnection.stalling(server, "/api/pub/validate", bytes).answer(within: 8)
        #expect(answer?.status == 408)
        #expect(answer?.json["code"] as? String == "body-timeout")
        #expect((answer?.json["error"] as? String)?.contains("--body-timeout") == true, "\(answer?.json ?? [:])")
        #expect(Date().timeIntervalSince(started) < 4)
        // Headers and no byte of the body at all: the same.
        let silent = try RawConnection(server.base)
        try silent.post("/api/convert", declaring: bytes.count, body: Data())
        #expect(silent.answer(within: 8)?.status == 408)
        #expect(try Exchange.curl(server.url("/api/pub/validate"), upload: sample).status == 200, "the place is free again")
        // 5,000 bytes every 0.1 s: about 2.4 s in all, never a second without bytes.
        let slow = try RawConnection(server.base)
        try slow.post("/api/pub/validate", declaring: bytes.count, body: Data())
        for start in stride(from: 0, to: bytes.count, by: 5000) {
            try slow.send(bytes[start..<min(start + 5000, bytes.count)])
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(slow.answer(within: 8)?.status == 200)
    }

    @Test("XML that is not well-formed in its first bytes is answered 400 while the client still sends, and when it stalls")
    func earlyFailureWithBodyStillComing() throws {
        let server = try RunningServer(["--concurrency", "1", "--queue", "0", "--body-timeout", "1"])
        let broken = Data("<iati-activities version=\"2.03\"><a></b>\n".utf8)
        let filler = Data(repeating: UInt8(ascii: " "), count: 1000)
        // Still sending: 1,000 bytes every 0.1 s.
        let sending = try RawConnection(server.base)
        let started = Date()
        try sending.post("/api/pub/validate", declaring: 200_000, body: broken)
        var answer: Exchange?
        for _ in 0..<50 where answer == nil {
            try sending.send(filler)
            answer = sending.answer(within: 0.1)
        }
        #expect(Date().timeIntervalSince(started) < 2, "answered as soon as the input failed")
        #expect(answer?.status == 400)
        #expect(answer?.text.contains("0.1.1") == true)
        // Stalled after those bytes: the same answer, once the body is given up on.
        let stalled = try RawConnection(server.base)
        try stalled.post("/api/pub/validate", declaring: 200_000, body: broken + filler)
        let late = stalled.answer(within: 8)
        #expect(late?.status == 400)
        #expect(late?.text.contains("0.1.1") == true)
        #expect(try Exchange.curl(server.url("/api/pub/validate"), upload: sample).status == 200)
    }

    @Test("bytes_in in the log and the request-body metric count the bytes received, not the length declared")
    func bytesReceived() throws {
        let server = try RunningServer()
        let size = try Data(contentsOf: URL(fileURLWithPath: sample)).count
        #expect(try Exchange.curl(server.url("/api/pub/validate"), upload: sample).status == 200)
        // One byte, declaring almost 100 GB: refused before its body is read.
        let liar = try RawConnection(server.base)
        try liar.post("/api/pub/validate", declaring: 99_999_999_999, body: Data("<".utf8))
        #expect(liar.answer(within: 8)?.status == 413)
        let metrics = try Exchange.curl(server.url("/metrics"), headers: []).text
        let line = metrics.split(separator: "\n").first { $0.hasPrefix("iatix_http_request_body_bytes_total") && $0.contains("/api/pub/validate") }
        #expect(line.map { $0.hasSuffix(" \(size)") } == true, "\(line ?? "no request-body metric")")
        Thread.sleep(forTimeInterval: 0.2)
        let logged = server.log.split(separator: "\n").filter { $0.contains("\"path\":\"/api/pub/validate\"") }
        let whole = logged.first { $0.contains("\"status\":\"200\"") }
        let refused = logged.first { $0.contains("\"status\":\"413\"") }
        #expect(whole?.contains("\"bytes_in\":\"\(size)\"") == true, "\(logged)")
        #expect(refused?.contains("\"bytes_in\":\"0\"") == true, "\(logged)")
    }

    @Test(
        "a large generated file streams through validate and convert in bounded memory, the results the command line's",
        .enabled(if: Reference.isAvailable, Reference.missing))
    func largeUploadStreams() throws {
        let folder = try TemporaryFolder()
        let big = try Self.generated24MB(in: folder)
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

    @Test(
        "a job that reads its upload from the workspace (flatten, outputs) stops at --time-limit: answered 504 then, not when it would have ended",
        .enabled(if: Reference.isAvailable, Reference.missing))
    func timeLimitStopsSpooledJobs() throws {
        let folder = try TemporaryFolder()
        let big = try Self.generated24MB(in: folder)
        // What the limit must cut short: the same work on the command line.
        let started = Date()
        let whole = try Command.run(Command.iatix, ["flatten", big, "--tables", "budget_splits", "--out", folder.file("whole"), "-q"])
        let wholeSeconds = Date().timeIntervalSince(started)
        try #require(whole.status == 0, "\(whole.standardError)")
        try #require(wholeSeconds > 2.5, "flatten took \(wholeSeconds) s (a release build?): too quick to outlive a 1 s limit, the test would prove nothing")

        let server = try RunningServer([
            "--concurrency", "1", "--time-limit", "1", "--framework", Reference.packageRoot + "/samples/framework/vn-ilo-dwcp-2022-2026.yaml",
        ])
        // A workbook and the outputs are written to the workspace and sent once complete: no
        // answer goes out while they run. (`Expect:` keeps curl from waiting a second for a
        // `100 Continue` before it sends the body.)
        for path in ["/api/flatten?table=budget_splits&format=xlsx", "/api/outputs"] {
            let asked = Date()
            let answer = try Exchange.curl(server.url(path), upload: big, extra: ["-H", "Expect:"])
            let seconds = Date().timeIntervalSince(asked)
            #expect(answer.status == 504, "\(path): \(answer.text)")
            #expect(answer.json["code"] as? String == "time-limit")
            // Stopped, the job discards what it wrote (a workbook is not finished and zipped).
            // Run to their end, the two take 6 s and 30 s here (debug build).
            #expect(seconds < min(3.5, 1 + wholeSeconds), "\(path) answered after \(seconds) s; the flatten to CSV takes \(wholeSeconds) s")
        }
        let metrics = try Exchange.curl(server.url("/metrics"), headers: []).text
        #expect(metrics.contains("iatix_jobs_running 0"), "a stopped job still holds its place")
    }

    @Test(
        "a client that closes the connection while its workbook is made stops the job: its place is free at once, the log says 499",
        .enabled(if: Reference.isAvailable, Reference.missing))
    func clientClosingStopsWorkspaceJob() throws {
        let folder = try TemporaryFolder()
        let big = try Self.generated24MB(in: folder)
        let server = try RunningServer(["--concurrency", "1", "--time-limit", "600"])
        // The client gives up after 2 s (curl's --max-time), once the upload is in: the
        // workbook of budget_splits of 24 MB takes half a minute and more in a debug build.
        let asked = Date()
        let answer = try Exchange.curl(
            server.url("/api/flatten?table=budget_splits&format=xlsx"), upload: big, extra: ["-H", "Expect:", "--max-time", "2"])
        #expect(answer.status == 0, "curl was to give up; it had the answer \(answer.status)")
        var free = false
        // Stopped, the job discards what it wrote: its place is free within a second or so.
        while !free && Date().timeIntervalSince(asked) < 4 {
            free = try Exchange.curl(server.url("/metrics"), headers: []).text.contains("iatix_jobs_running 0")
            if !free { Thread.sleep(forTimeInterval: 0.1) }
        }
        let seconds = Date().timeIntervalSince(asked)
        #expect(free, "the job still held its place \(seconds) s after the client left")
        let line = server.log.split(separator: "\n").first { $0.contains("\"path\":\"/api/flatten\"") }
        #expect(line?.contains("\"status\":\"499\"") == true, "\(line ?? "no log line of the job")")
        // The connection was watched to its end: the answer to a job that ran says so.
        let done = try Exchange.curl(server.url("/api/flatten?format=xlsx"), upload: sample)
        #expect(done.status == 200)
        #expect(done.headers["connection"] == "close")
        let streamed = try Exchange.curl(server.url("/api/flatten"), upload: sample)
        #expect(streamed.status == 200)
        #expect(streamed.headers["connection"] == nil, "a streamed answer keeps its connection")
    }

    /// A 24 MB file of real activities made by `gen_corpus.py` in `folder`.
    private static func generated24MB(in folder: TemporaryFolder) throws -> String {
        let big = folder.file("generated.xml")
        let generated = try Command.run(
            Command.which("python3") ?? "/usr/bin/python3",
            [Reference.path("../tools/gen_corpus.py"), Reference.path("real/v2"), "--size-mb", "24", "--seed", "3", "--out", big])
        try #require(generated.status == 0, "gen_corpus.py: \(generated.standardError)")
        return big
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
