import Foundation
import Tables
import Testing
import TestSupport

/// Flatten's tables pinned byte for byte: every table of a few inputs, as CSV (with and
/// without converted currencies, chosen languages, both sector vocabularies, the byte order
/// mark) and as JSON Lines. Whatever changes in how rows are made or written, these stay as
/// they are; a deliberate change of output is made by refreshing them with
/// `IATIX_UPDATE_GOLDEN=1 swift test --filter FlattenGolden` and reading the diff.
@Suite("flatten golden tables")
struct FlattenGoldenTests {
    static let golden = GoldenFiles("Tests/TablesTests/Golden/flatten")

    /// One run: its inputs and options.
    struct Run: Sendable, CustomTestStringConvertible {
        var label: String
        var inputs: [String]
        var format: FlattenOptions.Format = .csv
        var arrange: @Sendable (inout FlattenOptions) -> Void = { _ in }

        var testDescription: String { label }
    }

    static let rates = Reference.path("flatten-expected/rates.csv")

    /// Runs over the project's own sample: always there. Without `--lang` the tables with
    /// narratives wait in the spool for their columns; with it they are written as they come.
    static let samples: [Run] = [
        Run(label: "ilo-sample-languages-found", inputs: [Reference.sample("ilo-vietnam-activities.xml")]),
        Run(label: "ilo-sample-vi-en-excel", inputs: [Reference.sample("ilo-vietnam-activities.xml")]) {
            $0.languages = ["vi", "en"]
            $0.excel = true
        },
    ]

    /// Runs over real publishers' files of the reference folder.
    static let realFiles: [Run] = [
        Run(label: "fcdo-usd-eur", inputs: [Reference.path("real/v2/fcdo-activity.xml")]) {
            $0.currencies = ["USD", "EUR"]
            $0.rates = rates
        },
        Run(label: "fcdo-usd-eur-jsonl", inputs: [Reference.path("real/v2/fcdo-activity.xml")], format: .jsonl) {
            $0.currencies = ["USD", "EUR"]
            $0.rates = rates
        },
        Run(label: "ifad-vocabularies-1-2", inputs: [Reference.path("real/v2/ifad-activity.xml")]) {
            $0.currencies = ["EUR"]
            $0.rates = rates
            $0.sectorVocabularies = ["1", "2"]
        },
        Run(
            label: "budget-periods-usd-eur",
            inputs: ["budget-dates-issue", "budget-one-day", "unops-at", "ec-intpa"].map { Reference.path("real/v2/\($0)-activity.xml") }
        ) {
            $0.currencies = ["USD", "EUR"]
            $0.rates = rates
        },
        Run(label: "globalfund-1.0x-en-fr", inputs: [Reference.path("real/v1/globalfund-IATIfromGF.xml")]) {
            $0.languages = ["en", "fr"]
        },
    ]

    @Test("the sample's tables unchanged", arguments: samples)
    func sample(run: Run) throws {
        try check(run)
    }

    @Test("real publishers' tables unchanged", .enabled(if: Reference.isAvailable, Reference.missing), arguments: realFiles)
    func real(run: Run) throws {
        try check(run)
    }

    /// Checks the run's tables made on one thread and on two (the money tables on a second),
    /// and that both count the same amounts as not converted.
    private func check(_ run: Run) throws {
        var unconverted: [[String: [String: Int]]] = []
        for threads in [1, 2] {
            unconverted.append(try check(run, threads: threads))
        }
        #expect(unconverted[0] == unconverted[1], "\(run.label): one thread and two count unconverted amounts differently")
    }

    private func check(_ run: Run, threads: Int) throws -> [String: [String: Int]] {
        let folder = try TemporaryFolder()
        var options = FlattenOptions(inputs: run.inputs, outputDirectory: folder.file("out"))
        options.format = run.format
        options.threads = threads
        run.arrange(&options)
        let summary = try runFlatten(options)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("out")).sorted()
        if !GoldenFiles.updating {
            let committed = try FileManager.default.contentsOfDirectory(atPath: "\(Self.golden.folder)/\(run.label)").sorted()
            #expect(names == committed, "\(run.label): the tables written differ from the golden ones")
        }
        for name in names {
            var bytes = try #require(FileManager.default.contents(atPath: folder.file("out/\(name)")))
            // The activities table names each row's file: the reference folder is not the same everywhere.
            for input in run.inputs { bytes = Self.replacing(Data(input.utf8), with: Data(URL(fileURLWithPath: input).lastPathComponent.utf8), in: bytes) }
            try Self.golden.compare(bytes, "\(run.label)/\(name)")
        }
        return summary.unconverted
    }

    /// `data` with every `target` replaced, byte for byte.
    private static func replacing(_ target: Data, with replacement: Data, in data: Data) -> Data {
        var result = Data()
        var rest = data[...]
        while let range = rest.firstRange(of: target) {
            result.append(rest[..<range.lowerBound])
            result.append(replacement)
            rest = rest[range.upperBound...]
        }
        result.append(rest)
        return result
    }
}
