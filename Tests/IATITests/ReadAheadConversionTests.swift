import Foundation
import IATI
import LibXML
import Testing
import TestSupport

/// Everything a source gives, written as JSON Lines, with its notices and upgrade counts.
private func convert(_ document: [UInt8], readingAhead: Bool, slowly: Bool) throws -> (lines: [UInt8], notices: String, ahead: Int) {
    let source = try XMLDocumentSource(name: "many.xml", source: BufferSource(document), readingAhead: readingAhead)
    source.encoding = .json
    let header = try source.header()
    var lines: [UInt8] = []
    var count = 0
    while let item = try source.next() {
        switch item {
        case .encoded(let encoded): lines += encoded.bytes
        case .record(let node): NormalisedJSON.append(node, spec: header.recordSpec, to: &lines)
        case .rootExtension: continue
        }
        lines.append(0x0A)
        count += 1
        // A slow consumer for a while: the reading thread finds it behind and helps.
        if slowly && count < 150 { usleep(2_000) }
    }
    let notices = source.notices.samples.map(\.description).joined(separator: "\n") + "\(source.notices.counts.sorted { $0.key < $1.key })"
    return (lines, notices + "\(source.upgrade.summary.records)", source.recordsEncodedAhead)
}

@Suite("conversion read ahead")
struct ReadAheadConversionTests {
    @Test("records the reading thread encodes are those the consumer would have: same bytes, notices and counts")
    func helpingGivesTheSameOutput() throws {
        let sample = try String(contentsOfFile: Reference.packageRoot + "/samples/ilo-vietnam-activities.xml", encoding: .utf8)
        let start = try #require(sample.range(of: "<iati-activity ")).lowerBound
        let end = try #require(sample.range(of: "</iati-activities>", options: .backwards)).lowerBound
        let document = Array((sample[..<start] + String(repeating: String(sample[start..<end]), count: 60) + sample[end...]).utf8)
        let direct = try convert(document, readingAhead: false, slowly: false)
        let ahead = try convert(document, readingAhead: true, slowly: true)
        #expect(ahead.ahead > 0, "the reading thread never helped: the test proves nothing")
        #expect(ahead.lines == direct.lines)
        #expect(ahead.notices == direct.notices)
        #expect(direct.lines.filter { $0 == 0x0A }.count == 360)
    }
}
