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

    @Test("an internal entity gives its text once, at every reference, in both readers")
    func entityTextOnce() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE root [<!ENTITY e "X"> <!ENTITY and "A &amp; B"> <!ENTITY bold "<b>in</b>">]>
            <root>
              <item>A&e;B</item>
              <item>&e;&e; &e;</item>
              <item>&and;</item>
              <item>x&bold;y &bold;</item>
            </root>
            """
        let tree = try treeRecords(BufferSource(text), name: "e.xml")
        let sax = try saxRecords(BufferSource(text), name: "e.xml")
        #expect(sax.nodes.map(\.text) == ["AXB", "XX X", "A & B", "xy "])
        #expect(sax.nodes.last?.children.map(\.text) == ["in", "in"])
        #expect(tree.nodes.prefix(3).map(\.text) == ["AXB", "XX X", "A & B"])
    }

    @Test("a small file whose entity references would make gigabytes of text is refused at once, in both readers")
    func entityBlowUp() throws {
        // 2,000 references to a 20,000-character entity: 40 MB of text from a 30 KB file.
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE root [<!ENTITY big \"\(String(repeating: "x", count: 20_000))\">]>\n<root><item>"
            + String(repeating: "&big;", count: 2_000) + "</item></root>\n"
        for read in [{ try treeRecords(BufferSource(text), name: "big.xml") }, { try saxRecords(BufferSource(text), name: "big.xml") }] {
            #expect {
                _ = try read()
            } throws: { error in
                let error = error as? XMLError
                return error?.line == 3 && error?.message.contains("refused as an entity expansion attack") == true
            }
        }
        // A few references to it are text like any other.
        let few = text.replacingOccurrences(of: String(repeating: "&big;", count: 2_000), with: "&big;&big;")
        #expect(try saxRecords(BufferSource(few), name: "few.xml").nodes.first?.text.count == 40_000)
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

    @Test("every record that ends before an error is read, whichever chunk holds them, in both readers")
    func recordsBeforeError() throws {
        // 300 records and the error within the first 64 KiB chunk; then 3,000 records, the
        // error far into a later chunk.
        for count in [300, 3_000] {
            var text = "<iati-activities>"
            for index in 0..<count { text += "<iati-activity><iati-identifier>X-\(index)</iati-identifier></iati-activity>\n" }
            text += "<iati-activity><title></narrative></iati-activity></iati-activities>"
            for ahead in [false, true] {
                let reader = try SAXRecordReader(name: "broken.xml", source: BufferSource(text))
                var read = 0
                let reading: () throws -> Void
                if ahead {
                    let readAhead = RecordReadAhead(reader: reader, capacity: 4)
                    reading = { _ = try readAhead.root(); while try readAhead.next() != nil { read += 1 } }
                } else {
                    reading = { _ = try reader.root(); while try reader.next() != nil { read += 1 } }
                }
                #expect { try reading() } throws: { ($0 as? XMLError)?.line == count + 1 }
                #expect(read == count, "\(count) records, ahead: \(ahead)")
            }
            let tree = try XMLReader(name: "broken.xml", source: BufferSource(text))
            var expanded = 0
            #expect {
                while let start = try tree.nextElement() {
                    if start.depth == 1 {
                        _ = try tree.expand()
                        expanded += 1
                    }
                }
            } throws: { ($0 as? XMLError)?.line == count + 1 }
            #expect(expanded == count)
        }
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
