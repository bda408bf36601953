import IATI
import Inputs
import LibXML

/// The outputs' end of the one road for records: a ``IATI/DocumentWriter`` that decodes each
/// record ``IATI/Conversion`` hands it (canonical, and upgraded from 1.0x, 2.01 and 2.02 to
/// 2.03 by ``IATI/XMLDocumentSource``). No loop over records of its own:
/// ``IATI/Conversion/run(_:into:progress:)`` drives it.
///
/// All or nothing per input: a document's activities are held until it is read to its end,
/// then handed to the ``ActivitySelection``; a document that fails part-way contributes none
/// of them and is listed as an input problem. Memory: the activities of one document at a
/// time here, and the kept versions in the selection (see ``ActivitySelection``).
final class AggregatingWriter: DocumentWriter {
    private(set) var aggregator: OutputsAggregator
    /// The activities of the documents read to their end, one version per identifier.
    private(set) var selection = ActivitySelection()
    /// Every input, in the order read, with its checksum.
    private(set) var inputs: [InputFile] = []
    /// Activities read so far, from every document (counted or not).
    private(set) var activitiesRead = 0
    /// The document being read, as its records are listed.
    private var file = ""
    private var language: String?
    /// The activities of the document being read.
    private var pending: [Activity] = []

    init(_ aggregator: OutputsAggregator) {
        self.aggregator = aggregator
    }

    /// Whether at least one document was read to its end.
    var anyInputCounted: Bool { inputs.contains(where: \.counted) }

    /// Reads every activity of `document`; they count only when the document is read to its
    /// end, otherwise the document is listed as an input problem.
    func read(_ document: InputDocument, cursor: ArchiveCursor) {
        file = document.displayName
        pending = []
        do {
            let bytes = HashingSource(try document.openForReading(with: cursor))
            try Conversion.run(try Conversion.source(name: file, bytes: bytes, format: .xml), into: self)
            try bytes.drain()
            selection.add(pending, file: file)
            inputs.append(InputFile(name: file, sha256: bytes.hexDigest, activities: pending.count, counted: true))
        } catch {
            cursor.reset()
            let xmlError = error as? XMLError
            aggregator.addProblem(file: file, line: xmlError?.line ?? 0, message: xmlError?.message ?? "\(error)")
            inputs.append(InputFile(name: file, sha256: nil, activities: pending.count, counted: false))
        }
        pending = []
    }

    /// Lists an input that could not be opened or listed.
    func addProblem(_ input: UnreadableInput) {
        let name = input.member.map { "\(input.path)/\($0)" } ?? input.path
        aggregator.addProblem(file: name, line: 0, message: input.message)
        inputs.append(InputFile(name: name, sha256: nil, activities: 0, counted: false))
    }

    /// Adds the chosen version of every activity to the aggregation.
    func aggregate() {
        for (activity, file) in selection.chosen() {
            aggregator.add(activity, file: file)
        }
    }

    func begin(_ header: DocumentHeader) throws {
        guard header.rootSpec.name == "iati-activities" else {
            throw XMLError(file: file, line: header.line, message: "the root element is <\(header.rootSpec.name)>, not <iati-activities>: not an activity file")
        }
        language = header.language
    }

    func write(record: Node) throws {
        activitiesRead += 1
        pending.append(Activity.decode(node: record, fileLanguage: language))
    }

    /// Records come as nodes: the typed model decodes them.
    var recordEncoding: RecordEncoding? { nil }

    func write(encoded: [UInt8]) throws {
        throw XMLError(file: file, message: "internal error: the outputs read records as nodes, not already written")
    }

    func end(rootExtensions: [Node]) throws {}
}
