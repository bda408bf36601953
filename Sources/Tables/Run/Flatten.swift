import Foundation
import IATI
public import Inputs
public import Platform
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
    /// Threads making rows: 2 makes the money tables on a second thread (outputs whose tables
    /// are written apart: CSV, JSON Lines); 1 makes every table on the reading thread.
    public var threads = FlattenOptions.defaultThreads
    public var include: [Glob] = []
    public var exclude: [Glob] = []
    /// Names to show for inputs, by path (see ``InputScanner/labels``).
    public var inputLabels: [String: String] = [:]
    /// Stops the reading of the inputs part-way when told to (see ``InputScanner/stop``), and
    /// then the run, with ``FlattenError/stopped(_:)``: no tables are written.
    public var stop: StopSignal?

    /// 2 on a machine of several cores, else 1.
    public static var defaultThreads: Int { WorkerThreads.processorCount > 1 ? 2 : 1 }

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
    /// Amounts converted with the nearest rate in time, of another month than their value
    /// date's (the rates file has none for that month), by target currency.
    public var convertedWithOtherMonth: [String: Int] = [:]
    /// Amounts missing or not a number: their split rows have no `value_split`.
    public var amountsNotANumber = 0
    /// Documents the output skipped (see ``DocumentBoundaries``): already there, say.
    public var unchanged: [Unchanged] = []
    /// XLSX: texts cut to Excel's 32,767 characters, and numbers that need more than Excel's 15
    /// significant digits down to the cent, held rounded (CSV and JSON Lines keep both whole).
    public var cellsCut = 0
    public var numbersRounded = 0

    /// A document the output skipped, and why.
    public struct Unchanged: Sendable, Hashable {
        public var file: String
        public var reason: String
    }
}

/// Why a run could not start or finish.
public enum FlattenError: Error, Sendable, CustomStringConvertible {
    case usage(String)
    case rates(RatesError)
    case noInputs([String])
    /// Inputs were found but none could be read: nothing was written.
    case nothingRead([FlattenSummary.Problem])
    case cannotWrite(String)
    /// Told to stop (``FlattenOptions/stop``), with the reason: nothing was written.
    case stopped(String)

