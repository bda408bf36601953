import Platform

/// What workers share while a run goes: the stop request and the progress counters.
final class RunState: Sendable {
    private let stopRequested = Locked(false)
    let progress = Locked(BatchProgress())
    let started = MonotonicClock.now()

    /// Asks workers to stop after (or in the middle of) their current file.
    func stop() {
        stopRequested.withLock { $0 = true }
        progress.withLock { $0.stopping = true }
    }

    var isStopping: Bool { stopRequested.snapshot }

    /// Adds what a worker did since it last reported.
    func add(bytes: Int, activities: Int) {
        guard bytes != 0 || activities != 0 else { return }
        progress.withLock {
            $0.bytesDone += bytes
            $0.activities += activities
        }
    }

    /// Counts a finished file.
    func finished(_ record: FileRecord) {
        progress.withLock {
            $0.filesDone += 1
            if record.status == .failed { $0.filesFailed += 1 }
            if record.status == .unchanged { $0.filesUnchanged += 1 }
        }
    }
}

/// Thrown inside a conversion when a stop was requested.
struct Interrupted: Error {}

/// A worker's running count of bytes and activities not yet added to the shared progress,
/// handed over in batches to keep the lock cold.
struct ProgressTally {
    private var bytes = 0
    private var activities = 0
    private var lastBytes = 0

    /// Notes that the file has reached `bytesRead` and read `newActivities` more activities.
    mutating func note(bytesRead: Int, newActivities: Int = 0, state: RunState) {
        bytes += bytesRead - lastBytes
        lastBytes = bytesRead
        activities += newActivities
        if bytes >= 1 << 20 || activities >= 256 { flush(state) }
    }

    mutating func flush(_ state: RunState) {
        state.add(bytes: bytes, activities: activities)
        bytes = 0
        activities = 0
    }
}
