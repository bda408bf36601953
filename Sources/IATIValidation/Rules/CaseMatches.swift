import LibXML

/// What a case's `paths` selected on one element: the nodes in path order, how many each path
/// found, and their string-values, read once and only by the rule types that need them.
struct CaseMatches {
    /// The nodes, those of the first path first.
    let nodes: [XPathNode]
    /// How many nodes each path found, in `paths` order.
    let groupSizes: [Int]
    /// The `paths` as the ruleset spells them.
    private let pathTexts: [String]
    private var cachedTexts: [String]?

    init(nodes: [XPathNode], groupSizes: [Int], pathTexts: [String]) {
        self.nodes = nodes
        self.groupSizes = groupSizes
        self.pathTexts = pathTexts
    }

    var count: Int { nodes.count }
    var isEmpty: Bool { nodes.isEmpty }
    var indices: Range<Int> { nodes.indices }
    subscript(index: Int) -> XPathNode { nodes[index] }

    /// The string-values of the nodes, read on first use.
    mutating func texts() -> [String] {
        if let cachedTexts { return cachedTexts }
        let values = nodes.map(\.stringValue)
        cachedTexts = values
        return values
    }

    /// The `paths` item that found node `index`.
    func path(of index: Int) -> String {
        var remaining = index
        for (path, size) in groupSizes.enumerated() {
            if remaining < size { return pathTexts[path] }
            remaining -= size
        }
        return pathTexts.first ?? ""
    }

    /// `path = 'value' at line N` for node `index`.
    mutating func describe(_ index: Int) -> String {
        RuleEvaluator.describe(nodes[index], path: path(of: index), value: texts()[index])
    }

    /// Node `index` as a finding's details name it.
    mutating func node(_ index: Int) -> RuleNode {
        RuleNode(nodes[index], xpath: path(of: index), value: texts()[index])
    }
}

extension RuleNode {
    /// At most this many characters of a value are kept (an element's value is all the text
    /// inside it).
    static let valueLimit = 200

    /// `node`, selected by `xpath`, with `value` (its string-value) shortened to ``valueLimit``.
    init(_ node: XPathNode, xpath: String, value: String, role: Role = .paths) {
        let shown = value.count > Self.valueLimit ? String(value.prefix(Self.valueLimit - 1)) + "…" : value
        self.init(xpath: xpath, name: node.qualifiedName, value: shown, position: node.position, role: role)
    }
}
