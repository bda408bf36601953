import Foundation
import LibXML
import Testing
import TestSupport

/// Reads every depth-1 element of `text`.
private func records(_ text: String, name: String = "test.xml") throws(XMLError) -> [Node] {
    let reader = try XMLReader(name: name, source: BufferSource(text))
    var nodes: [Node] = []
    while let start = try reader.nextElement() {
        if start.depth == 1 { nodes.append(try reader.expand()) }
    }
    return nodes
}

/// Detaches every depth-1 element of `text`; the reader is gone when this returns.
private func detachedRecords(_ text: String) throws(XMLError) -> [XMLSubtree] {
    let reader = try XMLReader(name: "test.xml", source: BufferSource(text))
    var trees: [XMLSubtree] = []
    while let start = try reader.nextElement() {
        if start.depth == 1 { trees.append(try reader.detach()) }
    }
    return trees
}

@Suite("Streaming reader")
struct ReaderTests {
    @Test("expands one subtree at a time with attributes, namespaces, text and lines")
    func expandsSubtrees() throws {
        let nodes = try records("""
            <root xmlns:x="http://example.org/x">
              <item a="1" x:b="2"><name xml:lang="vi">Việc làm &amp; kỹ năng</name><x:extra>e</x:extra></item>
              <item/>
            </root>
            """)
        #expect(nodes.count == 2)
        let first = try #require(nodes.first)
        #expect(first.line == 2)
        #expect(first.attribute("a") == "1")
        #expect(first.attribute("b", namespace: "http://example.org/x") == "2")
        #expect(first.child("name")?.text == "Việc làm & kỹ năng")
        #expect(first.child("name")?.attribute("lang", namespace: XMLNamespace.xml) == "vi")
        #expect(first.child("extra", namespace: "http://example.org/x")?.prefix == "x")
        #expect(nodes[1].children.isEmpty && nodes[1].line == 3)
    }

    @Test("a detached subtree is what expand() copies, outlives its reader, and is evaluated in place")
    func detachedSubtrees() throws {
        let text = """
            <root xmlns:x="http://example.org/x" a="1">
              <!-- a comment between records -->
              <item n="1"><name xml:lang="vi">Một</name><x:extra x:k="v">e</x:extra></item>
              <item n="2"><name>Two</name><name>Second</name></item>
            </root>
            """
        let trees = try detachedRecords(text)
        #expect(trees.count == 2)
        let copier = XMLNodeCopier()
        #expect(trees.map { $0.node(using: copier) } == (try records(text)))
        // Read in place, the elements hold what the copies with positions hold.
        func copy(_ view: XMLElementView) -> Node {
            let namespace = view.namespace
            let prefix = view.qualifiedName.split(separator: ":").count == 2 ? String(view.qualifiedName.split(separator: ":")[0]) : nil
            var attributes = view.attributes
            for index in attributes.indices { attributes[index].position = view.position(ofAttributeAt: index) }
            return Node(
                name: view.name, namespace: namespace, prefix: prefix, attributes: attributes,
                children: view.children.map(copy), text: view.text, line: view.position.line, column: view.position.column)
        }
        #expect(trees.map { copy($0.element(using: copier)) } == trees.map { $0.node(using: copier, positions: true) })
        #expect(trees.map(\.line) == [3, 4])
        #expect(trees[0].text(at: "name") == "Một")
        #expect(trees[1].text(at: "name") == "Two")
        #expect(trees[1].text(at: "missing") == nil)

        // Borrowed in place under a root element, given back when the document goes.
        let root = Node(name: "root", attributes: [Attribute(name: "a", value: "1")])
        do {
            let document = try XPathDocument(root: root, child: trees[0])
            #expect(try document.evaluate("string(/root/item/name)") == .string("Một"))
            #expect(try document.evaluate("string(/root/@a)") == .string("1"))
            #expect(try document.evaluate("count(//*)") == .number(4))
            let extra = try #require(try document.evaluate("//*[local-name() = 'extra']").nodes?.first)
            #expect(extra.line == 3 && extra.qualifiedName == "x:extra")
            // One document at a time.
            #expect(throws: XMLError.self) { try XPathDocument(root: root, child: trees[0]) }
        }
        let again = try XPathDocument(root: root, child: trees[0])
        #expect(try again.evaluate("count(/root/item)") == .number(1))
        #expect(try again.evaluate("string(/root/item/@n)") == .string("1"))
    }

