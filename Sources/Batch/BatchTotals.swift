/// Sums over a run's records, as the manifest's `totals` reports them.
public struct BatchTotals: Sendable, Hashable {
    /// Files and archive members recorded.
    public var files = 0
    /// Files converted in this run.
    public var converted = 0
    /// Files skipped as unchanged.
    public var unchanged = 0
    /// Files that failed.
    public var failed = 0
    /// Files not done (interrupted).
    public var notDone = 0
    /// Bytes of the documents parsed or hashed.
    public var bytes = 0
    /// Activities read, over all files.
    public var read = 0
    /// Activities written.
    public var written = 0
    /// Activities rejected (`read - written`).
    public var rejected = 0
    /// Rejection reasons over all files.
    public var reasons: [String: Int] = [:]
    /// Findings over all validated files, `nil` when nothing was validated.
    public var findings: [String: Int]?

    /// Sums `records`.
    public init(_ records: [FileRecord]) {
        for record in records {
            files += 1
            switch record.status {
            case .converted: converted += 1
            case .unchanged: unchanged += 1
            case .failed: failed += 1
            case .notDone: notDone += 1
            }
            bytes += record.size ?? 0
            read += record.read
            written += record.written
            rejected += record.rejected
            for (reason, count) in record.reasons { reasons[reason, default: 0] += count }
            if case .findings(let counts) = record.validation {
                var sum = findings ?? [:]
                for (kind, count) in counts { sum[kind, default: 0] += count }
                findings = sum
            }
        }
    }

    /// Whether the counts add up: every file has one status, every activity read was written
    /// or rejected, every rejection has a reason.
    public var balances: Bool {
        files == converted + unchanged + failed + notDone
            && read == written + rejected
            && rejected == reasons.values.reduce(0, +)
    }
}
