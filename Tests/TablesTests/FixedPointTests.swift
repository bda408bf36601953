import Foundation
import IATI
import LibXML
@testable import Tables
import Testing
import TestSupport

private func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

/// The splits' fixed point gives what `Decimal` gives, and rows made cell by cell what whole
/// rows give.
@Suite("fixed-point splits and rows made by pieces")
struct FixedPointTests {
    static let values = [
        "0", "1", "-1", "0.5", "1234.56", "-1234.5600", "0.000041", "12000000", "0.3333333333333333", "99999999999999999999.99",
        "-9223372036854775808", "18446744073709551616.25", "123456789012345678901234567890.12345678",
    ]

    @Test(arguments: values)
    func writtenAsDecimalWritesIt(text: String) throws {
        let value = decimal(text)
        let fixed = try #require(FixedDecimal(value, scale: max(0, value.decimalPlaces)))
        #expect(fixed.plainText == value.plainText)
        #expect(fixed.decimal == value)
        #expect(fixed.decimal.plainText == value.plainText)
        // More places than written: the same value, the same text.
        if let wider = FixedDecimal(value, scale: value.decimalPlaces + 3) { #expect(wider.plainText == value.plainText) }
    }

    @Test func productsRoundAsDecimalRounds() throws {
        let fractions = ["0.0692779200000000", "0.3333333333333333", "0.25", "1", "0.0000000000000001", "0.9999999999999999", "0.5"]
        for first in fractions {
            for second in fractions {
                let product = (decimal(first) * decimal(second)).rounded(scale: 16)
                let fixed = try #require(Shares.fixed(decimal(first)).multiplied(by: Shares.fixed(decimal(second)), scale: 16))
                #expect(fixed.decimal == product, "\(first) × \(second)")
            }
        }
        #expect(FixedDecimal(value: -25, scale: 1).multiplied(by: FixedDecimal(value: 1, scale: 1), scale: 1)?.plainText == "-0.3")
    }

    /// Shares of percentages and of day counts: the fixed-point quotient is `Decimal`'s quotient
    /// rounded to 16 places, including on ties and recurring decimals.
    @Test func fractionsDivideAsDecimalDivides() throws {
        var generator = SystemRandomNumberGenerator()
        var pairs: [(String, String)] = [("1", "3"), ("2", "3"), ("1", "7"), ("50", "100"), ("33.333333", "99.999999"), ("1", "1"), ("0", "5")]
        pairs += [("1", "32"), ("1", "1024"), ("3", "65536"), ("12.5", "37.5"), ("0.000001", "999999.999999"), ("91", "366"), ("1", "366")]
        for _ in 0..<2000 {
            let places = Int.random(in: 0...6, using: &generator)
            let whole = Int.random(in: 1...2_000_000, using: &generator)
            let part = Int.random(in: 0...whole, using: &generator)
            let scale = pow(10, places)
            pairs.append(("\(Decimal(part) / scale)", "\(Decimal(whole) / scale)"))
        }
        for (part, whole) in pairs {
            let expected = (decimal(part) / decimal(whole)).rounded(scale: 16)
            let fixedPart = try #require(FixedDecimal(decimal(part), scale: 6))
            let fixedWhole = try #require(FixedDecimal(decimal(whole), scale: 6))
            let fixed = try #require(FixedDecimal.fraction(fixedPart, of: fixedWhole, scale: 16), "\(part) ÷ \(whole)")
            #expect(fixed.decimal == expected, "\(part) ÷ \(whole)")
            #expect(Shares.fraction(decimal(part), of: decimal(whole)) == expected, "\(part) ÷ \(whole)")
        }
        // Outside the fixed-point road (more places, part above whole): Decimal's own division.
        #expect(Shares.fraction(decimal("1.0000001"), of: decimal("3")) == (decimal("1.0000001") / decimal("3")).rounded(scale: 16))
        #expect(FixedDecimal.fraction(FixedDecimal(5), of: FixedDecimal(3), scale: 16) == nil)
    }

    /// Random amounts and shares, on both roads of the division by a power of ten (quotient
    /// in 64 bits, and not) and of the writing of numbers (significand in 64 bits, and not):
    /// what `Decimal` computes and writes.
    @Test func randomProductsAndNumbersAreDecimalOnes() throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<3000 {
            let magnitude = round % 3 == 0 ? UInt64.max : 1_000_000_000
            let amount = FixedDecimal(value: Int128(UInt64.random(in: 0...magnitude, using: &generator)) * (round % 2 == 0 ? 1 : -1), scale: round % 4)
            let share = FixedDecimal(value: Int128(Int64.random(in: 0...10_000_000_000_000_000, using: &generator)), scale: 16)
            let expected = (amount.decimal * share.decimal).rounded(scale: 2)
            let product = try #require(amount.multiplied(by: share, scale: 2))
            #expect(product.decimal == expected, "\(amount.plainText) × \(share.plainText)")
            #expect(product.plainText == expected.plainText)
            #expect(amount.plainText == amount.decimal.plainText)
            #expect(share.plainText == share.decimal.plainText)
            // The output buffer's road (64-bit magnitudes go straight to the 64-bit writer).
            for number in [amount, share, product] {
                let buffer = OutputBuffer()
                number.appendPlainText(to: buffer)
                #expect(String(decoding: buffer.bytes, as: UTF8.self) == number.decimal.plainText)
            }
            let integer = Int.random(in: Int.min...Int.max, using: &generator) >> (round % 60)
            let out = OutputBuffer()
            FixedDecimal.appendPlainText(integer, to: out)
            #expect(String(decoding: out.bytes, as: UTF8.self) == String(integer))
        }
        let extremes = OutputBuffer()
        for integer in [0, -1, Int.min, Int.max] { FixedDecimal.appendPlainText(integer, to: extremes); extremes.append(UInt8(ascii: " ")) }
        #expect(String(decoding: extremes.bytes, as: UTF8.self) == "0 -1 \(Int.min) \(Int.max) ")
        // Around the one- and two-digit road.
        let small = OutputBuffer()
        for integer in -120...120 { FixedDecimal.appendPlainText(integer, to: small); small.append(UInt8(ascii: " ")) }
        #expect(String(decoding: small.bytes, as: UTF8.self) == (-120...120).map { "\($0) " }.joined())
    }

