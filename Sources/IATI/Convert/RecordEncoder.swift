import LibXML

/// The compact road for one file's records: lays a 2.03 record out in canonical form and
/// writes it in the writer's form (``RecordEncoding``), with its notices and what the upgrade
/// log and the batch manifest need of it.
///
/// Not `Sendable`: an encoder and its ``SpecTable`` belong to one thread. Conversion has two:
/// the consumer's, and the reading thread's, which encodes records itself when the consumer
/// falls behind (see ``RecordReadAhead``). Every record's names must reach an encoder in order
/// (``observe(_:)``), whether it encodes the record or not.
final class RecordEncoder {
    /// A record on the compact road: its bytes, and its notices (kept apart until the record
    /// is laid out: one that turns out to need the upgrade is noted on the node road instead).
    struct Result: Sendable {
        var record: EncodedRecord
        var notices: NoticeLog
        var line: Int
    }

    let table = SpecTable()
    /// The names of the trees made (``RecordEncoding/tree``), shared by them.
    private var treeNames = TreeNames()
    private let recordSpec: ElementSpec
    private let language: String?
    private let encoding: RecordEncoding
    private let samplesPerKind: Int

    init(header: DocumentHeader, encoding: RecordEncoding, samplesPerKind: Int) {
        self.recordSpec = header.recordSpec
        self.language = header.language
        self.encoding = encoding
        self.samplesPerKind = samplesPerKind
    }

    /// Takes the names `raw` met first; call for every record, in order.
    func observe(_ raw: RawRecord) {
        table.apply(raw)
    }

    /// Whether `raw` (observed) is a record of the file's kind (not a root extension).
    func isRecord(_ raw: RawRecord) -> Bool {
        let start = table.name(raw.elements[0].name)
        return start.namespace == nil && start.local == recordSpec.name
    }

    /// The record written in the writer's form, or `nil` when it has 1.0x content (the
    /// upgrade reads it as a node).
    func encode(_ raw: RawRecord) -> Result? {
        var log = NoticeLog(samplesPerKind: samplesPerKind)
        guard
            let layout = try? CanonicalLayout(
                record: raw, root: table.index(of: recordSpec), language: language, table: table, log: &log)
        else { return nil }
        var out: [UInt8] = []
        var tree: RecordTree?
        switch encoding {
        case .json:
            out.reserveCapacity(raw.bytes.count + raw.bytes.count / 2)
            LayoutJSONEncoder(record: raw, layout: layout, table: table).append(0, to: &out)
        case .xml(let scope):
            out.reserveCapacity(raw.bytes.count + raw.bytes.count / 2)
            LayoutXMLEncoder(record: raw, layout: layout, table: table).append(level: 1, scope: scope, to: &out)
        case .tree:
            tree = RecordTree(record: raw, layout: layout, table: table, names: &treeNames)
        }
        return Result(
            record: EncodedRecord(bytes: out, tree: tree, identifier: identifier(of: raw), lastUpdated: lastUpdated(of: raw)),
            notices: log, line: Int(raw.elements[0].line))
    }

    /// The record's `iati-identifier` (or `organisation-identifier`), trimmed, as the upgrade log gives it.
    private func identifier(of raw: RawRecord) -> String? {
        for wanted in ["iati-identifier", "organisation-identifier"] {
            var child = 1
            while child < Int(raw.elements[0].end) {
                let element = raw.elements[child]
                let name = table.name(element.name)
                if name.namespace == nil, name.local == wanted {
                    let text = String(Lexical.trimmed(raw.string(element.textStart, element.textCount)))
                    if !text.isEmpty { return text }
                    break
                }
                child = Int(element.end)
            }
        }
        return nil
    }

    /// The record's `last-updated-datetime`, trimmed.
    private func lastUpdated(of raw: RawRecord) -> String? {
        let element = raw.elements[0]
        for position in Int(element.attributeStart)..<Int(element.attributeStart + element.attributeCount) {
            let attribute = raw.attributes[position]
            let name = table.name(attribute.name)
            if name.namespace == nil, name.local == "last-updated-datetime" {
                return String(Lexical.trimmed(raw.string(attribute.valueStart, attribute.valueCount)))
            }
        }
        return nil
    }
}

/// The reading thread's side of the compact road: it encodes a record itself when
/// ``RecordReadAhead`` finds the consumer behind.
final class HelpingEncoder: RecordHelper, @unchecked Sendable {
    // Made on the consumer's thread before the reading thread starts reading records, then used
    // by the reading thread alone.
    private let encoder: RecordEncoder

    init(_ encoder: RecordEncoder) { self.encoder = encoder }

    func help(with record: RawRecord, encode: Bool) -> (any Sendable)? {
        encoder.observe(record)
        guard encode, encoder.isRecord(record) else { return nil }
        return encoder.encode(record)
    }
}
