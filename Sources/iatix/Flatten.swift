public import ArgumentParser
import Inputs
import Tables

extension FlattenOptions.Format: ExpressibleByArgument {}

/// `iatix flatten`: flat tables of activities, transactions, budgets and results.
struct Flatten: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Flat tables of activities, transactions, budgets, results and narratives: CSV, JSON Lines or Excel.",
        discussion: """
            Reads the inputs as every command does (files, '-', folders, .zip/.tar/.tar.gz archives; \
            versions 1.0x–2.02 upgraded to 2.03 first) and writes one table per kind of thing into \
            the output folder: \(TableCatalogue.all.map(\.name).joined(separator: ", ")). \
            Each row has iati_identifier and the element's position (transaction_index, …) to join on; \
            docs/tables.md describes every column.

            transaction_splits and budget_splits share each amount by recipient country or region × \
            sector so that the rows of one amount (and one sector vocabulary) add up to it exactly; \
            budgets are first cut at calendar quarters by day count. split_note says where the \
            percentages as written were missing or did not add up to 100.

            With --currency C and --rates FILE (the IMF monthly layout Date,Rate,Currency,Frequency,Source, \
            rate = units per US dollar) every amount gets value_c, rate_c and rate_date_c: the rate of \
            the value date's month, else the nearest one (counted on standard error). An amount with \
            no usable rate stays empty and is counted on standard error.

            Narrative fields give one column per language (title_en, title_vi, …; --lang to choose, \
            default every language found) and a column without suffix with the first requested \
            language there is, else the first narrative. The narratives table keeps every narrative.

            Examples:
              iatix flatten samples/ilo-vietnam-activities.xml --out tables/
              iatix flatten archive.zip --out tables/ --format xlsx --lang vi --lang en
              iatix flatten data/ --out tables/ --currency USD --currency VND --rates rates.csv --excel
            """
    )

    @Argument(help: "IATI activity files, folders and .zip/.tar/.tar.gz archives ('-' for standard input).")
    var inputs: [String] = []

    @OptionGroup var selection: InputSelection

    @Option(name: [.short, .customLong("out")], help: "Folder for the tables (created if missing).")
    var out: String?

    /// What `--describe` prints.
    enum Description: String, ExpressibleByArgument {
        case markdown, json
    }

    @Option(help: "Print the tables' columns (markdown: docs/tables.md, json: schemas/tables.json) and exit.")
    var describe: Description?

    @Option(help: "csv (one file per table), jsonl (one file per table) or xlsx (tables.xlsx, one sheet per table).")
    var format: FlattenOptions.Format = .csv

    @Flag(help: "CSV files start with a byte order mark, so that Excel reads Vietnamese text correctly.")
    var excel = false

    @Option(help: ArgumentHelp("Convert amounts into this currency (repeatable; needs --rates).", valueName: "code"))
    var currency: [String] = []

    @Option(help: ArgumentHelp("Exchange rates: Date,Rate,Currency,Frequency,Source (IMF monthly, units per US dollar).", valueName: "file"))
    var rates: String?

    @Option(help: ArgumentHelp("A language of the narrative columns (repeatable, in order of preference; default: every language found).", valueName: "code"))
    var lang: [String] = []

    @Option(help: ArgumentHelp("Tables to write, separated by commas (default: all).", valueName: "list"))
    var tables: [String] = []

    @Option(help: ArgumentHelp("Sector vocabulary of the splits (repeatable; default: 1, OECD DAC 5-digit, else 2 where only 3-digit codes are given).", valueName: "code"))
    var sectorVocabulary: [String] = []

    @Option(help: "Threads making rows: 2 makes the money tables (transactions, budgets, their splits) on a second thread, for CSV and JSON Lines; 1 makes every table on one. Tables are the same either way (default: 2 on a machine of several cores).")
    var threads: Int = FlattenOptions.defaultThreads

    @Flag(name: .shortAndLong, help: "Print errors and warnings only: no progress, no summary.")
    var quiet = false

    func validate() throws {
        guard describe == nil else { return }
        if threads < 1 || threads > 2 { throw ValidationError("--threads must be 1 or 2.") }
        if inputs.isEmpty { throw ValidationError("Name at least one input file, folder or archive ('-' for standard input).") }
        if out == nil { throw ValidationError("Name the output folder with --out DIR.") }
    }

    func run() throws {
        if let describe {
            print(describe == .markdown ? TableCatalogue.markdown() : TableCatalogue.jsonDescription(), terminator: "")
            return
        }
        var options = FlattenOptions(inputs: inputs, outputDirectory: out ?? ".")
        options.format = format
        options.excel = excel
        options.currencies = currency
        options.rates = rates
        options.languages = lang
        options.tables = tables
        options.sectorVocabularies = sectorVocabulary
        options.threads = threads
        options.include = selection.includes
        options.exclude = selection.excludes
        let summary: FlattenSummary
        do {
            summary = try runFlatten(options) { file, activities in
                guard !quiet else { return }
                Terminal.status("\(file): \(activities) activities so far")
            }
        } catch {
            Terminal.clearStatus()
            Terminal.standardError("iatix: error: \(error.description)")
            if case .usage = error { throw ExitCode(2) }
            throw ExitCode.failure
        }
        Terminal.clearStatus()
        report(summary)
        if !summary.problems.isEmpty { throw ExitCode.failure }
    }

    private func report(_ summary: FlattenSummary) {
        if !quiet {
            for line in SkippedInput.report(summary.skipped) { Terminal.standardError("iatix flatten: \(line)") }
        }
        for problem in summary.problems {
            let kept = problem.activitiesKept
            Terminal.standardError(
                "iatix: error: \(problem.file)\(problem.line > 0 ? ":\(problem.line)" : ""): \(problem.message)"
                    + (kept > 0 ? " (its \(kept) \(kept == 1 ? "activity" : "activities") read before this point are in the tables)" : ""))
        }
        for (target, reasons) in summary.unconverted.sorted(by: { $0.key < $1.key }) {
            let total = reasons.values.reduce(0, +)
            Terminal.standardError("iatix flatten: warning: \(total) amount(s) not converted to \(target), left empty: \(countsByReason(reasons))")
        }
        for line in amountWarnings(summary) { Terminal.standardError("iatix flatten: \(line)") }
        if summary.cellsCut > 0 {
            Terminal.standardError(
                "iatix flatten: warning: \(summary.cellsCut) text(s) longer than an Excel cell's 32,767 characters cut, marked \"[… cut\"; CSV and JSON Lines keep them whole")
        }
        if summary.numbersRounded > 0 {
            Terminal.standardError(
                "iatix flatten: warning: \(summary.numbersRounded) number(s) of more than 15 significant digits held rounded, as Excel holds every number; CSV and JSON Lines keep them exact")
        }
        guard !quiet else { return }
        let rows = summary.rows.map { "\($0.table) \($0.count)" }.joined(separator: ", ")
        Terminal.standardError("iatix flatten: \(summary.activities) activities from \(summary.files) file(s); rows: \(rows)")
        for path in summary.written { Terminal.standardError("wrote \(path)") }
    }
}