    @Test("line numbers stay exact past 65,535")
    func bigLineNumbers() throws {
        var text = "<root>\n"
        for index in 0..<70_000 { text += "<item n=\"\(index)\"/>\n" }
        text += "</root>\n"
        let reader = try XMLReader(name: "big.xml", source: BufferSource(text))
        var last: ElementStart?
        while let start = try reader.nextElement() { last = start }
        #expect(last?.line == 70_001)
        #expect(last?.attributes.first?.value == "69999")
        let expanded = try records(text)
        #expect(expanded.last?.line == 70_001)
        let detached = try detachedRecords(text)
        #expect(detached.last?.line == 70_001)
        let document = try XPathDocument(root: Node(name: "root"), child: try #require(detached.last))
        #expect(try document.evaluate("/root/item").nodes?.first?.line == 70_001)
    }

    @Test("errors carry file, line and column")
    func wellFormednessErrors() throws {
        #expect {
            _ = try records("<root>\n  <item>\n</root>\n", name: "broken.xml")
        } throws: { error in
            guard let error = error as? XMLError else { return false }
            return error.file == "broken.xml" && error.line == 3 && error.column > 0 && error.level == .fatal
        }
        #expect(throws: XMLError.self) { _ = try records("<root><a></root>") }
        #expect(throws: XMLError.self) { _ = try records("not xml at all") }
        #expect(throws: XMLError.self) { _ = try records("<root><x:a/></root>") }  // undeclared prefix
    }

    @Test("no external entities or DTDs are loaded; each one not loaded is a warning with its line, in both readers")
    func noExternalEntities() throws {
        let folder = try TemporaryFolder()
        let secret = try folder.write("secret.txt", "SECRET")
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE root SYSTEM "file://\(secret)" [<!ENTITY leak SYSTEM "file://\(secret)">]>
            <root><item>before &leak; after</item></root>
            """
        let tree = try XMLReader(name: "ext.xml", source: BufferSource(text))
        _ = try tree.nextElement()
        _ = try tree.nextElement()
        let item = try tree.expand()
        #expect(item.text == "before  after")
        while try tree.nextElement() != nil {}
        let sax = try SAXRecordReader(name: "ext.xml", source: BufferSource(text))
        _ = try sax.root()
        let record = try #require(try sax.next())
        var names = NameTable()
        names.apply(record)
        #expect(record.node(names: names).text == "before  after")
        #expect(try sax.next() == nil)
        for diagnostics in [tree.diagnostics, sax.diagnostics] {
            let notLoaded = diagnostics.filter { $0.code == XMLError.externalNotLoaded }
            #expect(notLoaded.map(\.line) == [2, 3], "\(diagnostics)")
            #expect(notLoaded.first?.message.hasPrefix("the DTD \"file://\(secret)\" named by <!DOCTYPE root> was not loaded") == true)
            #expect(notLoaded.last?.message.hasPrefix("the external entity &leak; (\"file://\(secret)\") was not loaded") == true)
        }
    }

    @Test("an external parameter entity is not loaded, and is a warning with its line, in both readers")
    func noExternalParameterEntities() throws {
        let folder = try TemporaryFolder()
        let secret = try folder.write("secret.dtd", "<!ENTITY leak \"SECRET\">")
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE root [<!ENTITY % p SYSTEM "file://\(secret)"> %p;]>
            <root><item>text</item></root>
            """
        let tree = try XMLReader(name: "pe.xml", source: BufferSource(text))
        while try tree.nextElement() != nil {}
        let sax = try SAXRecordReader(name: "pe.xml", source: BufferSource(text))
        _ = try sax.root()
        while try sax.next() != nil {}
        for diagnostics in [tree.diagnostics, sax.diagnostics] {
            let notLoaded = diagnostics.filter { $0.code == XMLError.externalNotLoaded }
            #expect(notLoaded.map(\.line) == [2], "\(diagnostics)")
            #expect(notLoaded.first?.message.hasPrefix("the external parameter entity %p; (\"file://\(secret)\") was not loaded") == true)
        }
    }

    @Test("entity expansion is bounded (billion laughs)")
    func entityExpansionBounded() {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE root [\n<!ENTITY a0 \"lol\">\n"
        for level in 1...10 {
            let previous = "&a\(level - 1);"
            text += "<!ENTITY a\(level) \"\(String(repeating: previous, count: 10))\">\n"
        }
        text += "]>\n<root><item>&a10;</item></root>\n"
        // 10^10 expansions: libxml2 must refuse, not hang or exhaust memory.
        let nodes = try? records(text)
        #expect((nodes?.first?.text.utf8.count ?? 0) < 10_000_000)
    }

    @Test("gzip-compressed files are read transparently", .enabled(if: Command.which("gzip") != nil))
    func gzipInput() throws {
        let folder = try TemporaryFolder()
        let plain = try folder.write("a.xml", "<root><item>één</item></root>")
        _ = try Command.run(try #require(Command.which("gzip")), ["-k", plain])
        let reader = try XMLReader(path: plain + ".gz")
        _ = try reader.nextElement()
        _ = try reader.nextElement()
        #expect(try reader.expand().text == "één")
    }

    @Test("an unreadable path is a clear error")
    func unreadablePath() {
        #expect {
            _ = try XMLReader(path: "/nonexistent/file.xml")
        } throws: { error in
            (error as? XMLError)?.message.contains("cannot open") == true
        }
        #expect {
            _ = try XMLReader(path: "/tmp")
        } throws: { error in
            (error as? XMLError)?.message.contains("directory") == true
        }
    }
}

