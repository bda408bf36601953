public import ArgumentParser
import Inputs
import Load
import Tables

extension LoadOptions.Mode: ExpressibleByArgument {}

/// `iatix load`: the flat tables in a SQLite or PostgreSQL database, one transaction per file.
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load activities into a database (SQLite or PostgreSQL): the flat tables, one transaction per file.",
        discussion: """
            Reads the inputs as every command does (files, '-', folders, .zip/.tar/.tar.gz archives) \
            and loads the tables iatix flatten writes (same tables, same columns, docs/tables.md) into \
            the database, plus 'datasets' (one row per file or archive member: path, member, sha256, \
            size, version, publisher, loaded_at, iatix_version) and dataset_id on every row; views \
            activity_totals, yearly_totals, sector_country_totals and current_activities. The schema \
            is made when missing and migrated when older.

            Each file is loaded in one transaction: a file that fails part-way leaves the database as \
            it was, and the run goes on. A file whose SHA-256 is already loaded is skipped; a new \
            version of a file loaded before (the same path, or the same member path in an archive) \
            replaces its rows. --replace empties every table first; --append adds new versions beside \
            the old ones instead of replacing them. Two loads into one SQLite file take turns, file \
            by file; one that waits more than 60 s for its turn stops and can be run again.

            Narrative columns are made for fixed languages (--lang, default en and vi); the narratives \
            table keeps every narrative in every language.

            Databases:
              sqlite:PATH                                  a SQLite file, created when missing (WAL mode)
              postgresql://USER[:PASSWORD]@HOST[:PORT]/DB  a PostgreSQL server (rows sent with COPY)

            Examples:
              iatix load samples/ilo-vietnam-activities.xml --db sqlite:iati.db
              iatix load registry.zip --db postgresql://iati@localhost:5432/iati
              iatix load data/ --db sqlite:iati.db --currency USD --rates rates.csv --replace
            """
    )

    @Argument(help: "IATI activity files, folders and .zip/.tar/.tar.gz archives ('-' for standard input).")
    var inputs: [String]

    @OptionGroup var selection: InputSelection

    @Option(help: ArgumentHelp("The database: sqlite:PATH or postgresql://USER@HOST:PORT/DB.", valueName: "url"))
    var db: String

    @Option(help: ArgumentHelp("Convert amounts into this currency (repeatable; needs --rates).", valueName: "code"))
    var currency: [String] = []

    @Option(help: ArgumentHelp("Exchange rates: Date,Rate,Currency,Frequency,Source (IMF monthly, units per US dollar).", valueName: "file"))
    var rates: String?

    @Option(help: ArgumentHelp("A language of the narrative columns (repeatable, in order of preference; default: en, vi).", valueName: "code"))
    var lang: [String] = []

    @Option(help: ArgumentHelp("Sector vocabulary of the splits (repeatable; default: 1, else 2).", valueName: "code"))
    var sectorVocabulary: [String] = []

    @Flag(help: "Empty every table first.")
    var replace = false

    @Flag(help: "Keep earlier versions of a file beside the new one instead of replacing them.")
    var append = false

    @Flag(name: .shortAndLong, help: "Print errors and warnings only: no progress, no summary.")
    var quiet = false

    func validate() throws {
        if replace && append { throw ValidationError("--replace and --append cannot be used together") }
        if DatabaseURL(db) == nil { throw ValidationError("--db \(db): expected sqlite:PATH or postgresql://USER@HOST:PORT/DB") }
    }

    func run() throws {
        guard let database = DatabaseURL(db) else { throw ExitCode(2) }
        var options = LoadOptions(inputs: inputs, database: database)
        options.mode = replace ? .replace : append ? .append : .update
        options.currencies = currency
        options.rates = rates
        if !lang.isEmpty { options.languages = lang }
        options.sectorVocabularies = sectorVocabulary
        options.include = selection.includes
        options.exclude = selection.excludes
        options.iatixVersion = Iatix.version
        let summary: LoadSummary
        do {
            summary = try runLoad(options) { [quiet] event in if !quiet { Self.show(event) } }
        } catch {
            Terminal.clearStatus()
            Terminal.standardError("iatix: error: \(error.description)")
            throw error.isUsage ? ExitCode(2) : ExitCode.failure
        }
        Terminal.clearStatus()
        report(summary)
        if !summary.read.problems.isEmpty { throw ExitCode.failure }
    }

    private static func show(_ progress: LoadProgress) {
        switch progress {
        case .reading(let file, let activities):
            Terminal.status("\(file): \(activities) activities so far")
        case .dataset(.loaded(let file, let id, let replaced)):
            Terminal.clearStatus()
            let note = replaced.isEmpty ? "" : " (replacing dataset \(replaced.map(String.init).joined(separator: ", ")))"
            Terminal.standardError("iatix load: \(file): loaded as dataset \(id)\(note)")
        case .dataset(.unchanged(let file, let id)):
            Terminal.clearStatus()
            Terminal.standardError("iatix load: \(file): unchanged, already loaded as dataset \(id)")
        case .dataset(.failed):
            break
        }
    }

    private func report(_ summary: LoadSummary) {
        if !quiet {
            for line in SkippedInput.report(summary.read.skipped) { Terminal.standardError("iatix load: \(line)") }
        }
        for problem in summary.read.problems {
            Terminal.standardError(
                "iatix: error: \(problem.file)\(problem.line > 0 ? ":\(problem.line)" : ""): \(problem.message) "
                    + "(none of its rows were loaded)")
        }
        for (target, reasons) in summary.read.unconverted.sorted(by: { $0.key < $1.key }) {
            let total = reasons.values.reduce(0, +)
            Terminal.standardError("iatix load: warning: \(total) amount(s) not converted to \(target), left empty")
        }
        for line in amountWarnings(summary.read) { Terminal.standardError("iatix load: \(line)") }
        if summary.nonNumbersAsNull > 0 {
            Terminal.standardError(
                "iatix load: warning: \(summary.nonNumbersAsNull) value(s) of number columns were not numbers (such as 1,000), loaded as NULL; "
                    + "flatten --format csv shows them as written")
        }
        if !summary.repeated.isEmpty {
            let first = summary.repeated.prefix(5).map { "\($0.identifier) (\($0.datasets) datasets)" }.joined(separator: ", ")
            Terminal.standardError(
                "iatix load: warning: \(summary.repeated.count) activity identifier(s) in more than one dataset: \(first)"
                    + (summary.repeated.count > 5 ? ", …" : "") + "; current_activities keeps the latest of each")
        }
        guard !quiet else { return }
        let loaded = summary.datasets.filter { if case .loaded = $0 { true } else { false } }.count
        let unchanged = summary.read.unchanged.count
        let rows = summary.rows.filter { $0.count > 0 }.map { "\($0.table) \($0.count)" }.joined(separator: ", ")
        Terminal.standardError(
            "iatix load: \(loaded) file(s) loaded, \(unchanged) unchanged, \(summary.read.problems.count) failed; rows: \(rows.isEmpty ? "none" : rows)")
    }
}
