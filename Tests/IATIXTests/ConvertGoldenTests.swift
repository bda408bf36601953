import Foundation
import Testing
import TestSupport

/// Convert's outputs pinned byte for byte: normalised JSON, JSON Lines and canonical XML of the
/// samples and of real publishers' files (all versions), with what convert says on standard
/// error and, for older versions, the upgrade log. Whatever changes inside the reader, the
/// converter or the encoders, these stay as they are; a deliberate change of output is made by
/// refreshing them with `IATIX_UPDATE_GOLDEN=1 swift test` and reading the diff.
@Suite("convert golden outputs")
struct ConvertGoldenTests {
    static let golden = GoldenFiles("Tests/IATIXTests/Golden/convert")

    /// (label, path) of the project's own samples: always there.
    static let samples: [(String, String)] = [
        "ilo-vietnam-activities.xml", "broken-activities.xml",
        "versions/ilo-vietnam-1.05.xml", "versions/ilo-vietnam-2.01.xml", "versions/ilo-vietnam-2.02.xml",
    ].map { ("samples_" + $0.replacingOccurrences(of: "/", with: "_"), Reference.packageRoot + "/samples/" + $0) }

    /// (label, path) of the real files of the reference folder: empty without it.
    static let realFiles: [(String, String)] = ["real/v2", "real/v1", "real/org"].flatMap { folder in
        Reference.xmlFiles(under: folder).map { path in
            (folder.replacingOccurrences(of: "/", with: "_") + "_" + URL(fileURLWithPath: path).lastPathComponent, path)
        }
    }

    static let formats = ["json", "jsonl", "xml"]

    @Test("samples: json, jsonl and xml unchanged", arguments: samples)
    func sample(label: String, path: String) throws {
        try check(label: label, path: path)
    }

    @Test("real publishers' files: json, jsonl and xml unchanged", .enabled(if: Reference.isAvailable, Reference.missing))
    func real() throws {
        #expect(Self.realFiles.count >= 15, "expected the real files of the reference folder")
        for (label, path) in Self.realFiles { try check(label: label, path: path) }
    }

    private func check(label: String, path: String) throws {
        let folder = try TemporaryFolder()
        for format in Self.formats {
            let log = folder.file("upgrade-\(format).json")
            let result = try Command.iatix(["convert", path, "--to", format, "--upgrade-log", log])
            let standardError = result.standardError.replacingOccurrences(of: path, with: label)
            let upgradeLog = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").replacingOccurrences(of: path, with: label)
            try Self.golden.compare(result.standardOutput, "\(label).\(format)")
            try Self.golden.compare("exit \(result.status)\n" + standardError, "\(label).\(format).stderr")
            if format == "json" { try Self.golden.compare(upgradeLog, "\(label).upgrade.json") }
        }
    }
}
