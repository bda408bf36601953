public import ArgumentParser
import Batch
import IATI
import Inputs
import LibXML
#if canImport(Glibc)
import Glibc
#endif

extension OutputFormat: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}

/// `iatix convert`: IATI XML to normalised JSON, JSON Lines or canonical IATI 2.03 XML.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert IATI files to normalised JSON, JSON Lines or canonical IATI XML.",
        discussion: """
            Inputs are IATI XML files (gzip-compressed too), or iatix's own JSON or JSON Lines \
            (to turn them back into XML). '-' reads standard input and, for -o, writes standard output. \
            Folders are walked recursively and .zip, .tar and .tar.gz archives read in place, taking \
            the files that match --include (default *.xml and *.xml.gz) and not --exclude; what is \
            skipped is listed on standard error. With -o FOLDER/ each document gets its own output, \
            at its path under the folder or archive it came from.

            Output files are written under a temporary name and renamed when complete: a failed \
            conversion leaves no partial file. A device or named pipe (-o /dev/null, a FIFO) is \
            written in place, never replaced. Elements and attributes the standard does not define \
            are kept and reported on standard error.

            Examples:
              iatix convert partner.xml --to json -o partner.json
              iatix convert partner.xml.gz --to jsonl > activities.jsonl
              iatix convert a.xml b.xml --to xml -o canonical/
              iatix convert registry/ dump.zip --to jsonl > all.jsonl
              iatix convert registry/ -o converted/ --exclude 'drafts/**'
            """
    )

    @Argument(help: "IATI files, folders and .zip/.tar/.tar.gz archives to convert ('-' for standard input).")
    var inputs: [String]

    @OptionGroup var selection: InputSelection

    @Option(name: .customLong("to"), help: "Output format: json (one document per input), jsonl (one activity per line) or xml (canonical IATI 2.03).")
    var format: OutputFormat = .json

    @Option(name: .customLong("from"), help: "Input format: xml, json or jsonl (default: from the file name; standard input is sniffed).")
    var inputFormat: InputFormat?

    @Option(name: [.short, .customLong("output")], help: "Output file, or a folder (ending in '/' or existing) for several inputs; default standard output.")
    var output: String?

    @Flag(name: .shortAndLong, help: "Print errors and warnings only: no notices, no summary.")
    var quiet = false

    @Flag(name: .customLong("keep-unicode-form"), help: "Keep text written in decomposed Unicode (NFD) as it is; by default it is put in composed form (NFC) and noted.")
    var keepsUnicodeForm = false

    @Option(name: .customLong("upgrade-log"), help: ArgumentHelp("Write what upgrading 1.0x, 2.01 and 2.02 input to 2.03 changed, as JSON: per file, per activity, each change.", valueName: "file"))
    var upgradeLog: String?

    func validate() throws {
        if inputs.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input ('-') can be read only once.")
        }
        if inputs.count > 1, format != .jsonl, !outputIsFolder {
            throw ValidationError("with several inputs, -o must name a folder (e.g. -o out/), or use --to jsonl to stream them all.")
        }
    }

    private var outputIsFolder: Bool {
        guard let output, output != "-" else { return false }
        return output.hasSuffix("/") || Paths.isDirectory(output)
    }

    func run() throws {
        let scan = selection.scan(inputs, command: "convert", outputDirectory: outputIsFolder ? output : nil, quiet: quiet)
        if scan.documents.count > 1, format != .jsonl, !outputIsFolder {
            throw ValidationError("the inputs hold \(scan.documents.count) documents: -o must name a folder (e.g. -o out/), or use --to jsonl to stream them all.")
        }
        var failures = scan.problems.count + (scan.documents.isEmpty ? 1 : 0)
        if outputIsFolder, let output { try Paths.makeDirectory(output) }
        // Several inputs into one stream (JSON Lines on standard output or in one file).
        let sharedSink: ByteSink? = outputIsFolder ? nil : try ByteSink(path: output ?? "-")
        let upgradeSink = try upgradeLog.map { try ByteSink(path: $0) }
        let upgradeWriter = try upgradeSink.map { try UpgradeLogWriter(sink: $0) }
        let cursor = ArchiveCursor()
        // Each output's input: a second input with the same output name fails, not overwrites.
        var producedFrom: [String: String] = [:]
        for document in scan.documents {
            let input = document.displayName
            let target = outputIsFolder ? Paths.join(output ?? ".", OutputNaming.output(forKey: document.relativePath, format: format)) : nil
            if let target, let first = producedFrom[target] {
                failures += 1
                Terminal.standardError(
                    "iatix: error: \(input): its output \(target) is already produced from \(first); rename one of them, or convert it on its own into another folder")
                continue
            }
            if let target { producedFrom[target] = input }
            do {
                if let target { try Paths.makeDirectory(Paths.parent(of: target)) }
                let sink = try target.map { try ByteSink(path: $0) } ?? sharedSink
                guard let sink else { continue }
                try upgradeWriter?.beginFile(input)
                let (summary, upgrade) = try convert(document, cursor: cursor, into: sink, upgradeLog: upgradeWriter)
                try upgradeWriter?.endFile(upgrade ?? UpgradeSummary())
                if target != nil { try sink.commit() }
                report(summary, upgrade: upgrade, to: target ?? output ?? "-")
            } catch {
                failures += 1
                cursor.reset()
                try? upgradeWriter?.endFile(UpgradeSummary())
                Terminal.clearStatus()
                Terminal.standardError("iatix: error: \(ErrorText.describe(error, input: input))")
            }
        }
        if let sharedSink {
            if failures > 0 && sharedSink.path != "-" {
                sharedSink.discard()
            } else {
                try sharedSink.commit()
            }
        }
        if let upgradeWriter, let upgradeSink {
            try upgradeWriter.finish()
            try upgradeSink.commit()
        }
        if failures > 0 { throw ExitCode.failure }
    }

    private func convert(
        _ document: InputDocument, cursor: ArchiveCursor, into sink: ByteSink, upgradeLog: UpgradeLogWriter?
    ) throws -> (ConversionSummary, UpgradeSummary?) {
        let input = document.displayName
        // Standard input has no name to guess from: its first bytes tell.
        let layout = inputFormat ?? (document.origin == .standardInput ? nil : InputFormat.guess(path: document.memberPath ?? document.path))
        let source = try Conversion.source(name: input, bytes: document.open(with: cursor), format: layout, keepsUnicodeForm: keepsUnicodeForm)
        let xmlSource = source as? XMLDocumentSource
        if let upgradeLog { xmlSource?.upgrade.onRecord = { upgradeLog.write($0) } }
        let writer = format.writer(into: sink)
        let total = document.size
        let started = Terminal.now()
        var lastReport = started
        let summary = try Conversion.run(source, into: writer) { bytes in
            guard !quiet, Terminal.standardErrorIsTerminal else { return }
            let now = Terminal.now()
            guard now - lastReport >= 0.5 else { return }
            lastReport = now
            Terminal.status(Progress.line(name: input, bytes: bytes, total: total, elapsed: now - started))
        }
        Terminal.clearStatus()
        return (summary, xmlSource?.upgrade.summary)
    }

    private func report(_ summary: ConversionSummary, upgrade: UpgradeSummary?, to target: String) {
        if !summary.leftOut.isEmpty {
            Terminal.standardError(
                "iatix: warning: \(summary.input): JSON Lines holds records only; left out: \(summary.leftOut.joined(separator: ", ")) "
                    + "(--to json or --to xml keeps them)")
        }
        guard !quiet else { return }
        for notice in summary.notices.samples {
            Terminal.standardError("\(summary.input):\(notice.line): note: \(notice.message)")
        }
        var line = "\(summary.input): \(summary.recordCount) → \(target == "-" ? "standard output" : target)"
        if summary.notices.total > 0 {
            let counts = summary.notices.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }
            line += " (kept and noted: \(counts.joined(separator: ", ")))"
        }
        Terminal.standardError(line)
        if let upgrade, upgrade.isUpgrade {
            Terminal.standardError("\(summary.input): " + UpgradeReport.line(upgrade))
        }
    }
}