    /// The parts made row by row (``ExactShares/allocation(_:count:fraction:)``) are the held
    /// ones, remainder included.
    @Test func anAllocationMadeRowByRowIsTheHeldOne() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<500 {
            let count = Int.random(in: 1...40, using: &generator)
            let fractions = (0..<count).map { _ in
                FixedDecimal(value: Int128(Int64.random(in: 0...10_000_000_000_000_000, using: &generator)), scale: 16)
            }
            let total = Decimal(Int64.random(in: -10_000_000_000...10_000_000_000, using: &generator)) / Decimal(round % 2 == 0 ? 100 : 1)
            let held = ExactShares.allocate(total, fractions: fractions)
            let allocation = ExactShares.allocation(total, count: count) { fractions[$0] }
            #expect(held != nil)
            #expect(held == allocation.map { allocation in fractions.indices.map { allocation.part($0, fraction: fractions[$0]) } })
        }
    }

    @Test func fixedSharesAreTheDecimalOnes() throws {
        let fractions = ["0.3333333333333333", "0.3333333333333333", "0.3333333333333334"].map(decimal)
        for total in ["100", "0.05", "-9077", "1000000001", "7"].map(decimal) {
            let fixed = try #require(ExactShares.allocate(total, fractions: fractions.map(Shares.fixed)))
            #expect(fixed.map(\.decimal) == ExactShares.allocate(total, fractions: fractions))
        }
        let one = try #require(ExactShares.allocate(decimal("12.345"), fractions: [Shares.fixed(1)]))
        #expect(one.map(\.plainText) == ["12.345"])
        // Too large for 128 bits: the Decimal road.
        #expect(ExactShares.allocate(decimal("123456789012345678901234567890"), fractions: fractions.map(Shares.fixed)) == nil)
    }

    /// A row made of pieces, cells and numbers is the row of its cells, in every format.
    @Test(arguments: ["csv", "jsonl", "cells"])
    func rowsMadeByPiecesAreTheRowsOfTheirCells(format: String) throws {
        let columns = (0..<7).map { Column("c\($0)", .text, "", source: "") }
        let key = RowBuilder.Piece([.text("XM-1, \"quoted\""), .integer(3)])
        let tail = RowBuilder.Piece([.date(IATIDate(text: "2024-02-29")), .empty])
        var expected: [[Cell]] = []
        let (made, whole) = try Self.writers(format, columns: columns)
        let builder = RowBuilder(writer: made.writer)
        for row in 0..<3 {
            builder.append(key)
            builder.append(row + 1)
            builder.append(FixedDecimal(value: 12_345, scale: 4))
            builder.append(.boolean(row == 1))
            builder.append(tail)
            try builder.endRow()
            expected.append(key.cells + [.integer(row + 1), .decimal(decimal("1.2345")), .boolean(row == 1)] + tail.cells)
        }
        for row in expected { try whole.writer.write(row) }
        #expect(try made.result() == whole.result())
        #expect(builder.rows == 3)
    }

    /// Two writers of `format` and what each wrote.
    private static func writers(_ format: String, columns: [Column]) throws -> (Written, Written) {
        func one() throws -> Written {
            if format == "cells" {
                let collected = CollectedRows()
                return Written(writer: collected) { "\(collected.rows)" }
            }
            var bytes: [UInt8] = []
            let sink = ByteSink(name: format) { bytes.append(contentsOf: $0) }
            let layout: TextLayout = format == "csv" ? .csv : .jsonLines(columns: columns)
            return Written(writer: TextRowWriter(sink: sink, layout: layout)) {
                try sink.commit()
                return String(decoding: bytes, as: UTF8.self)
            }
        }
        return (try one(), try one())
    }

    struct Written {
        var writer: any RowWriter
        var result: () throws -> String
    }

    private final class CollectedRows: RowWriter {
        var rows: [[Cell]] = []
        func write(_ row: [Cell]) throws { rows.append(row) }
    }
}
