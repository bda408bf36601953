import Batch
import Dispatch

/// Progress of `iatix batch` on standard error: a live line on a terminal, a plain line every
/// ten seconds otherwise.
final class BatchReporter {
    private let run: BatchRun
    private let timer: any DispatchSourceTimer
    private let live = Terminal.standardErrorIsTerminal

    init(run: BatchRun) {
        self.run = run
        timer = DispatchSource.makeTimerSource(queue: .global())
    }

    func start() {
        let interval: DispatchTimeInterval = live ? .milliseconds(500) : .seconds(10)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        let run = self.run
        let live = self.live
        timer.setEventHandler {
            let line = Self.line(run.progress())
            if live { Terminal.status(line) } else { Terminal.standardError(line) }
        }
        timer.resume()
    }

    func stop() {
        timer.cancel()
        if live { Terminal.clearStatus() }
    }

    /// `batch: 120/2000 files, 45210 activities, 35.2 MB/s, about 80 s left, 3 failed`.
    static func line(_ progress: BatchProgress) -> String {
        switch progress.phase {
        case .scanning: return "iatix batch: finding files…"
        case .finishing: return "iatix batch: writing the manifest…"
        case .converting: break
        }
        var text = "iatix batch: \(progress.filesDone)/\(progress.filesTotal) files, \(progress.activities) activities, "
        text += "\(Progress.format(progress.rate / 1_000_000)) MB/s"
        if let left = progress.secondsLeft, !progress.stopping { text += ", about \(duration(left)) left" }
        if progress.filesUnchanged > 0 { text += ", \(progress.filesUnchanged) unchanged" }
        if progress.filesFailed > 0 { text += ", \(progress.filesFailed) failed" }
        if progress.stopping { text += " — stopping" }
        return text
    }

    /// The closing line.
    static func summary(_ outcome: BatchOutcome) -> String {
        let totals = outcome.totals
        var parts = ["\(totals.converted) converted"]
        if totals.unchanged > 0 { parts.append("\(totals.unchanged) unchanged") }
        if totals.failed > 0 { parts.append("\(totals.failed) failed") }
        if totals.notDone > 0 { parts.append("\(totals.notDone) not done") }
        return "iatix batch: \(totals.files) file\(totals.files == 1 ? "" : "s") (\(parts.joined(separator: ", "))); "
            + "activities: \(totals.read) read, \(totals.written) written, \(totals.rejected) rejected; "
            + "manifest: \(outcome.manifestPath)"
            + (outcome.interrupted ? " (interrupted: run the same command again to finish)" : "")
    }

    /// The warning for outputs that left out part of their file (JSON Lines: the file's own
    /// extensions), naming the first few files; empty when none did.
    static func leftOutWarning(_ records: [FileRecord], naming limit: Int = 10) -> [String] {
        let leaving = records.filter { !$0.leftOut.isEmpty }
        guard !leaving.isEmpty else { return [] }
        let count = leaving.count == 1 ? "1 file's extensions" : "\(leaving.count) files' extensions"
        var lines = ["iatix batch: warning: JSON Lines holds records only; \(count) left out (--to json or --to xml keeps them; the manifest lists them under leftOut):"]
        lines += leaving.prefix(limit).map { "  \($0.displayName): \($0.leftOut.joined(separator: ", "))" }
        if leaving.count > limit { lines.append("  and \(leaving.count - limit) more") }
        return lines
    }

    private static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 90 { return "\(whole) s" }
        if whole < 5400 { return "\(whole / 60) min" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
