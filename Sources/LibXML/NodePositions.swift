/// Where the nodes of one libxml2 tree start in the input: a side table keyed by node address,
/// filled as the nodes are made (by ``XMLReader`` for each record, by the XPath tree builder for
/// trees built from ``Node``s), read when a finding names a node.
///
/// The positions are kept beside the nodes, not in them: libxml2's spare fields belong to
/// others (`content` holds the document order XPath sorts by, `psvi` the schema validator's
/// data or a line past 65,535, `extra` XSLT's), and `line` holds only 16 bits.
///
/// Recording is an append to one array: every node of every record is recorded, and few are
/// ever looked up (only those findings name). The first lookups scan the array; a table with
/// many lookups gets an index. Addresses are unique within one tree (its nodes live as long as
/// it does). The table belongs to one tree and is used by one thread at a time, as its tree is.
final class NodePositions {
    private struct Entry {
        var node: UnsafeRawPointer
        var line: Int32
        var column: Int32
    }

    /// Lookups answered by a scan before an index is built (a record's findings name a few
    /// dozen nodes of its hundreds; hashing them all costs more than scanning a few times).
    private static let scannedLookups = 24

    // Reached on every node the reader makes: no run-time exclusivity checks (one thread, no
    // overlapping access: each method reads or writes them in one go).
    @exclusivity(unchecked) private var entries: [Entry] = []
    @exclusivity(unchecked) private var index: [UnsafeRawPointer: Int]?
    @exclusivity(unchecked) private var lookups = 0

    init() {
        entries.reserveCapacity(128)
    }

    /// Records where `node` (an element, attribute or text node) starts; unknown positions
    /// are not kept.
    func record(_ node: UnsafeRawPointer, _ position: SourcePosition) {
        guard position.line > 0 else { return }
        if index != nil, index?[node] == nil { index?[node] = entries.count }
        entries.append(Entry(node: node, line: Int32(clamping: position.line), column: Int32(clamping: position.column)))
    }

    /// Where `node` starts, `nil` when it was not recorded.
    func position(of node: UnsafeRawPointer) -> SourcePosition? {
        let offset: Int?
        if let index {
            offset = index[node]
        } else if lookups < Self.scannedLookups {
            lookups += 1
            offset = entries.firstIndex { $0.node == node }
        } else {
            var built = [UnsafeRawPointer: Int](minimumCapacity: entries.count)
            for (offset, entry) in entries.enumerated() where built[entry.node] == nil { built[entry.node] = offset }
            index = built
            offset = built[node]
        }
        return offset.map { SourcePosition(line: Int(entries[$0].line), column: Int(entries[$0].column)) }
    }

    /// How many positions are kept.
    var count: Int { entries.count }
}
