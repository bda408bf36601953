import ArgumentParser
import Batch
import Dispatch
import IATI
import Inputs
import LibXML
#if canImport(Glibc)
import Glibc
#endif

/// `iatix batch`: whole folders and archives, in parallel, resumably, with a manifest.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert folders and archives of IATI files in parallel, with a manifest of every file.",
        discussion: """
            Inputs are files, folders (walked recursively; hidden names skipped), .zip, .tar and \
            .tar.gz/.tgz archives (read in place) and .xml.gz files. Outputs mirror the inputs under \
            --out: a folder's files by their path under it, an archive's members under a folder named \
            after the archive. Each output is written under a temporary name and renamed when complete.

            --out gets manifest.json (manifest-I-of-N.json with --shard): for every file its path \
            (and archive member), size, sha256, version, activities read, written and rejected (with \
            reasons), findings when validating, duration; totals; the options. Running the same \
            command again skips files whose content hash and options are unchanged (--force redoes \
            them). Ctrl-C stops cleanly: finished files stay, the manifest records what was not done.

            Exit status: 0 all files converted, 1 some file failed (listed on standard error and \
            in the manifest), 2 wrong usage, 130 interrupted.

            Examples:
              iatix batch registry/ --out converted/ --to jsonl
              iatix batch submissions.zip dump.tar.gz --out out/ --exclude 'drafts/**'
              iatix batch registry/ --out out/ --shard 3/8      # machine 3 of 8
            """
    )

    @Argument(help: "Files, folders and archives to convert.")
    var inputs: [String]

    @Option(name: .customLong("out"), help: "Output folder (created if missing).")
    var output: String

    @Option(name: .customLong("to"), help: "Output format: json, jsonl or xml.")
    var format: OutputFormat = .json

    @Flag(name: .customLong("validate"), help: "Validate each file too (findings counted in the manifest).")
    var validating = false

    @Option(name: .customLong("reject-on"), help: "With --validate, leave out activities with findings of this severity or worse: none (the default), critical or error.")
    var rejectLevel: RejectLevel?

    @Option(name: .customLong("rules"), help: "With --validate, an IATI ruleset file to use instead of the default rules.")
    var rulesFile: String?

    @Option(name: .customLong("org-id-prefixes"), help: ArgumentHelp("With --validate: " + ValidationRules.prefixesHelp, valueName: "file"))
    var prefixFile: String?

    @Option(help: "Files converted at the same time (default: all processors).")
    var jobs: Int?

    @OptionGroup var selection: InputSelection

    @Flag(help: "Redo every file, even those unchanged since the last run.")
    var force = false

    @Flag(name: .shortAndLong, help: "No progress and no summary; failures and warnings are still printed.")
    var quiet = false

    @Option(help: ArgumentHelp("Process only share I of N (1 ≤ I ≤ N), for N machines sharing a run.", valueName: "I/N"))
    var shard: String?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        if let shard, Shard(shard) == nil {
            throw ValidationError("--shard takes I/N with 1 ≤ I ≤ N, e.g. --shard 2/8.")
        }
        if inputs.contains("-") { throw ValidationError("batch reads files, folders and archives, not standard input ('-').") }
        let given = validationOnlyOptions
        if !validating, !given.isEmpty {
            let one = given.count == 1
            throw ValidationError(
                "\(given.joined(separator: " and ")) only appl\(one ? "ies" : "y") with --validate (without it nothing is validated); "
                    + "add --validate, or leave \(one ? "it" : "them") out.")
        }
    }

    /// The options given that only mean something with `--validate`.
    private var validationOnlyOptions: [String] {
        [("--reject-on", rejectLevel != nil), ("--rules", rulesFile != nil), ("--org-id-prefixes", prefixFile != nil)].filter(\.1).map(\.0)
    }

    func run() throws {
        var options = BatchOptions(inputs: inputs, outputDirectory: output)
        options.format = format
        options.validate = validating
        if validating {
            let (rules, name) = try ValidationRules.load(file: rulesFile, prefixFile: prefixFile)
            options.validator = BatchValidation(rules: rules, rulesName: name, rejectLevel: rejectLevel ?? .none)
        }
        options.jobs = jobs ?? BatchOptions.processorCount
        options.include = selection.includes
        options.exclude = selection.excludes
        options.force = force
        options.shard = shard.flatMap(Shard.init)
        options.toolVersion = Iatix.configuration.version
        options.describeError = { error in
            error is XMLError ? ErrorText.describe(error, input: "") : "\(error)"
        }

        let run = BatchRun(options: options)
        let signals = BatchSignals(run: run, quiet: quiet)
        let reporter = quiet ? nil : BatchReporter(run: run)
        reporter?.start()
        let outcome = try run.run()
        reporter?.stop()
        signals.cancel()

        if !quiet {
            for line in SkippedInput.report(outcome.skipped) { Terminal.standardError("iatix batch: \(line)") }
            Terminal.standardError(BatchReporter.summary(outcome))
        }
        for line in BatchReporter.leftOutWarning(outcome.records) { Terminal.standardError(line) }
        let failures = outcome.failures
        if !failures.isEmpty {
            Terminal.standardError("iatix batch: \(failures.count) file\(failures.count == 1 ? "" : "s") failed:")
            for failure in failures { Terminal.standardError("  \(failure.error ?? failure.displayName)") }
        }
        if outcome.interrupted { throw ExitCode(130) }
        if !failures.isEmpty { throw ExitCode.failure }
    }
}