    public var description: String {
        switch self {
        case .usage(let message): message
        case .rates(let error): "the rates file cannot be used:\n\(error.description)"
        case .noInputs(let inputs): "no IATI activity files found in \(inputs.joined(separator: ", "))"
        case .nothingRead(let problems):
            "none of the inputs could be read, no tables written:"
                + problems.map { "\n  \($0.file)\($0.line > 0 ? ":\($0.line)" : ""): \($0.message)" }.joined()
        case .cannotWrite(let message): message
        case .stopped(let reason): "stopped, no tables written: \(reason)"
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
    let plan = try FlattenPlan(options)
    do {
        try Paths.makeDirectory(options.outputDirectory)
    } catch {
        throw .cannotWrite(error.description)
    }
    return try flatten(options, plan: plan, into: makeOutput(options), progress: progress)
}

/// Flattens every activity of the inputs into `output` (a database, say), as ``runFlatten(_:progress:)``
/// does into files. `options.format` and `options.excel` are not used; `options.outputDirectory`,
/// when not empty, is kept out of the inputs and holds the rows waiting for their languages.
///
/// When `output` adopts ``DocumentBoundaries`` it is told where each document starts and ends,
/// and a document it skips is listed in ``FlattenSummary/unchanged``.
public func runFlatten(
    _ options: FlattenOptions, into output: any TableOutput, progress: ((_ file: String, _ activities: Int) -> Void)? = nil
) throws(FlattenError) -> FlattenSummary {
    try flatten(options, plan: try FlattenPlan(options), into: output, progress: progress)
}

/// The options checked: the tables, target currencies and rates, languages and sector
/// vocabularies of a run. A currency or language named twice (in any case) is one column.
private struct FlattenPlan {
    var definitions: [TableDefinition]
    var currencies: [String]
    var rates: MonthlyRates?
    /// The languages asked for, lowercase; `nil`: every language found.
    var languages: [String]?
    var sectorVocabularies: [String]

    init(_ options: FlattenOptions) throws(FlattenError) {
        definitions = try selectedTables(options.tables)
        currencies = uniqued(options.currencies.map { $0.uppercased() })
        let languages = uniqued(options.languages.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        if languages.contains("") { throw .usage("--lang needs a language code (en, vi, …), not an empty one") }
        if let odd = languages.first(where: { !Self.isLanguageTag($0) }) {
            throw .usage("--lang takes one language code each time (--lang en --lang vi), such as en, vi or fr-ca: \"\(odd)\" is not one")
        }
        self.languages = languages.isEmpty ? nil : languages
        sectorVocabularies = uniqued(options.sectorVocabularies)
        if let unknown = sectorVocabularies.first(where: { !(Codelists.named("SectorVocabulary")?.contains($0) ?? true) }) {
            throw .usage("--sector-vocabulary \(unknown): not a code of the SectorVocabulary codelist (1 OECD DAC 5-digit, 2 OECD DAC 3-digit, …, 98 and 99 the reporting organisation's)")
        }
        if options.excel, options.format != .csv {
            throw .usage("--excel marks CSV files for Excel; it does nothing for --format \(options.format.rawValue), leave it out")
        }
        if options.rates != nil, currencies.isEmpty {
            throw .usage("--rates converts amounts into the currencies named by --currency CODE: name at least one")
        }
        if let path = options.rates {
            do { rates = try MonthlyRates.load(path: path) } catch { throw .rates(error) }
            if let missing = currencies.first(where: { !(rates?.currencies.contains($0) ?? false) }) {
                throw .usage("--currency \(missing): the rates file \(path) has no rate for it")
            }
        } else if !currencies.isEmpty {
            throw .usage("--currency needs --rates FILE (the IMF monthly layout Date,Rate,Currency,Frequency,Source)")
        }
    }

    /// Whether `code` has the shape of a language tag (BCP 47: letters, then subtags of
    /// letters and digits after hyphens), as `xml:lang` values have: `en`, `vi`, `fr-ca`.
    static func isLanguageTag(_ code: String) -> Bool {
        let subtags = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = subtags.first, (1...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return subtags.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}

private func flatten(
    _ options: FlattenOptions, plan: FlattenPlan, into output: any TableOutput, progress: ((_ file: String, _ activities: Int) -> Void)?
) throws(FlattenError) -> FlattenSummary {
    let folder = options.outputDirectory
    // The output folder is never read as input, even when it lies under an input folder.
    var scanner = InputScanner(includes: options.include, excludes: options.exclude, outputDirectory: folder.isEmpty ? nil : Paths.realPath(folder))
    scanner.labels = options.inputLabels
    scanner.stop = options.stop
    let scan = scanner.scan(options.inputs)
    if scan.documents.isEmpty && scan.problems.isEmpty { throw .noInputs(options.inputs) }
    let tables: TableSet
    do {
        tables = try TableSet(
            output: output, definitions: plan.definitions, languages: plan.languages,
            currencies: plan.currencies, spoolFolder: folder.isEmpty ? FileManager.default.temporaryDirectory.path : folder)
    } catch {
        output.discard()
        throw .cannotWrite("\(error)")
    }
    let converter = CurrencyConverter(targets: plan.currencies, rates: plan.rates)
    var summary = FlattenSummary(rows: [], written: [], files: 0, activities: 0, problems: [], skipped: scan.skipped, unconverted: [:])
    for problem in scan.problems {
        summary.problems.append(.init(file: problem.member.map { "\(problem.path)/\($0)" } ?? problem.path, line: 0, message: problem.message))
    }
    var file = ""
    let writer = FlattenWriter(
        tables: tables, names: plan.definitions.map(\.name), writtenApart: output.writesTablesApart, threads: options.threads,
        converter: converter, sectorVocabularies: plan.sectorVocabularies
    ) { count in
        progress?(file, count)
    }
    let reader = DocumentReader(writer: writer, boundaries: output as? any DocumentBoundaries)
    /// Ends the run part-way: the writer's threads end, the tables are discarded.
    func abandon(_ error: FlattenError) -> FlattenError {
        try? writer.finish()
        tables.discard()
        return error
    }
    for document in scan.documents {
        file = document.displayName
        do {
            try reader.read(document, into: &summary)
        } catch {
            // The output cannot go on: the run stops, naming the output, not the document.
            throw abandon(.cannotWrite("\(error)"))
        }
        progress?(file, writer.activities)
        // Told to stop, the run ends here: the job's document is a problem by now (its reading
        // stopped), and a workbook would still be made and zipped for nobody.
        do {
            try options.stop?.check()
        } catch {
            throw abandon(.stopped("\(error)"))
        }
    }
    do {
        try writer.finish()
    } catch {
        tables.discard()
        throw .cannotWrite("\(error)")
    }
    if summary.files == 0 && writer.activities == 0 && summary.unchanged.isEmpty {
        tables.discard()
        throw .nothingRead(summary.problems)
    }
    do {
        let finished = try tables.finish(threads: options.threads)
        summary.rows = finished.rows
        summary.written = finished.paths
    } catch {
        tables.discard()
        throw .cannotWrite("\(error)")
    }
    summary.activities = writer.activities
    summary.unconverted = converter.tally.unconverted
    summary.convertedWithOtherMonth = converter.tally.otherMonth
    summary.amountsNotANumber = converter.tally.notANumber
    if let workbook = output as? XLSXTableOutput {
        summary.cellsCut = workbook.truncatedCells
        summary.numbersRounded = workbook.roundedNumbers
    }
    return summary
}

/// Reads one document after another into the writer, telling the output where each starts
/// and ends when it wants to know.
private final class DocumentReader {
    let writer: FlattenWriter
    let boundaries: (any DocumentBoundaries)?
    let cursor = ArchiveCursor()

    init(writer: FlattenWriter, boundaries: (any DocumentBoundaries)?) {
        self.writer = writer
        self.boundaries = boundaries
    }

    /// Reads `document`; what goes wrong is a problem of the document in `summary`, and the
    /// run goes on.
    /// - Throws: what says the output cannot go on (``OutputUnavailable``), once the document
    ///   is abandoned.
    func read(_ document: InputDocument, into summary: inout FlattenSummary) throws {
        let file = document.displayName
        writer.start(file: file)
        let before = writer.activities
        do {
            if let reason = try boundaries?.beginDocument(document, cursor: cursor) {
                summary.unchanged.append(.init(file: file, reason: reason))
                return
            }
            if let boundaries {
                if let reason = try boundaries.endDocument(sha256: try document.read(into: writer, cursor: cursor)) {
                    summary.unchanged.append(.init(file: file, reason: reason))
                    return
                }
            } else {
                // Files need no hash: only an output that keeps documents apart compares them.
                try document.readUnhashed(into: writer, cursor: cursor)
            }
            summary.files += 1
        } catch {
            cursor.reset()
            boundaries?.abandonDocument()
            if let error = error as? any OutputUnavailable { throw error }
            let xmlError = error as? XMLError
            // An output that abandons the document drops its rows; files keep them.
            let kept = boundaries == nil ? writer.activities - before : 0
            summary.problems.append(
                .init(file: file, line: xmlError?.line ?? 0, message: xmlError?.message ?? "\(error)", activitiesKept: kept))
        }
    }
}

/// `values` without repeats, in order.
private func uniqued(_ values: [String]) -> [String] {
    var seen: Set<String> = []
    return values.filter { seen.insert($0).inserted }
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
