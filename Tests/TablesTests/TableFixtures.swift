import Foundation
import IATI
import LibXML
import Tables
import TestSupport

/// A flattened input, read back from its JSON Lines tables.
struct Flattened {
    let folder: TemporaryFolder
    let summary: FlattenSummary

    /// Flattens `inputs` to JSON Lines with `configure` applied to the options.
    init(_ inputs: [String], configure: (inout FlattenOptions) -> Void = { _ in }) throws {
        folder = try TemporaryFolder()
        var options = FlattenOptions(inputs: inputs, outputDirectory: folder.file("out"))
        options.format = .jsonl
        configure(&options)
        summary = try runFlatten(options)
    }

    /// The rows of `table`, each a dictionary of its columns.
    func rows(_ table: String) throws -> [[String: JSONValue]] {
        let text = try String(contentsOfFile: folder.file("out/\(table).jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let reader = JSONReader(name: table, source: BufferSource(String(line)))
            guard case .object(let members) = try reader.value() else { return [:] }
            return Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
    }
}

extension JSONValue {
    /// A number's exact value, `nil` for anything else.
    var decimal: Decimal? {
        if case .number(let text) = self { return DecimalValue.exactDecimal(text) }
        return nil
    }

    /// A string's text, a number's digits, `nil` for null.
    var text: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .bool(let value): value ? "true" : "false"
        default: nil
        }
    }
}
