import Foundation
import IATI
import LibXML
@testable import Tables
import XCTest

final class CSVTableOutputTests: XCTestCase {
    /// `text` as a CSV field.
    private func field(_ text: String) -> String {
        let buffer = OutputBuffer()
        TextLayout.appendCSVField(text, into: buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    func testFieldsAreQuotedOnlyWhenRFC4180NeedsIt() {
        XCTAssertEqual(field("Hà Nội"), "Hà Nội")
        XCTAssertEqual(field("a,b"), "\"a,b\"")
        XCTAssertEqual(field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(field("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(field(" padded"), "\" padded\"")
    }

    /// The eight-bytes-at-a-time scan says what a byte-by-byte one says, wherever the byte
    /// that needs quotes falls.
    func testQuotingScanAgreesWithByteByByteOne() {
        let alphabet: [UInt8] = Array("aZ09 \t,\"\n\r-".utf8) + Array("ệ".utf8) + [0x2B, 0x2D, 0x0C, 0x0E, 0xAC]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let expected =
                bytes.first.map { $0 == 0x20 || $0 == 0x09 } == true || bytes.last.map { $0 == 0x20 || $0 == 0x09 } == true
                || bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            bytes.withUnsafeBufferPointer { XCTAssertEqual(TextLayout.needsQuotes($0), expected, "\(bytes)") }
        }
    }

    /// A quoted field is the text with each quote doubled, wherever and however many quotes
    /// there are (runs between them are copied whole).
    func testQuotedFieldsDoubleEveryQuote() {
        let alphabet = Array("a Z,\"\"\nệ")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = String((0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let needsQuotes = text.contains { ",\"\n\r".contains($0) } || text.first == " " || text.last == " "
            let expected = needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
            XCTAssertEqual(field(text), expected, text)
        }
        XCTAssertEqual(field("\"\""), "\"\"\"\"\"\"")
    }

    func testDecimalsAreWrittenPlainWithoutExponent() {
        XCTAssertEqual(Cell.decimal(Decimal(string: "0.000041")!).text, "0.000041")
        XCTAssertEqual(Cell.decimal(Decimal(string: "12000000000000000000000")!).text, "12000000000000000000000")
        XCTAssertEqual(Cell.decimal(Decimal(string: "-1234.50")!).text, "-1234.5")
        XCTAssertEqual(Cell.date(IATIDate(text: "2024-1-5")).text, "2024-1-5")
        XCTAssertEqual(Cell.date(IATIDate(text: "2024-01-05T10:00:00Z")).text, "2024-01-05")
    }
}
