import Foundation

/// Checks of written outputs against the project's schemas with outside tools: Python's
/// `jsonschema` for `schemas/cooperation-outputs.schema.json`, `xmllint` for
/// `schemas/cooperation-outputs.xsd`.
enum SchemaCheck {
    /// Runs a program found on PATH; `nil` when it is not installed.
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String)? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let executable = paths.map({ "\($0)/\(program)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let hasJSONSchemaValidator: Bool = {
        (try? run("python3", ["-c", "import jsonschema"]))??.status == 0
    }()

    static let hasXMLLint: Bool = {
        (try? run("xmllint", ["--version"])) != nil
    }()

    /// Validates a JSON output; `nil` when python3 is missing.
    static func json(_ path: String) throws -> (status: Int32, output: String)? {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
            for e in errors: print(list(e.absolute_path), e.message)
            sys.exit(1 if errors else 0)
            """
        return try run("python3", ["-c", script, Fixtures.path("schemas/cooperation-outputs.schema.json"), path])
    }

    /// Validates an XML output; `nil` when xmllint is missing.
    static func xml(_ path: String) throws -> (status: Int32, output: String)? {
        try run("xmllint", ["--noout", "--nonet", "--schema", Fixtures.path("schemas/cooperation-outputs.xsd"), path])
    }
}