@Suite("Writer")
struct WriterTests {
    @Test("escapes text and attributes so that they read back the same")
    func escapingRoundTrip() throws {
        let original = Node(
            name: "item",
            attributes: [Attribute(name: "a", value: "x < y & \"z\"\ttab\nline")],
            children: [Node(name: "text", text: "1 < 2 && 3 > 2\r\nend"), Node(name: "ext", namespace: "urn:x", prefix: "x", text: "e")])
        var bytes = Array("<root>\n".utf8)
        XMLWriter().write(original, level: 1, scope: [:], into: &bytes)
        bytes += Array("</root>\n".utf8)
        let out = String(decoding: bytes, as: UTF8.self)
        let back = try #require(try records(out).first)
        #expect(back.attribute("a") == original.attribute("a"))
        #expect(back.child("text")?.text == "1 < 2 && 3 > 2\r\nend")
        #expect(back.child("ext", namespace: "urn:x")?.text == "e")
        #expect(out.contains("xmlns:x=\"urn:x\""))
    }

    @Test("every character reads back the same from text and attributes; those XML cannot hold become U+FFFD")
    func escapingEveryCharacter() throws {
        // Every ASCII character, then Vietnamese and other characters of 2, 3 and 4 bytes,
        // the noncharacters XML refuses (U+FFFE, U+FFFF) and the characters beside them.
        let scalars = (0...0x7F).compactMap(Unicode.Scalar.init)
            + ["é", "ệ", "đ", "\u{EFFF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{F0000}", "😀"].flatMap(\.unicodeScalars)
        for scalar in scalars {
            let text = "a" + String(Character(scalar)) + "b"
            var node = Node(name: "item", attributes: [Attribute(name: "v", value: text)])
            node.text = text
            var bytes = Array("<root>\n".utf8)
            XMLWriter().write(node, level: 1, scope: [:], into: &bytes)
            bytes += Array("</root>\n".utf8)
            // What the writer makes of the text alone, from a string and from its bytes.
            var fromBytes: [UInt8] = []
            Array(text.utf8).withUnsafeBufferPointer { XMLWriter.appendEscaped(bytes: $0, attribute: true, to: &fromBytes) }
            #expect(String(decoding: fromBytes, as: UTF8.self) == XMLWriter.escapedAttribute(text), "U+\(String(scalar.value, radix: 16))")
            let back = try #require(try records(String(decoding: bytes, as: UTF8.self)).first, "U+\(String(scalar.value, radix: 16))")
            let allowed = scalar == "\t" || scalar == "\n" || scalar == "\r" || (scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF)
            let expected = allowed ? text : "a\u{FFFD}b"
            #expect(back.attribute("v") == expected, "attribute, U+\(String(scalar.value, radix: 16))")
            #expect(back.text == expected, "text, U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test("declares each namespace once and renames clashing prefixes")
    func namespaces() throws {
        let node = Node(name: "item", children: [
            Node(name: "a", namespace: "urn:one", prefix: "p"),
            Node(name: "b", namespace: "urn:two", prefix: "p"),
            Node(name: "c", namespace: "urn:one", prefix: "p"),
        ])
        var bytes: [UInt8] = []
        XMLWriter().write(node, level: 0, scope: ["p": "urn:root"], into: &bytes)
        let out = String(decoding: bytes, as: UTF8.self)
        #expect(out.components(separatedBy: "xmlns:").count - 1 == 2)
        let back = try #require(try records("<r xmlns:p=\"urn:root\">" + out + "</r>").first)
        #expect(back.children.map { $0.namespace ?? "" } == ["urn:one", "urn:two", "urn:one"])
    }
}

@Suite("Output files")
struct ByteSinkTests {
    @Test("a file appears only when committed; a discarded one leaves nothing")
    func atomicOutput() throws {
        let folder = try TemporaryFolder()
        let target = folder.file("out.json")
        let sink = try ByteSink(path: target)
        try sink.write("partial")
        try sink.flush()
        #expect(!FileManager.default.fileExists(atPath: target))
        sink.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        let second = try ByteSink(path: target)
        try second.write("whole")
        try second.commit()
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "whole")
    }
}
