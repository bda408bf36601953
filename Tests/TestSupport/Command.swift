public import Foundation

/// The result of running a program.
public struct CommandResult: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

/// Running programs from tests: the built `iatix`, and reference tools (`xmllint`, `python3`).
public enum Command {
    /// The `iatix` executable built beside the test bundle (SwiftPM builds it for the tests
    /// that depend on it).
    public static let iatix: String = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        var candidates = [bundle.path + "/iatix", bundle.deletingLastPathComponent().path + "/iatix"]
        for build in [".build/debug", ".build/release"] { candidates.append(Reference.packageRoot + "/" + build + "/iatix") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    /// Runs `iatix` with arguments and optional standard input.
    public static func iatix(_ arguments: [String], input: Data? = nil, directory: String? = nil) throws -> CommandResult {
        try run(iatix, arguments, input: input, directory: directory)
    }

    /// Whether an executable is on the PATH.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a program and collects its output; `environment` is added to this process's own.
    public static func run(
        _ executable: String, _ arguments: [String], input: Data? = nil, directory: String? = nil, environment: [String: String] = [:]
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe()
        let error = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(input) }
        try inputPipe.fileHandleForWriting.close()
        // Read standard error on another thread so that a full pipe never blocks the child.
        let errorBox = DataBox()
        let errorHandle = error.fileHandleForReading
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorBox.data = errorHandle.readDataToEndOfFile()
            done.signal()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        let errorData = errorBox.data
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}

/// Checks with the official tools.
public enum ReferenceTools {
    /// Validates files against an XSD with `xmllint`; returns the files that fail, with the
    /// error lines. `nil` when xmllint is not installed.
    public static func xsdFailures(_ files: [String], schema: String) throws -> [String: String]? {
        guard let xmllint = Command.which("xmllint"), !files.isEmpty else { return files.isEmpty ? [:] : nil }
        var failures: [String: String] = [:]
        for chunk in stride(from: 0, to: files.count, by: 200).map({ Array(files[$0..<min($0 + 200, files.count)]) }) {
            let result = try Command.run(xmllint, ["--noout", "--schema", schema] + chunk)
            for file in chunk where !result.standardError.contains("\(file) validates") {
                failures[file] = result.standardError.split(separator: "\n").filter { $0.hasPrefix(file) }.prefix(3).joined(separator: "\n")
            }
        }
        return failures
    }

    /// Validates JSON files (or JSON Lines files, each line) against a JSON Schema with Python's
    /// `jsonschema` (draft 2020-12). Returns failure messages; `nil` when it is not installed.
    public static func jsonSchemaFailures(_ files: [String], schema: String, lines: Bool = false) throws -> [String]? {
        guard let python = Command.which("python3") else { return nil }
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                print("NO-JSONSCHEMA"); sys.exit(0)
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            lines = sys.argv[2] == "lines"
            for path in sys.argv[3:]:
                docs = [json.loads(l) for l in open(path) if l.strip()] if lines else [json.load(open(path))]
                for i, doc in enumerate(docs):
                    for e in validator.iter_errors(doc):
                        print(f"{path}[{i}] {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")
            """
        let result = try Command.run(python, ["-c", script, schema, lines ? "lines" : "document"] + files)
        if result.standardOutput.contains("NO-JSONSCHEMA") { return nil }
        if result.status != 0 { return ["python jsonschema failed: \(result.standardError.suffix(500))"] }
        return result.standardOutput.split(separator: "\n").map(String.init)
    }
}

/// Data handed from a reading thread to the caller, who reads it only after the thread is done.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
