import Foundation
import TestSupport

/// `iatix serve` started by a test on a free local port (`--port 0`), its log (standard
/// error) in a file, stopped with SIGTERM when the value is released.
final class RunningServer: @unchecked Sendable {
    let process = Process()
    let folder: TemporaryFolder
    /// `http://127.0.0.1:PORT`.
    private(set) var base = ""

    enum Failure: Error, CustomStringConvertible {
        case didNotStart(String)
        var description: String {
            switch self {
            case .didNotStart(let log): "the server did not start: \(log)"
            }
        }
    }

    init(_ arguments: [String] = []) throws {
        folder = try TemporaryFolder()
        let log = folder.file("server.log")
        try Data().write(to: URL(fileURLWithPath: log))
        process.executableURL = URL(fileURLWithPath: Command.iatix)
        process.arguments = ["serve", "--port", "0"] + arguments
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        // A temporary folder of its own, so that a test can see what the server leaves there.
        try FileManager.default.createDirectory(atPath: temporaryFolder, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = temporaryFolder
        process.environment = environment
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = self.log
            if let range = text.range(of: "iatix serve: listening on ") {
                base = String(text[range.upperBound...].prefix { !$0.isWhitespace })
                return
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw Failure.didNotStart(self.log)
    }

    /// The server's `TMPDIR`.
    var temporaryFolder: String { folder.file("tmp") }

    /// What the server wrote to standard error so far.
    var log: String { (try? String(contentsOfFile: folder.file("server.log"), encoding: .utf8)) ?? "" }

    func url(_ path: String) -> String { base + path }

    /// The server's resident memory at its peak (VmHWM), in MiB.
    var peakMemoryMiB: Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "").map { $0 / 1024 }
    }

    /// Sends SIGTERM and waits for the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    /// Sends SIGTERM and waits at most `seconds` for the exit status; `nil` when the server
    /// had not stopped by then (it is killed, so that no test waits on it).
    func stop(within seconds: Double) -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return nil
    }

    deinit { stop() }
}

/// An HTTP exchange made with curl, as a client of the API would.
struct Exchange {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The JSON body as a dictionary (empty when it is not one).
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }

    /// `curl` with these arguments and the URL; `upload` is sent as the body (`--data-binary`).
    static func curl(_ url: String, method: String? = nil, upload: String? = nil, headers: [String] = ["Content-Type: application/xml"], extra: [String] = []) throws -> Exchange {
        let folder = try TemporaryFolder()
        var arguments = ["-sS", "-o", folder.file("body"), "-D", folder.file("headers"), "-w", "%{http_code}"]
        if let method { arguments += ["-X", method] }
        if let upload { arguments += ["--data-binary", "@" + upload] }
        for header in headers { arguments += ["-H", header] }
        let result = try Command.run("/usr/bin/curl", arguments + extra + [url])
        let headerText = (try? String(contentsOfFile: folder.file("headers"), encoding: .utf8)) ?? ""
        return Exchange(
            status: Int(result.standardOutput) ?? 0, headers: headerFields(headerText.split(whereSeparator: \.isNewline)),
            body: FileManager.default.contents(atPath: folder.file("body")) ?? Data())
    }

    /// The header fields of `lines` (`Name: value`; other lines left out), names in lower case.
    static func headerFields(_ lines: [some StringProtocol]) -> [String: String] {
        var fields: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }
}
