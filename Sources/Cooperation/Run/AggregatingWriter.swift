import IATI
import Inputs
import LibXML

/// The outputs' end of the one road for records: a ``IATI/DocumentWriter`` that decodes each
/// record ``IATI/Conversion`` hands it (canonical, and upgraded from 1.0x, 2.01 and 2.02 to
/// 2.03 by ``IATI/XMLDocumentSource``) and adds it to the aggregation when the
/// ``ActivitySelection`` counts it. No loop over records of its own:
/// ``IATI/Conversion/run(_:into:progress:)`` drives it.
///
/// The second reading of an input (see ``InputPasses``): the first listed its activities, so
/// the records come in the same order and are known by their position.
final class AggregatingWriter: RecordTreeWriter {
    private(set) var aggregator: OutputsAggregator
    private let selection: ActivitySelection
    /// The position of the next record, in the order the selection listed them.
    private var position = 0
    /// The document being read.
    private(set) var file = ""
    private var language: String?

    init(_ aggregator: OutputsAggregator, selection: ActivitySelection) {
        self.aggregator = aggregator
        self.selection = selection
    }

    /// Reads `document` again and adds the activities the selection counts.
    /// - Parameter first: the position of its first activity.
    /// - Returns: the SHA-256 of what was read, to check that the document did not change.
    /// - Throws: ``LibXML/XMLError`` when it can no longer be read.
    func read(_ document: InputDocument, from first: Int, cursor: ArchiveCursor) throws -> String {
        file = document.displayName
        position = first
        return try document.read(into: self, cursor: cursor)
    }

    /// Adds the activities of a document held from its first reading (standard input).
    func add(_ activities: [Activity], from first: Int, file: String) {
        for (offset, activity) in activities.enumerated() where selection.isCounted(first + offset) {
            aggregator.add(activity, file: file)
        }
    }

    func begin(_ header: DocumentHeader) throws {
        language = try header.activityFileLanguage(file: file)
    }

    func write(tree: RecordTree) throws {
        defer { position += 1 }
        guard selection.isCounted(position) else { return }
        aggregator.add(Activity(record: tree, fileLanguage: language), file: file)
    }

    func end(rootExtensions: [Node]) throws {}
}
