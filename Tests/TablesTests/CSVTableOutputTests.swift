import Foundation
import IATI
import LibXML
@testable import Tables
import XCTest

final class CSVTableOutputTests: XCTestCase {
    func testFieldsAreQuotedOnlyWhenRFC4180NeedsIt() {
        func field(_ text: String) -> String {
            let buffer = OutputBuffer()
            TextLayout.appendCSVField(text, into: buffer)
            return String(decoding: buffer.bytes, as: UTF8.self)
        }
        XCTAssertEqual(field("Hà Nội"), "Hà Nội")
        XCTAssertEqual(field("a,b"), "\"a,b\"")
        XCTAssertEqual(field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(field("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(field(" padded"), "\" padded\"")
    }

    func testDecimalsAreWrittenPlainWithoutExponent() {
        XCTAssertEqual(Cell.decimal(Decimal(string: "0.000041")!).text, "0.000041")
        XCTAssertEqual(Cell.decimal(Decimal(string: "12000000000000000000000")!).text, "12000000000000000000000")
        XCTAssertEqual(Cell.decimal(Decimal(string: "-1234.50")!).text, "-1234.5")
        XCTAssertEqual(Cell.date(IATIDate(text: "2024-1-5")).text, "2024-1-5")
        XCTAssertEqual(Cell.date(IATIDate(text: "2024-01-05T10:00:00Z")).text, "2024-01-05")
    }
}
