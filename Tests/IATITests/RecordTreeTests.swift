import Foundation
import IATI
import LibXML
import Testing
import TestSupport

/// The two roads to a ``RecordTree``: laid out from the compact record (files that declare
/// 2.03) and copied from the canonical node (every record the upgrade touched, and the same
/// records when a writer asks for nodes). The typed model reads whichever it is given, so
/// both must hold the same record.
@Suite("record trees")
struct RecordTreeTests {
    static let files: [String] =
        Reference.files(under: Reference.packageRoot + "/samples", suffix: ".xml") + Reference.xmlFiles(under: "real/v2")

    @Test("the compact road gives the record the node road gives: names, attributes, texts, lines, order", arguments: files)
    func roadsAgree(file: String) throws {
        let compact = try Self.records(of: file, compactRoad: true)
        let nodes = try Self.records(of: file, compactRoad: false)
        #expect(nodes.compact == 0)
        #expect(compact.dumps.count == nodes.dumps.count, "\(file): record counts differ")
        #expect(compact.stop == nodes.stop, "\(file): the roads stop differently")
        for (index, (left, right)) in zip(compact.dumps, nodes.dumps).enumerated() where left != right {
            Issue.record("\(file): record \(index + 1) differs:\n--- compact road\n\(left)\n--- node road\n\(right)")
            break
        }
    }

    @Test("some records take the compact road: the comparison above is not between two copies of one road")
    func compactRoadIsTaken() throws {
        let file = Reference.sample("ilo-vietnam-activities.xml")
        let compact = try Self.records(of: file, compactRoad: true)
        #expect(compact.compact == compact.dumps.count && compact.compact > 0)
    }

    @Test("an activity read from a node and from its record tree gives the same fields")
    func activityFromNodeAndTree() throws {
        let compact = try Self.activities(of: Reference.sample("ilo-vietnam-activities.xml"), compactRoad: true)
        let nodes = try Self.activities(of: Reference.sample("ilo-vietnam-activities.xml"), compactRoad: false)
        #expect(compact.count == nodes.count && !compact.isEmpty)
        for (left, right) in zip(compact, nodes) {
            #expect(left.identifier == right.identifier)
            #expect(left.title == right.title)
            #expect(left.transactions.map(\.value) == right.transactions.map(\.value))
            #expect(left.budgets.map(\.value) == right.budgets.map(\.value))
            #expect(left.sectors.map(\.percentage) == right.sectors.map(\.percentage))
            #expect(left.results.flatMap(\.indicators).flatMap(\.periods).flatMap(\.actuals).map(\.value)
                == right.results.flatMap(\.indicators).flatMap(\.periods).flatMap(\.actuals).map(\.value))
            #expect(left.line == right.line && left.line > 0)
        }
    }

    /// Every record of `file` as a tree, written out; with `compactRoad`, the source hands
    /// trees where it can, else nodes (copied into trees here). `compact`: how many came as
    /// trees; `stop`: the error that ended reading (a file that is not well-formed), if any.
    private static func records(of file: String, compactRoad: Bool) throws -> (dumps: [String], compact: Int, stop: String?) {
        var dumps: [String] = []
        var compact = 0
        var stop: String?
        do {
            try forEachTree(of: file, compactRoad: compactRoad) { tree, fromCompactRoad in
                var text = ""
                dump(tree.root, depth: 0, into: &text)
                dumps.append(text)
                if fromCompactRoad { compact += 1 }
            }
        } catch let error as XMLError {
            stop = error.description
        }
        return (dumps, compact, stop)
    }

    private static func activities(of file: String, compactRoad: Bool) throws -> [Activity] {
        var activities: [Activity] = []
        try forEachTree(of: file, compactRoad: compactRoad) { tree, _ in activities.append(Activity(record: tree)) }
        return activities
    }

    private static func forEachTree(of file: String, compactRoad: Bool, _ body: (RecordTree, Bool) -> Void) throws {
        let source = try XMLDocumentSource(path: file)
        _ = try source.header()
        source.encoding = compactRoad ? .tree : nil
        while let item = try source.next() {
            switch item {
            case .encoded(let encoded): body(try #require(encoded.tree), true)
            case .record(let node): body(RecordTree(node: node), false)
            case .rootExtension: continue
            }
        }
    }

    private static func dump(_ element: RecordElement, depth: Int, into text: inout String) {
        let name = element.qualifiedName
        text += String(repeating: "  ", count: depth) + "\(name.namespace.map { "{\($0)}" } ?? "")\(name.local) @\(element.line)"
        for (attribute, value) in element.attributes {
            text += " \(attribute.namespace.map { "{\($0)}" } ?? "")\(attribute.local)=\(value.debugDescription)"
        }
        if !element.text.isEmpty { text += " text=\(element.text.debugDescription)" }
        text += "\n"
        for child in element.children { dump(child, depth: depth + 1, into: &text) }
    }
}
