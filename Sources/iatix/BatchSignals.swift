import Batch
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C and SIGTERM: the first asks the run to stop cleanly, a second quits at once.
final class BatchSignals {
    private let sources: [any DispatchSourceSignal]

    init(run: BatchRun, quiet: Bool) {
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if run.progress().stopping {
                    Terminal.clearStatus()
                    Terminal.standardError("iatix batch: stopped at once; temporary files are removed by the next run.")
                    exit(130)
                }
                run.stop()
                if !quiet {
                    Terminal.clearStatus()
                    Terminal.standardError("iatix batch: stopping: finishing the manifest (press Ctrl-C again to quit at once).")
                }
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
