import Foundation
import LibXML
import Testing
import TestSupport

/// What each reader throws for `bytes`: the tree reader's and the SAX reader's error.
private func errors(_ bytes: [UInt8]) -> (tree: XMLError?, sax: XMLError?) {
    var tree: XMLError?
    do {
        let reader = try XMLReader(name: "in.xml", source: BufferSource(bytes))
        while try reader.nextElement() != nil {}
    } catch { tree = error }
    var sax: XMLError?
    do {
        let reader = try SAXRecordReader(name: "in.xml", source: BufferSource(bytes))
        _ = try reader.root()
        while try reader.next() != nil {}
    } catch { sax = error }
    return (tree, sax)
}

@Suite("Inputs that are not XML, named from their first bytes")
struct InputKindTests {
    @Test("both readers name the input the same way", arguments: [
        ([], InputKind.empty),
        (Array(" \n \t".utf8), .empty),
        ([0xEF, 0xBB, 0xBF], .empty),
        (Array("%PDF-1.7\n".utf8), .pdf),
        ([0x50, 0x4B, 0x03, 0x04, 0x0A, 0x00], .zip),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], .png),
        ([0xFF, 0xD8, 0xFF, 0xDB], .jpeg),
        (Array("GIF89a".utf8), .gif),
        (Array("<!doctype HTML><p>hello<br></p>".utf8), .html),
        (Array("<?xml version=\"1.0\"?>\n<HTML><body><p>x</body></HTML>".utf8), .html),
        (Array("\n  [{\"a\": 1}]".utf8), .json),
        ([0x00, 0x01, 0x02, 0x03], .binary),
        (Array("<?xml version=\"1.0\" encoding=\"nope\"?><a/>".utf8), .unknownEncoding),
        (Array("<?xml version=\"1.0\"?>\n<a>caf".utf8) + [0xE9] + Array("</a>".utf8), .wrongEncoding),
    ] as [([UInt8], InputKind)])
    func named(bytes: [UInt8], kind: InputKind) throws {
        let (tree, sax) = errors(bytes)
        #expect(tree?.inputKind == kind, "\(String(describing: tree))")
        #expect(sax?.inputKind == kind, "\(String(describing: sax))")
        #expect(tree?.message == sax?.message)
        #expect(tree?.message.contains("\n") == false)
    }

    @Test("input that is XML gone wrong keeps libxml2's words and position")
    func notWellFormed() throws {
        let (tree, sax) = errors(Array("<root>\n<a></root>".utf8))
        #expect(tree?.inputKind == nil && sax?.inputKind == nil)
        #expect(tree?.line == 2 && tree?.message.contains("mismatch") == true, "\(String(describing: tree))")
        #expect(sax?.line == 2)
    }

    @Test("the declared encoding is named in the message")
    func declaredEncoding() throws {
        let bytes = Array("<?xml version='1.0' encoding='utf-8'?>\n<a>Vi".utf8) + [0xEA] + Array("t</a>".utf8)
        let error = try #require(errors(bytes).tree)
        #expect(error.message.hasPrefix("bytes that are not utf-8 (0xEA 0x74 0x3C 0x2F), while the file declares utf-8:"), "\(error.message)")
        #expect(error.line == 2)
    }

    @Test("the sniffing source hands every byte on, however small the reads")
    func sniffingPassesThrough() throws {
        let bytes = (0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let source = SniffingSource(BufferSource(bytes))
        #expect(try source.peek().count >= 512)
        var read: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 100)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            read += buffer[0..<count]
        }
        #expect(read == bytes)
    }
}
