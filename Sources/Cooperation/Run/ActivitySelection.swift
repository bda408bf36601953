import IATI

/// Chooses one version of each activity across all the inputs, so that an activity sent twice
/// (the same file re-sent, a corrected export, or the same identifier twice in one file) is
/// counted once: the version with the latest `last-updated-datetime` wins, then the one read
/// later. Activities without an identifier are always counted.
///
/// It sees every activity twice: first as a ``Version`` (identifier, date, line) while the
/// inputs are listed, then by its position in reading order while they are aggregated
/// (``isCounted(_:)``). Memory: per activity read, its identifier, date text, file name and
/// line, never the decoded activity.
struct ActivitySelection {
    /// What the choice needs to know of one activity.
    struct Version {
        var identifier: String?
        var lastUpdated: IATIDate?
        var line: Int
    }

    private struct Seen {
        var file: String
        var line: Int
        var lastUpdated: String?
        var position: Int
    }

    /// The version counted so far for each identifier: its position and date.
    private var kept: [String: (position: Int, lastUpdated: LastUpdated)] = [:]
    /// Positions of versions left out.
    private var superseded: Set<Int> = []
    /// Every version of each identifier, in reading order.
    private var versions: [String: [Seen]] = [:]
    /// Activities listed so far: the position the next one takes.
    private(set) var count = 0

    /// Adds the activities of one input read to its end, in reading order.
    mutating func add(_ list: [Version], file: String) {
        for version in list {
            let position = count
            count += 1
            guard let identifier = version.identifier, !identifier.isEmpty else { continue }
            versions[identifier, default: []].append(
                Seen(file: file, line: version.line, lastUpdated: version.lastUpdated?.text, position: position))
            let date = LastUpdated(version.lastUpdated)
            if let current = kept[identifier] {
                if date < current.lastUpdated {
                    superseded.insert(position)
                    continue
                }
                superseded.insert(current.position)
            }
            kept[identifier] = (position, date)
        }
    }

    /// Whether the activity at `position` (in the order ``add(_:file:)`` listed them) counts.
    func isCounted(_ position: Int) -> Bool {
        !superseded.contains(position)
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
