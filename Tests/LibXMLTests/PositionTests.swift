import Foundation
import LibXML
import Testing
import TestSupport

/// Where the reader places nodes, as it read them: every element's `<` and attribute's name,
/// in document order, from the records it detached.
private struct ReadPositions {
    var elements: [SourceText.StartTag] = []
    /// Where the text of each element that has some starts, by element index.
    var texts: [Int: SourcePosition] = [:]

    init(_ data: Data) throws {
        let reader = try XMLReader(name: "positions.xml", source: BufferSource([UInt8](data)))
        let copier = XMLNodeCopier()
        while let start = try reader.nextElement() {
            if start.depth == 0 {
                elements.append(Self.tag(start.qualifiedName, start.position, start.attributes))
            }
            if start.depth == 1 { add(try reader.detach().element(using: copier)) }
        }
    }

    private mutating func add(_ element: XMLElementView) {
        if !element.text.isEmpty { texts[elements.count] = element.textPosition }
        var attributes = element.attributes
        for index in attributes.indices { attributes[index].position = element.position(ofAttributeAt: index) }
        elements.append(Self.tag(element.qualifiedName, element.position, attributes))
        for child in element.children { add(child) }
    }

    private static func tag(_ name: String, _ position: SourcePosition, _ attributes: [Attribute]) -> SourceText.StartTag {
        SourceText.StartTag(
            name: name, line: position.line, column: position.column,
            attributes: attributes.map { .init(name: $0.qualifiedName, line: $0.position.line, column: $0.position.column) })
    }
}

extension ElementStart {
    fileprivate var qualifiedName: String { prefix.map { "\($0):\(name)" } ?? name }
}

@Suite("Positions of nodes")
struct PositionTests {
    /// Records with what makes columns hard: tabs, Vietnamese text, entity and character
    /// references, comments, CDATA, a processing instruction, attributes on several lines,
    /// prefixed names, empty elements.
    static let records = """
        <iati-activity xml:lang="vi" default-currency="VND">
        \t<iati-identifier>VN-1</iati-identifier><title><narrative>Việc làm &amp; kỹ năng — "bền vững"</narrative></title>
          <!-- a comment with <angle> brackets -->
          <participating-org
              ref="VN-BRN-0100"\trole="1"
        \t    type='10' x:note="ghi chú"><narrative>Bộ Lao động – Thương binh &#233;</narrative></participating-org>
          <description type="1"><?pi some data?><narrative xml:lang="en"><![CDATA[<raw> & text]]></narrative></description>
          <x:extension x:k="đ">văn bản<x:inner/>more</x:extension><budget type="1" status="2"/>
        </iati-activity>
        """

    static func document(_ records: String, lineEnd: String = "\n", head: String = "") -> String {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE iati-activities [<!ENTITY org "Bộ">]>
            <iati-activities version="2.03"
                xmlns:x="http://example.org/x" generated-datetime="2026-12-01T00:00:00Z">
            \(head)\(records)
            \(records)
            </iati-activities>
            """
        return body.replacingOccurrences(of: "\n", with: lineEnd)
    }

    /// The reader's positions equal those read off the text, element by element.
    private func expectSamePositions(_ text: String, data: Data? = nil, _ label: String) throws {
        let read = try ReadPositions(data ?? Data(text.utf8))
        let source = SourceText(text)
        let expected = source.startTags()
        #expect(read.elements.count == expected.count, "\(label): element count")
        for (index, (got, want)) in zip(read.elements, expected).enumerated() where got != want {
            Issue.record("\(label): element \(index): \(got) ≠ \(want) (text there: \(source.text(line: want.line, column: want.column, length: 30)))")
            break
        }
        // A text starts right after its element's start tag, or after the markup in front of it.
        for (index, position) in read.texts {
            let after = source.scalar(before: position.line, column: position.column)
            let here = source.text(line: position.line, column: position.column, length: 1)
            #expect(after == ">" || here == "<", "\(label): text of element \(index) at \(position.line):\(position.column): '\(here)'")
        }
    }

    @Test("elements at their '<', attributes at their names, on several lines, with tabs, CRLF and non-ASCII text")
    func multiLine() throws {
        try expectSamePositions(Self.document(Self.records), "LF")
        try expectSamePositions(Self.document(Self.records, lineEnd: "\r\n"), "CRLF")
    }

    @Test("a file on one line, longer than the reader's chunks: columns past 65,535 stay exact")
    func oneLine() throws {
        let line = Self.records.replacingOccurrences(of: "\n", with: "")
        let text = Self.document(String(repeating: line, count: 400)).replacingOccurrences(of: "\n", with: " ")
        #expect(text.utf8.count > 300_000)
        try expectSamePositions(text, "one line")
        let read = try ReadPositions(Data(text.utf8))
        #expect(Set(read.elements.map(\.column)).count == read.elements.count, "every element has its own column")
        #expect((read.elements.last?.column ?? 0) > 65_535)
    }

    @Test("lines past 65,535 keep their numbers and columns")
    func bigLines() throws {
        try expectSamePositions(Self.document(Self.records, head: String(repeating: "\n", count: 70_000)), "70,000 lines")
    }

    @Test("UTF-16 input: columns count characters, as in the text")
    func utf16() throws {
        let text = Self.document(Self.records).replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        var data = Data([0xFF, 0xFE])
        data.append(text.data(using: .utf16LittleEndian)!)
        try expectSamePositions(text, data: data, "UTF-16")
    }

    @Test("a text's position: right after its start tag, after a comment, at a CDATA section, at a reference")
    func textPositions() throws {
        let text = "<r>\n<a><b>one</b><c><!-- x -->two</c><d>\n  <!-- y -->\n  three</d><e><![CDATA[four]]></e><f>&#233;five</f></a></r>"
        let trees = try {
            let reader = try XMLReader(name: "t.xml", source: BufferSource(text))
            var trees: [XMLSubtree] = []
            while let start = try reader.nextElement() {
                if start.depth == 1 { trees.append(try reader.detach()) }
            }
            return trees
        }()
        let copier = XMLNodeCopier()
        let children = Array(try #require(trees.first).element(using: copier).children)
        // `<d>`'s text starts with the line break after the comment (the white space before the
        // comment is dropped).
        #expect(children.map(\.textPosition) == [
            SourcePosition(line: 2, column: 7), SourcePosition(line: 2, column: 27), SourcePosition(line: 3, column: 13),
            SourcePosition(line: 4, column: 15), SourcePosition(line: 4, column: 38),
        ])
        // The same positions through XPath, on the text nodes themselves.
        let document = try XPathDocument(root: Node(name: "r"), child: try #require(trees.first))
        let texts = try #require(try document.evaluate("//text()").nodes)
        #expect(texts.map(\.position.column) == [7, 27, 13, 15, 38])
    }
}
