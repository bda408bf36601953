import LibXML

/// The node road for one file's records: each record upgraded to 2.03, made canonical, and
/// what 2.03 requires that it lacks found. Records of older versions, and every record a
/// writer takes as a node, go this way (2.03 files written as JSON or XML take the compact
/// road, ``RecordEncoder``).
///
/// Depends only on the file's root: the source takes its own records this way, and the
/// reading thread the records it takes on when the source is behind (``HelpingUpgrade``).
struct NodeRoad: Sendable {
    let recordSpec: ElementSpec
    let language: String?
    private let upgrader: Upgrader
    private let canonicaliser = Canonicaliser()

    /// The road of the file `header` begins, whose root `upgrade` has read.
    init(header: DocumentHeader, upgrade: DocumentUpgrade) {
        recordSpec = header.recordSpec
        language = header.language
        upgrader = upgrade.recordUpgrader
    }

    /// Whether an element named `name` in `namespace` is a record of the file's kind (not a
    /// root extension).
    func isRecord(_ name: String, namespace: String?) -> Bool {
        namespace == nil && name == recordSpec.name
    }

    /// The canonical record and its complete upgrade log; its notices go to `notices`.
    func run(_ node: Node, notices: inout NoticeLog) -> (record: Node, log: RecordUpgrade) {
        let (upgraded, log) = upgrader.upgrade(node, spec: recordSpec)
        let record = canonicaliser.canonical(upgraded, spec: recordSpec, inherited: .init(language: language), log: &notices)
        return (record, DocumentUpgrade.completed(log, canonical: record, spec: recordSpec))
    }
}

/// The reading thread's side of the node road: when ``RecordReadAhead`` finds the source
/// behind, it makes the record a node and takes it down the road itself.
final class HelpingUpgrade: RecordHelper, @unchecked Sendable {
    /// A record taken down the road on the reading thread, with its notices (added to the
    /// source's in order).
    struct Result: Sendable {
        var record: Node
        var log: RecordUpgrade
        var notices: NoticeLog
    }

    // Made on the source's thread before the reading thread starts reading records, then used
    // by the reading thread alone.
    private let road: NodeRoad
    private var names = NameTable()
    private let samplesPerKind: Int

    init(_ road: NodeRoad, samplesPerKind: Int) {
        self.road = road
        self.samplesPerKind = samplesPerKind
    }

    func help(with record: RawRecord, encode: Bool) -> (any Sendable)? {
        names.apply(record)
        guard encode else { return nil }
        let name = names[record.elements[0].name]
        guard road.isRecord(name.local, namespace: name.namespace) else { return nil }
        var notices = NoticeLog(samplesPerKind: samplesPerKind)
        let (canonical, log) = road.run(record.node(names: names), notices: &notices)
        return Result(record: canonical, log: log, notices: notices)
    }
}
