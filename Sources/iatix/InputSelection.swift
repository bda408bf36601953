import ArgumentParser
import Inputs

/// `--include` and `--exclude`, and finding the documents: every command that reads IATI
/// files takes its inputs this way (files, `-`, folders, `.zip`, `.tar`, `.tar.gz`).
struct InputSelection: ParsableArguments {
    @Option(help: ArgumentHelp("Only files in folders and archives matching this pattern (repeatable; default '*.xml' and '*.xml.gz'). Files named on the command line are always read.", valueName: "glob"))
    var include: [String] = []

    @Option(help: ArgumentHelp("Leave out files, folders and archive members matching this pattern, matched against the path under the folder or archive (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    var includes: [Glob] { include.map(Glob.init) }
    var excludes: [Glob] { exclude.map(Glob.init) }

    /// The documents the inputs name. Prints what was skipped (a count by reason and the
    /// first few paths; not when `quiet`) and every input that cannot be read, on standard error.
    /// - Parameters:
    ///   - command: names the command in the skip lines (`iatix validate: skipped …`).
    ///   - outputDirectory: a folder never walked into (the command's own outputs).
    func scan(_ inputs: [String], command: String, outputDirectory: String? = nil, quiet: Bool = false) -> InputScan {
        let scanner = InputScanner(includes: includes, excludes: excludes, outputDirectory: outputDirectory.flatMap(Paths.realPath))
        let scan = scanner.scan(inputs)
        if !quiet {
            for line in SkippedInput.report(scan.skipped) { Terminal.standardError("iatix \(command): \(line)") }
        }
        for problem in scan.problems { Terminal.standardError("iatix: error: \(problem)") }
        if scan.documents.isEmpty && scan.problems.isEmpty {
            Terminal.standardError("iatix: error: no input files found in \(inputs.joined(separator: ", ")) (folders and archives give files matching \(scanner.includes.map(\.pattern).joined(separator: ", ")); see --include)")
        }
        return scan
    }
}
