import Foundation

/// The result of running a program.
struct ToolResult {
    var status: Int32
    var output: String
    var errors: String
}

/// The built `iatix` binary and other programs, run from the tests.
enum BatchTool {
    /// `iatix` beside the test bundle (the test target depends on the executable, so SwiftPM
    /// builds it), or `$IATIX_BINARY`, or a debug build under the package.
    static let iatix: String? = {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let binary = environment["IATIX_BINARY"] { candidates.append(binary) }
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        candidates += [bundle.appendingPathComponent("iatix").path, bundle.deletingLastPathComponent().appendingPathComponent("iatix").path]
        let builds = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.packageRoot))?.filter { $0.hasPrefix(".build") }.sorted() ?? []
        for build in builds { candidates.append("\(Fixtures.packageRoot)/\(build)/debug/iatix") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs `iatix` and waits.
    static func iatix(_ arguments: [String], in directory: String) throws -> ToolResult {
        guard let iatix else { throw FixtureError("the iatix binary was not found; build it first") }
        return try run(iatix, arguments, in: directory)
    }

    /// Starts `iatix` without waiting (for tests that interrupt it).
    static func start(_ arguments: [String], in directory: String) throws -> Process {
        guard let iatix else { throw FixtureError("the iatix binary was not found; build it first") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: iatix)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs a program and collects its output.
    static func run(_ executable: String, _ arguments: [String], in directory: String) throws -> ToolResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        // Files, not pipes: no deadlock whatever the amount of output.
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("batchtests-\(UUID().uuidString).out")
        let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("batchtests-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: outputPath.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outputPath)
            try? FileManager.default.removeItem(at: errorPath)
        }
        let output = try FileHandle(forWritingTo: outputPath)
        let errors = try FileHandle(forWritingTo: errorPath)
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try output.close()
        try errors.close()
        return ToolResult(
            status: process.terminationStatus,
            output: (try? String(contentsOf: outputPath, encoding: .utf8)) ?? "",
            errors: (try? String(contentsOf: errorPath, encoding: .utf8)) ?? "")
    }

    /// Finds a program on the PATH.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
