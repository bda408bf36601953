import Foundation
import IATI
public import Inputs
import LibXML
public import Rates

/// What `iatix flatten` is asked to do.
public struct FlattenOptions: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case csv, jsonl, xlsx
    }

    public var inputs: [String]
    public var outputDirectory: String
    public var format: Format = .csv
    /// CSV files start with a byte order mark (Excel).
    public var excel = false
    /// Target currencies of the converted amounts.
    public var currencies: [String] = []
    /// The rates file (IMF monthly layout).
    public var rates: String?
    /// Languages of the narrative columns; empty: every language the input has.
    public var languages: [String] = []
    /// Tables to write; empty: all.
    public var tables: [String] = []
    /// Sector vocabularies to split by; empty: 1, else 2, per amount.
    public var sectorVocabularies: [String] = []
    public var include: [Glob] = []
    public var exclude: [Glob] = []

    public init(inputs: [String], outputDirectory: String) {
        self.inputs = inputs
        self.outputDirectory = outputDirectory
    }
}

/// What a run read and wrote.
public struct FlattenSummary: Sendable {
    public struct Problem: Sendable, Hashable {
        public var file: String
        public var line: Int
        public var message: String
        /// Activities of the file read before the error, whose rows are in the tables.
        public var activitiesKept = 0
    }

    /// Rows per table, in table order.
    public var rows: [(table: String, count: Int)]
    public var written: [String]
    public var files: Int
    public var activities: Int
    /// Inputs that could not be read to their end: the rows of activities read before the
    /// error are in the tables (the `activities` table names each row's file).
    public var problems: [Problem]
    public var skipped: [SkippedInput]
    /// Amounts left unconverted, by target currency, then reason.
    public var unconverted: [String: [String: Int]]
}

/// Why a run could not start or finish.
public enum FlattenError: Error, Sendable, CustomStringConvertible {
    case usage(String)
    case rates(RatesError)
    case noInputs([String])
    /// Inputs were found but none could be read: nothing was written.
    case nothingRead([FlattenSummary.Problem])
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .usage(let message): message
        case .rates(let error): "the rates file cannot be used:\n\(error.description)"
        case .noInputs(let inputs): "no IATI activity files found in \(inputs.joined(separator: ", "))"
        case .nothingRead(let problems):
            "none of the inputs could be read, no tables written:"
                + problems.map { "\n  \($0.file)\($0.line > 0 ? ":\($0.line)" : ""): \($0.message)" }.joined()
        case .cannotWrite(let message): message
        }
    }
}

/// Flattens every activity of the inputs into tables.
/// - Parameter progress: called every 1,000 activities and after each file, with the file
///   and the activities read so far.
/// - Throws: ``FlattenError``: a wrong option (unknown table, currency without rates), a rates
///   file that cannot be used, no inputs, an output that cannot be written (nothing is left
///   behind then). An input that cannot be read is a ``FlattenSummary/problems`` entry.
public func runFlatten(
    _ options: FlattenOptions, progress: ((_ file: String, _ activities: Int) -> Void)? = nil
) throws(FlattenError) -> FlattenSummary {
    let definitions = try selectedTables(options.tables)
    let currencies = options.currencies.map { $0.uppercased() }
    var rates: MonthlyRates?
    if let path = options.rates {
        do { rates = try MonthlyRates.load(path: path) } catch { throw .rates(error) }
        if let missing = currencies.first(where: { !(rates?.currencies.contains($0) ?? false) }) {
            throw .usage("--currency \(missing): the rates file \(path) has no rate for it")
        }
    } else if !currencies.isEmpty {
        throw .usage("--currency needs --rates FILE (the IMF monthly layout Date,Rate,Currency,Frequency,Source)")
    }
    do {
        try FileManager.default.createDirectory(atPath: options.outputDirectory, withIntermediateDirectories: true)
    } catch {
        throw .cannotWrite("\(options.outputDirectory): cannot create the output folder: \(error.localizedDescription)")
    }
    // The output folder is never read as input, even when it lies under an input folder.
    let scanner = InputScanner(includes: options.include, excludes: options.exclude, outputDirectory: Paths.realPath(options.outputDirectory))
    let scan = scanner.scan(options.inputs)
    if scan.documents.isEmpty && scan.problems.isEmpty { throw .noInputs(options.inputs) }
    let tables: TableSet
    do {
        tables = try TableSet(
            output: try makeOutput(options), definitions: definitions, languages: options.languages.isEmpty ? nil : options.languages,
            currencies: currencies, spoolFolder: options.outputDirectory)
    } catch let error as FlattenError {
        throw error
    } catch {
        throw .cannotWrite("\(error)")
    }
    let converter = CurrencyConverter(targets: currencies, rates: rates)
    var summary = FlattenSummary(rows: [], written: [], files: 0, activities: 0, problems: [], skipped: scan.skipped, unconverted: [:])
    for problem in scan.problems {
        summary.problems.append(.init(file: problem.member.map { "\(problem.path)/\($0)" } ?? problem.path, line: 0, message: problem.message))
    }
    var file = ""
    let writer = FlattenWriter(tables: tables, converter: converter, sectorVocabularies: options.sectorVocabularies) { count in
        progress?(file, count)
    }
    let cursor = ArchiveCursor()
    for document in scan.documents {
        file = document.displayName
        writer.start(file: file)
        let before = writer.activities
        do {
            _ = try document.read(into: writer, cursor: cursor)
            summary.files += 1
        } catch {
            cursor.reset()
            let xmlError = error as? XMLError
            summary.problems.append(
                .init(file: file, line: xmlError?.line ?? 0, message: xmlError?.message ?? "\(error)", activitiesKept: writer.activities - before))
        }
        progress?(file, writer.activities)
    }
    if summary.files == 0 && writer.activities == 0 {
        tables.discard()
        throw .nothingRead(summary.problems)
    }
    do {
        let finished = try tables.finish()
        summary.rows = finished.rows
        summary.written = finished.paths
    } catch {
        tables.discard()
        throw .cannotWrite("\(error)")
    }
    summary.activities = writer.activities
    summary.unconverted = converter.unconverted
    return summary
}

private func selectedTables(_ names: [String]) throws(FlattenError) -> [TableDefinition] {
    let wanted = names.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    guard !wanted.isEmpty else { return TableCatalogue.all }
    let known = TableCatalogue.all.map(\.name)
    if let unknown = wanted.first(where: { !known.contains($0) }) {
        throw .usage("--tables: no table '\(unknown)'; the tables are \(known.joined(separator: ", "))")
    }
    return TableCatalogue.all.filter { wanted.contains($0.name) }
}

private func makeOutput(_ options: FlattenOptions) throws(FlattenError) -> any TableOutput {
    switch options.format {
    case .csv: CSVTableOutput(folder: options.outputDirectory, excel: options.excel)
    case .jsonl: JSONLinesTableOutput(folder: options.outputDirectory)
    case .xlsx: XLSXTableOutput(path: "\(options.outputDirectory)/tables.xlsx")
    }
}
