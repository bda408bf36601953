import IATI
public import ArgumentParser
import Cooperation
import Inputs

extension ReportLanguage: ExpressibleByArgument {}
extension OutputsOptions.Format: ExpressibleByArgument {}

/// `iatix outputs`: the programme's cooperation outputs from activity files.
struct Outputs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Map activities onto a cooperation framework and report funding and results per priority, outcome and output.",
        discussion: """
            Reads the framework (YAML), checks it and any rates file before reading activities, then \
            streams the activity files and writes the cooperation outputs: JSON, XML (the project's \
            exchange format), CSV tables and a self-contained HTML report, and with --format xlsx one \
            workbook with a sheet per table. --lang vi gives titles and names from the Vietnamese \
            narratives where the data has them, and Vietnamese labels and headers in every output.

            Every output has grand totals per measure and currency. With --rates (the IMF monthly \
            layout Date,Rate,Currency,Frequency,Source, as flatten, with --currency) every amount is \
            also converted, listed with the rate and the rate's date used; an amount without a usable \
            rate is listed, never counted as 0.

            Inputs are files (.xml, .xml.gz, '-'), folders (walked recursively) and .zip, .tar and \
            .tar.gz archives (read in place), as for convert and validate: files that match --include \
            (default *.xml and *.xml.gz) and not --exclude; what is skipped is listed on standard \
            error. Files of versions 1.0x, 2.01 and 2.02 are upgraded to 2.03 as they are read, as \
            convert does, so every version gives the same measures.

            An activity found more than once (same iati-identifier, in several inputs or twice in one) \
            is counted once: the version with the latest last-updated-datetime, then the one read \
            later; the outputs list every duplicate. A file that fails part-way contributes nothing \
            and is listed at the top of the report; when no input can be read, nothing is written \
            and the exit status is 1. CSV files start with a UTF-8 byte order mark (for Excel).

            Example:
              iatix outputs --framework samples/framework/vn-ilo-dwcp-2022-2026.yaml \\
                samples/ilo-vietnam-activities.xml -o out/
            """
    )

    @Option(help: "The cooperation framework (YAML; see schemas/framework.schema.json).")
    var framework: String

    @Argument(help: "IATI activity files, folders and .zip/.tar/.tar.gz archives ('-' for standard input).")
    var inputs: [String]

    @OptionGroup var selection: InputSelection

    @Option(name: [.short, .customLong("output")], help: "Folder for the outputs (created if missing).")
    var output: String = "."

    @Option(help: "File names start with this.")
    var name: String = "cooperation-outputs"

    @Option(name: .customLong("format"), help: "Outputs to write (repeatable): json, xml, csv, html, xlsx. Default: json, xml, csv and html.")
    var formats: [OutputsOptions.Format] = []

    @Option(help: "Exchange rates CSV (Date,Rate,Currency,Frequency,Source, or date,currency,rate[,target]); amounts are converted with the rate of their value date.")
    var rates: String?

    @Option(help: "Currency to convert to (default: the rates file's target column).")
    var currency: String?

    @Option(help: "Language of the outputs: titles and names from the data, labels, CSV and XLSX headers, the HTML report (en or vi).")
    var lang: ReportLanguage = .en

    @Flag(name: .shortAndLong, help: "Print errors and warnings only: no progress, no summary.")
    var quiet = false

    func run() throws {
        let options = OutputsOptions(
            framework: framework, inputs: inputs, outputDirectory: output, baseName: name,
            formats: formats.isEmpty ? OutputsOptions.Format.defaults : Set(formats),
            rates: rates, targetCurrency: currency, language: lang,
            include: selection.includes, exclude: selection.excludes, generator: "iatix \(Iatix.version)")
        let summary: OutputsSummary
        do {
            summary = try runOutputs(options) { file, activities in
                guard !quiet else { return }
                Terminal.status("\(file): \(activities) activities so far")
            }
        } catch {
            Terminal.clearStatus()
            Terminal.standardError("iatix: error: \(error.description)")
            throw ExitCode.failure
        }
        Terminal.clearStatus()
        if !quiet {
            for line in SkippedInput.report(summary.skipped) { Terminal.standardError("iatix outputs: \(line)") }
        }
        for problem in summary.outputs.inputProblems {
            Terminal.standardError("iatix: error: \(problem.file):\(problem.line): \(problem.message)")
        }
        if !quiet {
            let duplicates = summary.outputs.duplicates.count
            if duplicates > 0 {
                Terminal.standardError(
                    "iatix outputs: \(duplicates) \(duplicates == 1 ? "activity" : "activities") read more than once, each counted once "
                        + "(the latest last-updated-datetime, then the later input); see duplicates in the outputs")
            }
            for path in summary.written { Terminal.standardError("wrote \(path)") }
        }
        // As `flatten` does: amounts left out of the converted totals are said, not only listed.
        let unconverted = summary.outputs.unconverted.count + summary.outputs.unconvertedOmitted
        if unconverted > 0, let target = summary.outputs.run.targetCurrency {
            let reasons = countsByReason(Dictionary(grouping: summary.outputs.unconverted, by: \.reason).mapValues(\.count))
            Terminal.standardError(
                "iatix outputs: warning: \(unconverted) allocated amount(s) not converted to \(target), left out of the converted totals "
                    + "(never counted as 0): \(reasons)\(summary.outputs.unconvertedOmitted > 0 ? ", and \(summary.outputs.unconvertedOmitted) more" : ""); "
                    + "see unconverted in the outputs")
        }
        if !quiet {
            if !summary.reconciles {
                Terminal.standardError("warning: the totals do not reconcile with the inputs; see the reconciliation section of the JSON output")
            }
        }
        if !summary.inputsReadCompletely { throw ExitCode.failure }
    }
}
