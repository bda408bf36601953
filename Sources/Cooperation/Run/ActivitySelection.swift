import IATI

/// Chooses one version of each activity across all the inputs, so that an activity sent twice
/// (the same file re-sent, a corrected export, or the same identifier twice in one file) is
/// counted once: the version with the latest `last-updated-datetime` wins, then the one read
/// later. Activities without an identifier are always kept.
///
/// Memory: the kept activities (decoded, typed values, a few kilobytes each) stay here until
/// ``chosen()``, so memory grows with the number of distinct activities of the run — not with
/// the size of the files, nor with the versions left out — plus a file name, line and date per
/// version of each identifier.
struct ActivitySelection {
    /// A version of an activity, and where it was read.
    private struct Candidate {
        var activity: Activity
        var file: String
        /// Order of reading across the run: the later version wins a tie.
        var position: Int
        var lastUpdated: LastUpdated
    }

    private var kept: [String: Candidate] = [:]
    private var anonymous: [Candidate] = []
    /// Every version of each identifier, in reading order (file, line, date as written).
    private var versions: [String: [(file: String, line: Int, lastUpdated: String?, position: Int)]] = [:]
    private var count = 0

    /// Adds the activities of one input read to its end.
    mutating func add(_ activities: [Activity], file: String) {
        for activity in activities {
            count += 1
            let candidate = Candidate(activity: activity, file: file, position: count, lastUpdated: LastUpdated(activity.lastUpdated))
            guard let identifier = activity.identifier, !identifier.isEmpty else {
                anonymous.append(candidate)
                continue
            }
            versions[identifier, default: []].append((file, activity.line, activity.lastUpdated?.text, count))
            if let current = kept[identifier], candidate.lastUpdated < current.lastUpdated { continue }
            kept[identifier] = candidate
        }
    }

    /// The activities to count, each with its file, in the order their kept versions were read.
    func chosen() -> [(activity: Activity, file: String)] {
        (Array(kept.values) + anonymous).sorted { $0.position < $1.position }.map { ($0.activity, $0.file) }
    }

    /// Every identifier read more than once, with its versions and the one kept, in the order
    /// the identifiers were first read.
    func duplicates() -> [DuplicateActivity] {
        versions.filter { $0.value.count > 1 }
            .sorted { ($0.value.first?.position ?? 0) < ($1.value.first?.position ?? 0) }
            .map { identifier, list in
                let keptPosition = kept[identifier]?.position
                return DuplicateActivity(activity: identifier, versions: list.map {
                    ActivityVersion(file: $0.file, line: $0.line, lastUpdated: $0.lastUpdated, kept: $0.position == keptPosition)
                })
            }
    }
}
