import IATI
import LibXML

/// The first reading of an input for `iatix outputs`: a ``IATI/DocumentWriter`` that lists each
/// activity's identifier, `last-updated-datetime` and line for the ``ActivitySelection``,
/// so that the choice between versions is made before anything is counted.
///
/// Memory: one small ``ActivitySelection/Version`` per activity; the decoded activities too
/// only with `holdsActivities` (standard input, pipes and devices, which cannot be read
/// a second time).
final class VersionListing: RecordTreeWriter {
    private(set) var versions: [ActivitySelection.Version] = []
    /// The decoded activities, when held.
    private(set) var activities: [Activity] = []
    let file: String
    private let holdsActivities: Bool
    private var language: String?

    init(file: String, holdsActivities: Bool) {
        self.file = file
        self.holdsActivities = holdsActivities
    }

    func begin(_ header: DocumentHeader) throws {
        language = try header.activityFileLanguage(file: file)
    }

    func write(tree: RecordTree) throws {
        let activity = Activity(record: tree, fileLanguage: language)
        versions.append(ActivitySelection.Version(identifier: activity.identifier, lastUpdated: activity.lastUpdated, line: activity.line))
        if holdsActivities { activities.append(activity) }
    }


    func end(rootExtensions: [Node]) throws {}
}
