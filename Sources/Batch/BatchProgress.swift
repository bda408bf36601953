/// Where a run stands, for progress lines.
public struct BatchProgress: Sendable, Hashable {
    /// What the run is doing.
    public enum Phase: Sendable, Hashable {
        /// Walking folders and listing archives.
        case scanning
        /// Converting files.
        case converting
        /// Writing the manifest.
        case finishing
    }

    /// What the run is doing now.
    public var phase: Phase = .scanning
    /// Files (and archive members) of this run, after sharding.
    public var filesTotal = 0
    /// Files finished, whatever their status.
    public var filesDone = 0
    /// Files finished as failed.
    public var filesFailed = 0
    /// Files skipped as unchanged since the last run.
    public var filesUnchanged = 0
    /// Activities read so far.
    public var activities = 0
    /// Bytes expected over all files (compressed size for `.gz` files: an estimate).
    public var bytesTotal = 0
    /// Bytes read so far.
    public var bytesDone = 0
    /// Seconds since converting began.
    public var elapsed = 0.0
    /// Whether a stop was requested.
    public var stopping = false

    /// Bytes per second so far.
    public var rate: Double { elapsed > 0 ? Double(bytesDone) / elapsed : 0 }

    /// Estimated seconds left, when there is a rate to go by.
    public var secondsLeft: Double? {
        guard rate > 0, bytesTotal > bytesDone else { return nil }
        return Double(bytesTotal - bytesDone) / rate
    }
}
