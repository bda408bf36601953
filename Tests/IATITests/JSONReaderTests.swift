import Foundation
import IATI
import LibXML
import Testing

@Suite("The JSON reader's strings and the places of its values")
struct JSONReaderTests {
    /// The JSON text of `text`: escapes for the quote, the backslash, line breaks and a tab,
    /// `\u` for the rest of what is not ASCII every third character.
    private static func escaped(_ text: String) -> String {
        var out = ""
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value > 0xFFFF {
                    let value = scalar.value - 0x10000
                    out += String(format: "\\u%04x\\u%04x", 0xD800 + (value >> 10), 0xDC00 + (value & 0x3FF))
                } else if scalar.value > 0x7F, offset % 3 == 0 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    @Test("strings read whole wherever the reader's 64 KiB buffer ends: inside a run, on an escape, inside a character")
    func stringsAcrossTheBufferEnd() throws {
        let piece = "Việt Nam \"a\\b\"\n\tệ😀 plain "
        // Strings that start at every offset near the first buffer end, so that each part of
        // the piece (an escape, a character of several bytes, plain text) meets it.
        for lead in 65_500..<65_540 {
            let texts = ["x", String(repeating: piece, count: 3), "", String(repeating: "é", count: 40)]
            let json = "[\"" + String(repeating: "a", count: lead) + "\"," + texts.map { "\"\(Self.escaped($0))\"" }.joined(separator: ",") + "]"
            let reader = JSONReader(name: "s.json", source: BufferSource(Array(json.utf8)))
            guard case .array(let values) = try reader.value() else {
                Issue.record("not an array")
                return
            }
            #expect(values.dropFirst().map { if case .string(let text) = $0 { text } else { "?" } } == texts, "lead \(lead)")
        }
    }

    @Test("a string that is not UTF-8 is refused, also where the buffer ends inside it")
    func invalidUTF8() throws {
        for lead in [10, 65_530, 65_534] {
            let bytes = Array("[\"".utf8) + Array(repeating: UInt8(ascii: "a"), count: lead) + [0xC3, 0x28] + Array("\"]".utf8)
            let reader = JSONReader(name: "s.json", source: BufferSource(bytes))
            #expect(throws: XMLError.self) { try reader.value() }
        }
    }

    @Test("each value's line and span, in the order the values start")
    func valuePlaces() throws {
        let json = "{\n \"a\": [1,\n  {\"b\": \"x\"}],\n \"c\":\n  true\n}"
        let reader = JSONReader(name: "p.json", source: BufferSource(Array(json.utf8)))
        reader.recordsPlaces = true
        _ = try reader.value()
        let places = reader.takePlaces()
        // The object, the array, 1, the inner object, "x", true.
        #expect(places.map(\.line) == [1, 2, 2, 3, 3, 5])
        #expect(places.map(\.span) == [6, 4, 1, 2, 1, 1])
    }
}
