import LibXML
import Testing

/// Values that point into a libxml2 tree keep what owns the tree alive, so they never dangle.
@Suite("Views and nodes keep their tree's owner alive")
struct BorrowedNodeTests {
    static let text = """
        <iati-activities version="2.03">
          <iati-activity><iati-identifier>A-1</iati-identifier><title><narrative>One</narrative></title></iati-activity>
        </iati-activities>
        """

    /// The first record, detached; the reader is gone when this returns.
    private func firstRecord() throws -> XMLSubtree {
        let reader = try XMLReader(name: "test.xml", source: BufferSource(Self.text))
        while let start = try reader.nextElement() {
            if start.depth == 1 { return try reader.detach() }
        }
        throw XMLError(file: "test.xml", message: "no record")
    }

    @Test("an element view keeps its subtree: the view still reads it when nothing else holds it")
    func elementViewRetainsSubtree() throws {
        let copier = XMLNodeCopier()
        weak var released: XMLSubtree?
        var view: XMLElementView?
        do {
            let record = try firstRecord()
            released = record
            view = record.element(using: copier)
        }
        #expect(released != nil, "the view does not keep its subtree alive")
        let children = try #require(view).children.map(\.name)
        #expect(children == ["iati-identifier", "title"])
        view = nil
        #expect(released == nil, "the subtree outlives its last view")
    }

    @Test("a child view keeps the subtree too")
    func childViewRetainsSubtree() throws {
        let copier = XMLNodeCopier()
        weak var released: XMLSubtree?
        var child: XMLElementView?
        do {
            let record = try firstRecord()
            released = record
            child = record.element(using: copier).children.first { $0.name == "title" }
        }
        #expect(released != nil, "a child view does not keep its subtree alive")
        #expect(try #require(child).children.map(\.text) == ["One"])
    }

    @Test("XPath nodes of the fast path keep their document (and the subtree it borrows)")
    func xpathNodesRetainDocument() throws {
        weak var document: XPathDocument?
        weak var record: XMLSubtree?
        var nodes: [XPathNode] = []
        do {
            let subtree = try firstRecord()
            record = subtree
            let made = try XPathDocument(root: Node(name: "iati-activities"), child: subtree)
            document = made
            let cache = XPathCache()
            let expression = try cache.expression("//narrative | //iati-identifier", file: "test")
            guard case .nodes(let found) = try made.evaluate(expression, at: made.documentRoot) else {
                Issue.record("not a node-set")
                return
            }
            nodes = found
        }
        #expect(document != nil, "the nodes do not keep their document alive")
        #expect(record != nil, "the borrowed subtree went while nodes point into it")
        #expect(nodes.map(\.stringValue) == ["A-1", "One"])
        #expect(nodes.map(\.line) == [2, 2])
        nodes = []
        #expect(document == nil, "the document outlives its nodes")
        #expect(record == nil, "the subtree outlives its document")
    }

    @Test("a node of another document is refused as a context")
    func foreignNodeRefused() throws {
        let first = try XPathDocument(root: Node(name: "a"))
        let second = try XPathDocument(root: Node(name: "a"))
        let expression = try XPathCache().expression("name()", file: "test")
        #expect(throws: XMLError.self) { try first.evaluate(expression, at: second.documentRoot) }
    }
}
