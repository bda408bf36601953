import IATI
import Inputs
import LibXML

/// The outputs' end of the one road for records: a ``IATI/DocumentWriter`` that decodes each
/// record ``IATI/Conversion`` hands it (canonical, and upgraded from 1.0x, 2.01 and 2.02 to
/// 2.03 by ``IATI/XMLDocumentSource``) and adds it to the aggregation. No loop over records of
/// its own: ``IATI/Conversion/run(_:into:progress:)`` drives it.
final class AggregatingWriter: DocumentWriter {
    private(set) var aggregator: OutputsAggregator
    /// The document being read, as its records are listed.
    private var file = ""
    private var language: String?

    init(_ aggregator: OutputsAggregator) {
        self.aggregator = aggregator
    }

    /// Adds every activity of `document`; a document that cannot be read (to its end) is
    /// listed as an input problem, keeping the activities read before the problem.
    func read(_ document: InputDocument, cursor: ArchiveCursor) {
        file = document.displayName
        do {
            let source = try Conversion.source(name: file, bytes: document.openForReading(with: cursor), format: .xml)
            try Conversion.run(source, into: self)
        } catch let error as XMLError {
            cursor.reset()
            aggregator.addProblem(file: file, line: error.line, message: error.message)
        } catch {
            cursor.reset()
            aggregator.addProblem(file: file, line: 0, message: "\(error)")
        }
    }

    /// Lists an input that could not be opened or listed.
    func addProblem(_ input: UnreadableInput) {
        aggregator.addProblem(file: input.member.map { "\(input.path)/\($0)" } ?? input.path, line: 0, message: input.message)
    }

    func begin(_ header: DocumentHeader) throws {
        guard header.rootSpec.name == "iati-activities" else {
            throw XMLError(file: file, line: header.line, message: "the root element is <\(header.rootSpec.name)>, not <iati-activities>: not an activity file")
        }
        language = header.language
    }

    func write(record: Node) throws {
        aggregator.add(Activity.decode(node: record, fileLanguage: language), file: file)
    }

    /// Records come as nodes: the typed model decodes them.
    var recordEncoding: RecordEncoding? { nil }

    func write(encoded: [UInt8]) throws {
        throw XMLError(file: file, message: "internal error: the outputs read records as nodes, not already written")
    }

    func end(rootExtensions: [Node]) throws {}
}
