/// Where the nodes of one libxml2 tree start in the input: a side table keyed by node address,
/// filled as the nodes are made (by ``XMLReader`` for each record, by the XPath tree builder for
/// trees built from ``Node``s), read when a finding names a node.
///
/// The positions are kept beside the nodes, not in them: libxml2's spare fields belong to
/// others (`content` holds the document order XPath sorts by, `psvi` the schema validator's
/// data or a line past 65,535, `extra` XSLT's), and `line` holds only 16 bits.
///
/// Recording is an append; the lookup index is built on the first lookup (most nodes are never
/// looked up), and a later record wins for a reused address. The table belongs to one tree and
/// is used by one thread at a time, as its tree is.
final class NodePositions {
    private var nodes: [UnsafeRawPointer] = []
    private var positions: [SourcePosition] = []
    private var index: [UnsafeRawPointer: Int]?

    init() {}

    /// Records where `node` (an element, attribute or text node) starts; unknown positions
    /// are not kept.
    func record(_ node: UnsafeRawPointer, _ position: SourcePosition) {
        guard position.isKnown else { return }
        if index != nil { index?[node] = positions.count }
        nodes.append(node)
        positions.append(position)
    }

    /// Where `node` starts, `nil` when it was not recorded.
    func position(of node: UnsafeRawPointer) -> SourcePosition? {
        if index == nil {
            var built = [UnsafeRawPointer: Int](minimumCapacity: nodes.count)
            for (offset, node) in nodes.enumerated() { built[node] = offset }
            index = built
        }
        return index?[node].map { positions[$0] }
    }

    /// How many positions are kept.
    var count: Int { nodes.count }
}
