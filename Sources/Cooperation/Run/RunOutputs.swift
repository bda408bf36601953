import Foundation
import IATI
public import Inputs
import LibXML
import Tables

/// What a run wrote and found, for the command line to print and choose its exit status.
public struct OutputsSummary: Sendable, Hashable {
    /// The files written, in the order written (the CSV folder's tables included).
    public var written: [String]
    public var outputs: CooperationOutputs
    /// What the inputs led to but the run left out (hidden, not matching `--include`, …).
    public var skipped: [SkippedInput] = []

    /// Whether every input was read to its end.
    public var inputsReadCompletely: Bool { outputs.inputProblems.isEmpty }
    /// Whether every amount was allocated or listed as unallocated, in every currency.
    public var reconciles: Bool { outputs.reconciliation.allSatisfy(\.balances) }
}

/// Errors that stop a run before or after the inputs are read.
public enum OutputsError: Error, Sendable, CustomStringConvertible {
    /// The framework or rates file is broken; nothing was read.
    case configuration(ConfigurationError)
    /// An output could not be written.
    case cannotWrite(path: String, reason: String)
    /// No input file was found (nothing named, or folders and archives without matching files).
    case noInputs([String])
    /// Inputs were found but none could be read to its end: no outputs were written.
    case nothingRead([InputProblem])
    /// An input read to its end once could not be read the same way the second time (it
    /// changed while the run read it): no outputs were written.
    case inputChanged(file: String, reason: String)

    public var description: String {
        switch self {
        case .configuration(let error): error.description
        case .cannotWrite(let path, let reason): "\(path): cannot write: \(reason)"
        case .noInputs(let inputs): "no IATI activity files found in \(inputs.joined(separator: ", "))"
        case .nothingRead(let problems):
            "none of the inputs could be read, no outputs written:"
                + problems.map { "\n  \($0.file):\($0.line): \($0.message)" }.joined()
        case .inputChanged(let file, let reason):
            "\(file): changed while it was read (\(reason)); no outputs written, run again when it is complete"
        }
    }
}

/// Produces the cooperation outputs: loads and checks the framework (and rates) before
/// reading anything, streams every activity of the inputs through the mapping rules, and
/// writes the requested outputs.
///
/// - Parameters:
///   - options: framework, inputs, rates, output folder, formats, language.
///   - progress: called after each input file with its name and the activities read so far.
/// - Returns: the files written and the outputs.
/// - Throws: ``OutputsError``: a broken framework or rates file (with file, line and what to
///   fix), no inputs, no input that could be read, or an output that cannot be written. An
///   input that cannot be read (not well-formed, truncated, missing) does not stop the run
///   while another can be: none of its activities is counted, and it is listed in
///   ``CooperationOutputs/inputProblems``. An activity read more than once (same identifier)
///   is counted once, and listed in ``CooperationOutputs/duplicates``.
public func runOutputs(
    _ options: OutputsOptions, progress: ((_ file: String, _ activities: Int) -> Void)? = nil
) throws(OutputsError) -> OutputsSummary {
    let framework: Framework
    var rates: ExchangeRates?
    do {
        framework = try Framework.load(path: options.framework)
        if let path = options.rates {
            rates = try ExchangeRates.load(path: path, target: options.targetCurrency)
        }
    } catch {
        throw .configuration(error)
    }
    var scanner = InputScanner(includes: options.include, excludes: options.exclude)
    scanner.labels = options.inputLabels
    scanner.stop = options.stop
    let scan = scanner.scan(options.inputs)
    if scan.documents.isEmpty && scan.problems.isEmpty { throw .noInputs(options.inputs) }
    var passes = InputPasses()
    for problem in scan.problems { passes.addProblem(problem) }
    let cursor = ArchiveCursor()
    for document in scan.documents {
        passes.list(document, cursor: cursor)
        progress?(document.displayName, passes.activitiesRead)
    }
    var aggregator = OutputsAggregator(framework: framework, rates: rates, options: .init(listLimit: options.listLimit, language: options.language))
    try passes.aggregate(into: &aggregator, cursor: cursor)
    let outputs = aggregator.finish(
        inputs: passes.inputs, duplicates: passes.selection.duplicates(),
        generatedAt: options.generatedAt.formatted(.iso8601), generator: options.generator)
    let written = try writeOutputs(outputs, options: options)
    return OutputsSummary(written: written, outputs: outputs, skipped: scan.skipped)
}

/// Writes the requested formats of `outputs` into `options.outputDirectory`.
/// - Returns: the paths written.
/// - Throws: ``OutputsError/cannotWrite(path:reason:)``.
public func writeOutputs(_ outputs: CooperationOutputs, options: OutputsOptions) throws(OutputsError) -> [String] {
    let directory = URL(fileURLWithPath: options.outputDirectory)
    var written: [String] = []
    func write(_ text: String, to url: URL) throws(OutputsError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: url.path, reason: error.localizedDescription)
        }
        // Through ByteSink, as every output: a device or pipe is written in place, a folder refused.
        do throws(XMLError) {
            let sink = try ByteSink(path: url.path)
            try sink.write(text)
            try sink.commit()
            written.append(url.path)
        } catch {
            throw .cannotWrite(path: url.path, reason: error.message)
        }
    }
    let base = options.baseName
    if options.formats.contains(.json) {
        try write(outputs.json(), to: directory.appendingPathComponent("\(base).json"))
    }
    if options.formats.contains(.xml) {
        try write(outputs.xml(), to: directory.appendingPathComponent("\(base).xml"))
    }
    if options.formats.contains(.csv) {
        let folder = directory.appendingPathComponent("\(base)-csv")
        for (name, table) in outputs.csvTables(language: options.language) {
            // A byte order mark, so that Excel on Windows reads the files as UTF-8 (Vietnamese).
            try write(CSVTable.byteOrderMark + table, to: folder.appendingPathComponent(name))
        }
    }
    if options.formats.contains(.html) {
        try write(outputs.html(language: options.language), to: directory.appendingPathComponent("\(base).html"))
    }
    if options.formats.contains(.xlsx) {
        written += try writeWorkbook(outputs.tables(language: options.language), to: directory.appendingPathComponent("\(base).xlsx"))
    }
    return written
}

/// Writes the tables as one workbook, a sheet each (see ``Tables/XLSXTableOutput``).
/// - Returns: the path written.
/// - Throws: ``OutputsError/cannotWrite(path:reason:)``; nothing is left behind.
func writeWorkbook(_ tables: [OutputTable], to url: URL) throws(OutputsError) -> [String] {
    do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    } catch {
        throw .cannotWrite(path: url.path, reason: error.localizedDescription)
    }
    let workbook = XLSXTableOutput(path: url.path)
    do {
        try workbook.prepare(tables: tables.map(\.title))
        for table in tables {
            let sheet = try workbook.open(table: table.title, columns: table.columns)
            for row in table.rows { try sheet.write(row) }
        }
        return try workbook.commit()
    } catch {
        workbook.discard()
        throw .cannotWrite(path: url.path, reason: (error as? XMLError)?.message ?? "\(error)")
    }
}
