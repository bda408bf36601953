import IATI
import Inputs
import LibXML

/// What earlier runs into the same output folder finished with the same options: read from
/// the last manifest and from the journal a killed run left behind.
enum PriorRuns {
    /// Finished records (converted or unchanged) by output path. Records made with another
    /// options fingerprint are ignored; journal lines override the manifest (they are newer);
    /// an unreadable manifest or a torn last journal line counts as absent.
    static func load(manifest: String, journal: String, fingerprint: String) -> [String: FileRecord] {
        var records: [String: FileRecord] = [:]
        if Paths.isFile(manifest), let value = try? readJSON(FileSource(path: manifest), name: manifest),
            value["options"]?["fingerprint"]?.stringValue == fingerprint,
            case .array(let files)? = value["files"]
        {
            for file in files { keep(FileRecord(json: file), into: &records) }
        }
        if Paths.isFile(journal), let lines = try? readLines(journal) {
            for line in lines {
                guard let value = try? readJSON(BufferSource(line), name: journal),
                    value["fingerprint"]?.stringValue == fingerprint
                else { continue }
                keep(FileRecord(json: value), into: &records)
            }
        }
        return records
    }

    private static func keep(_ record: FileRecord?, into records: inout [String: FileRecord]) {
        guard let record, let output = record.output, record.sha256 != nil,
            record.status == .converted || record.status == .unchanged
        else { return }
        records[output] = record
    }

    private static func readJSON(_ source: any ByteSource, name: String) throws -> JSONValue {
        try JSONReader(name: name, source: source).value()
    }

    /// The file's lines (bytes between newlines; a last line without newline is dropped, as
    /// a write the kill cut short).
    private static func readLines(_ path: String) throws -> [[UInt8]] {
        let source = try FileSource(path: path)
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            for byte in chunk[0..<count] {
                if byte == 0x0A {
                    lines.append(current)
                    current.removeAll(keepingCapacity: true)
                } else {
                    current.append(byte)
                }
            }
        }
        return lines
    }
}
