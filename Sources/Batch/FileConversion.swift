import IATI
import Inputs
import LibXML

/// One file converted into its output: the header, then the items under the root as they are
/// read, either pulled from a ``DocumentSource`` or handed over by a validating read
/// (``BatchValidator``), counted for the manifest.
///
/// Not `Sendable`: it belongs to the worker converting the file.
final class FileConversion: ValidatedDocument {
    private let source: any DocumentSource
    private let target: String
    private let format: OutputFormat
    private let state: RunState
    private let hashing: HashingSource
    private var writer: (any DocumentWriter)?
    private var extensions: [Node] = []
    /// The output, once the header is read; discarded unless committed.
    private(set) var output: ByteSink?
    /// The header, once read.
    private(set) var header: DocumentHeader?
    /// Records read completely, and those written.
    private(set) var read = 0
    private(set) var written = 0
    /// Rejected records by reason.
    private(set) var reasons: [String: Int] = [:]
    /// The identifiers of the records read, in document order.
    private(set) var identifiers: [IdentifierStamp] = []
    /// What the output left out of the file (see ``FileRecord/leftOut``), once committed.
    var leftOut: [String] { writer?.leftOut ?? [] }
    /// What conversion kept and noted so far.
    var notices: NoticeLog { source.notices }
    /// Why a validating read stopped early.
    private(set) var failure: XMLError?
    /// The validator's finding counts, once a validating read is done (also when the file
    /// could not be read: its finding says why).
    private(set) var findings: [String: Int]?
    private var tally = ProgressTally()

    init(source: any DocumentSource, hashing: HashingSource, target: String, format: OutputFormat, state: RunState) {
        self.source = source
        self.hashing = hashing
        self.target = target
        self.format = format
        self.state = state
    }

    /// Converts everything `source` yields, then commits the output.
    func convertAll() throws {
        try begin(source.header())
        (source as? XMLDocumentSource)?.encoding = writer?.recordEncoding
        while let item = try source.next() {
            try take(item, verdict: .keep)
        }
        try commit()
    }

    /// Converts what `validator` hands over while it reads the document (``findings`` then
    /// holds its counts), then commits the output.
    func convert(validatingWith validator: any BatchValidator, reader: XMLReader) throws {
        findings = try validator.validate(reader: reader, into: self)
        if let failure { throw failure }
        if header == nil {
            throw InputError(file: source.name, line: 1, message: "the file holds no document to convert")
        }
        (source as? XMLDocumentSource)?.finish()
        try commit()
    }

    func begin(root: ElementStart) throws {
        try begin(xmlSource().header(root: root))
    }

    func record(_ record: Node, verdict: RecordVerdict) throws {
        try take(xmlItem(record), verdict: verdict)
    }

    func other(_ element: Node) throws {
        try take(xmlItem(element), verdict: .keep)
    }

    func end(failure: XMLError?) {
        self.failure = failure
    }

    private func xmlItem(_ node: Node) throws -> DocumentItem {
        try xmlSource().item(node)
    }

    /// The source as an XML one: a validating read hands over XML elements.
    private func xmlSource() throws -> XMLDocumentSource {
        guard let xml = source as? XMLDocumentSource else {
            throw InputError(file: source.name, message: "a validating read needs an XML document")
        }
        return xml
    }

    private func begin(_ header: DocumentHeader) throws {
        self.header = header
        try Paths.makeDirectory(Paths.parent(of: target))
        let output = try ByteSink(path: target)
        self.output = output
        let writer = format.writer(into: output)
        self.writer = writer
        try writer.begin(header)
    }

    private func take(_ item: DocumentItem, verdict: RecordVerdict) throws {
        if state.isStopping { throw Interrupted() }
        switch item {
        case .record(let node):
            read += 1
            if let stamp = IdentifierStamp(record: node) { identifiers.append(stamp) }
            if case .reject(let reason) = verdict {
                reasons[reason, default: 0] += 1
            } else {
                try writer?.write(record: node)
                written += 1
            }
            tally.note(bytesRead: hashing.count, newActivities: 1, state: state)
        case .encoded(let encoded):
            read += 1
            if let identifier = encoded.identifier { identifiers.append(IdentifierStamp(identifier: identifier, lastUpdated: encoded.lastUpdated)) }
            try writer?.write(encoded: encoded.bytes)
            written += 1
            tally.note(bytesRead: hashing.count, newActivities: 1, state: state)
        case .rootExtension(let node):
            extensions.append(node)
        }
    }

    /// Adds the bytes and activities not yet counted to the run's progress.
    func flushProgress() {
        tally.note(bytesRead: hashing.count, state: state)
        tally.flush(state)
    }

    private func commit() throws {
        try writer?.end(rootExtensions: extensions)
        try hashing.drain()
        try output?.commit()
    }
}
