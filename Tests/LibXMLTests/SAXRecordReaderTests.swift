import Foundation
import LibXML
import Testing
import TestSupport

/// Every depth-1 element as the tree reader copies it.
private func treeRecords(_ source: any ByteSource, name: String) throws -> (root: ElementStart?, nodes: [Node]) {
    let reader = try XMLReader(name: name, source: source)
    var root: ElementStart?
    var nodes: [Node] = []
    while let start = try reader.nextElement() {
        if start.depth == 0 { root = start }
        if start.depth == 1 { nodes.append(try reader.expand()) }
    }
    return (root, nodes)
}

/// Every depth-1 element as the SAX reader builds it, turned into nodes; `ahead` reads on a
/// thread of its own.
private func saxRecords(_ source: any ByteSource, name: String, ahead: Bool = false) throws -> (root: ElementStart?, nodes: [Node]) {
    let reader = try SAXRecordReader(name: name, source: source)
    var names = NameTable()
    var nodes: [Node] = []
    if ahead {
        let readAhead = RecordReadAhead(reader: reader, capacity: 2)
        let root = try readAhead.root().start
        while let (record, _) = try readAhead.next() {
            names.apply(record)
            nodes.append(record.node(names: names))
        }
        return (root, nodes)
    }
    let root = try reader.root()
    while let record = try reader.next() {
        names.apply(record)
        nodes.append(record.node(names: names))
    }
    return (root, nodes)
}

private func file(_ path: String) throws -> any ByteSource { try FileSource(path: path) }

@Suite("SAX record reader")
struct SAXRecordReaderTests {
    @Test("gives the tree reader's nodes on every real and official test file", .enabled(if: Reference.isAvailable, Reference.missing))
    func sameAsTreeReader() throws {
        let files = Reference.xmlFiles(under: "real") + Reference.xmlFiles(under: "schema-tests")
            + Reference.files(under: Reference.packageRoot + "/samples", suffix: ".xml")
        #expect(files.count > 500)
        var compared = 0
        for path in files {
            let tree = Result { try treeRecords(try file(path), name: path) }
            let sax = Result { try saxRecords(try file(path), name: path) }
            switch (tree, sax) {
            case (.success(let tree), .success(let sax)):
                #expect(sax.nodes == tree.nodes, "\(path): records differ")
                #expect(sax.root?.attributes == tree.root?.attributes, "\(path): root attributes differ")
                #expect(sax.root?.namespaceDeclarations == tree.root?.namespaceDeclarations, "\(path): root namespaces differ")
                compared += 1
            case (.failure(let treeError as XMLError), .failure(let saxError as XMLError)):
                #expect(saxError.line == treeError.line, "\(path): \(saxError) vs \(treeError)")
            default:
                Issue.record("\(path): one reader failed, the other did not: \(tree) / \(sax)")
            }
        }
        #expect(compared > 400)
    }

    @Test("text around children, CDATA, entities in text and attributes, and lines are those of the tree")
    func awkwardContent() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE root [<!ENTITY org "Bộ Lao động">]>
            <root>
              <item a="x &amp; y &#38; &org;" b=" spaced ">before <b>bold</b> after &org; <![CDATA[<raw>]]> end</item>
              <item>\(String(repeating: "\n", count: 70_000))<deep/></item>
            </root>
            """
        let tree = try treeRecords(BufferSource(text), name: "t.xml")
        let sax = try saxRecords(BufferSource(text), name: "t.xml")
        #expect(sax.nodes == tree.nodes)
        let first = try #require(sax.nodes.first)
        #expect(first.attribute("a") == "x & y & Bộ Lao động")
        #expect(first.text == "before  after Bộ Lao động <raw> end")
        #expect(sax.nodes.last?.children.first?.line == 70_005)
    }

    @Test("reading ahead on another thread gives the same records, then the same error")
    func readAhead() throws {
        let good = Reference.packageRoot + "/samples/ilo-vietnam-activities.xml"
        #expect(try saxRecords(file(good), name: good, ahead: true).nodes == saxRecords(file(good), name: good).nodes)
        let broken = "<iati-activities><iati-activity><a/></iati-activity><iati-activity><b></iati-activity></iati-activities>"
        #expect(throws: XMLError.self) { try saxRecords(BufferSource(broken), name: "b.xml", ahead: true) }
        let direct = Result { try saxRecords(BufferSource(broken), name: "b.xml") }
        let ahead = Result { try saxRecords(BufferSource(broken), name: "b.xml", ahead: true) }
        #expect("\(direct)" == "\(ahead)")
    }

    @Test("a consumer that stops early stops the reading thread")
    func stopsEarly() throws {
        var text = "<iati-activities>"
        for index in 0..<5_000 { text += "<iati-activity><iati-identifier>X-\(index)</iati-identifier></iati-activity>" }
        text += "</iati-activities>"
        let readAhead = RecordReadAhead(reader: try SAXRecordReader(name: "many.xml", source: BufferSource(text)), capacity: 4)
        _ = try readAhead.root()
        #expect(try readAhead.next() != nil)
        // Dropping it here must not hang: the thread is told to stop and joined.
    }
}
