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

/// `file` (of the package) with its records repeated `times` over.
private func repeatedRecords(of file: String, times: Int) throws -> [UInt8] {
    let sample = try String(contentsOfFile: Reference.packageRoot + "/" + file, encoding: .utf8)
    let start = try #require(sample.range(of: "<iati-activity")).lowerBound
    let end = try #require(sample.range(of: "</iati-activities>", options: .backwards)).lowerBound
    return Array((sample[..<start] + String(repeating: String(sample[start..<end]), count: times) + sample[end...]).utf8)
}

/// Everything a source gives on the node road (no encoding: every record upgraded and made
/// canonical as a node), as canonical XML, with its notices and every record's upgrade log.
private func upgradeRecords(
    _ document: [UInt8], readingAhead: Bool, slowly: Bool
) throws -> (records: [String], notices: String, logs: [RecordUpgrade], summary: UpgradeSummary, ahead: Int) {
    let source = try XMLDocumentSource(name: "many.xml", source: BufferSource(document), readingAhead: readingAhead)
    var logs: [RecordUpgrade] = []
    source.upgrade.onRecord = { logs.append($0) }
    var records: [String] = []
    while let item = try source.next() {
        guard case .record(let node) = item else { continue }
        var bytes: [UInt8] = []
        XMLWriter().write(node, level: 0, scope: [:], into: &bytes)
        records.append(String(decoding: bytes, as: UTF8.self))
        // A slow consumer for a while: the reading thread finds it behind and helps.
        if slowly && records.count < 150 { usleep(2_000) }
    }
    let notices = source.notices.samples.map(\.description).joined(separator: "\n") + "\(source.notices.counts.sorted { $0.key < $1.key })"
    return (records, notices, logs, source.upgrade.summary, source.recordsUpgradedAhead)
}

@Suite("upgrade read ahead")
struct ReadAheadUpgradeTests {
    @Test("records the reading thread upgrades are those the consumer would have: same records, notices and logs", arguments: [
        "samples/versions/ilo-vietnam-1.05.xml", "samples/versions/ilo-vietnam-2.02.xml",
    ])
    func helpingGivesTheSameRecords(file: String) throws {
        let document = try repeatedRecords(of: file, times: 180)
        let direct = try upgradeRecords(document, readingAhead: false, slowly: false)
        let ahead = try upgradeRecords(document, readingAhead: true, slowly: true)
        #expect(ahead.ahead > 0, "the reading thread never helped: the test proves nothing")
        #expect(ahead.ahead < 360, "the consumer took no record itself: the test proves nothing")
        #expect(direct.records.count == 360)
        #expect(ahead.records == direct.records)
        #expect(ahead.notices == direct.notices)
        #expect(ahead.logs == direct.logs)
        #expect(ahead.summary == direct.summary)
        #expect(direct.logs.count == 360)
        if file.hasSuffix("1.05.xml") { #expect(direct.logs.allSatisfy { !$0.changes.isEmpty }) }
    }
}

/// What a JSON source gives, record by record, as canonical XML, with its notices and the
/// error that stopped it (if any).
private struct RecordsRead: Equatable {
    var records: [String] = []
    var rootExtensions: [String] = []
    var notices = ""
    var error: XMLError?
}

private func readRecords(
    _ text: String, layout: JSONDocumentSource.Layout, readingAhead: Bool, slowly: Bool = false, stopAfter: Int? = nil
) throws -> RecordsRead {
    let source = JSONDocumentSource(name: "many.json", source: BufferSource(text), layout: layout, readingAhead: readingAhead)
    let header = try source.header()
    var read = RecordsRead()
    do {
        while let item = try source.next() {
            var bytes: [UInt8] = []
            switch item {
            case .record(let node):
                XMLWriter().write(node, level: 0, scope: [:], into: &bytes)
                read.records.append(String(decoding: bytes, as: UTF8.self))
            case .rootExtension(let node):
                XMLWriter().write(node, level: 0, scope: [:], into: &bytes)
                read.rootExtensions.append(String(decoding: bytes, as: UTF8.self))
            case .encoded: Issue.record("a JSON source gave encoded bytes")
            }
            // A slow consumer for a while: the reading thread fills its queue and waits.
            if slowly && read.records.count < 80 { usleep(1_000) }
            if let stopAfter, read.records.count == stopAfter { break }
        }
    } catch let error as XMLError {
        read.error = error
    }
    #expect(header.recordSpec.name == "iati-activity")
    read.notices = source.notices.samples.map(\.description).joined(separator: "\n")
        + "\(source.notices.counts.sorted { $0.key.rawValue < $1.key.rawValue })"
    return read
}

@Suite("JSON read ahead")
struct JSONReadAheadTests {
    /// The sample and its 1.05 version as JSON Lines (the older one upgraded on the way),
    /// one Vietnamese title decomposed (NFD), repeated to `count` lines.
    static func lines(count: Int) throws -> [String] {
        let folder = try TemporaryFolder()
        var records: [String] = []
        for sample in ["ilo-vietnam-activities.xml", "versions/ilo-vietnam-1.05.xml"] {
            let path = Reference.packageRoot + "/samples/" + sample
            let target = folder.file(sample.replacingOccurrences(of: "/", with: "-") + ".jsonl")
            let sink = try ByteSink(path: target)
            try Conversion.run(try Conversion.source(path: path), into: OutputFormat.jsonl.writer(into: sink))
            try sink.commit()
            records += try String(contentsOfFile: target, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        records.append(records[0].replacingOccurrences(of: "ệ", with: "e\u{323}\u{302}"))
        return (0..<count).map { records[$0 % records.count] }
    }

    /// `lines` as the records of one document (as `convert --to json` writes it, a record a
    /// line), with a file-level extension after them.
    static func document(_ lines: [String]) -> String {
        "{\"version\":\"2.03\",\"activities\":[\n" + lines.joined(separator: ",\n")
            + "\n],\"extensions\":{\"elements\":[{\"name\":\"note\",\"namespace\":\"urn:x\",\"prefix\":\"x\",\"text\":\"kept\"}]}}\n"
    }

    static func text(_ lines: [String], _ layout: JSONDocumentSource.Layout) -> String {
        layout == .lines ? lines.joined(separator: "\n") + "\n" : document(lines)
    }

    @Test("records, notices and counts are those read record by record on one thread", arguments: [JSONDocumentSource.Layout.lines, .document])
    func sameAsOneThread(layout: JSONDocumentSource.Layout) throws {
        let text = Self.text(try Self.lines(count: 300), layout)
        let direct = try readRecords(text, layout: layout, readingAhead: false)
        let ahead = try readRecords(text, layout: layout, readingAhead: true, slowly: true)
        #expect(direct.records.count == 300)
        #expect(direct.error == nil)
        #expect(ahead == direct)
        #expect(direct.notices.contains("(NFD)"), "no record was composed to NFC: the test proves less than it says")
        #expect(direct.rootExtensions.count == (layout == .document ? 1 : 0))
    }

    @Test(
        "a record that is not JSON, or not a record, stops the reading there, after the records before it",
        arguments: [JSONDocumentSource.Layout.lines, .document],
        [(150, "{\"iatiIdentifier\": "), (200, "{\"iatiIdentifier\": \"X\", \"colour\": \"red\"}"), (2, "[1, 2]")])
    func errorsWhereTheyAre(layout: JSONDocumentSource.Layout, broken: (index: Int, content: String)) throws {
        var lines = try Self.lines(count: 260)
        lines[broken.index - 1] = broken.content
        let text = Self.text(lines, layout)
        let direct = try readRecords(text, layout: layout, readingAhead: false)
        let ahead = try readRecords(text, layout: layout, readingAhead: true, slowly: true)
        #expect(ahead == direct)
        #expect(direct.records.count == broken.index - 1)
        // JSON Lines: the record's line; a document: its line too, the list starting on line 2.
        #expect(direct.error?.line == broken.index + (layout == .lines ? 0 : 1))
    }

    @Test("a consumer that stops early lets the reading thread go", arguments: [JSONDocumentSource.Layout.lines, .document])
    func stopsEarly(layout: JSONDocumentSource.Layout) throws {
        let read = try readRecords(Self.text(try Self.lines(count: 300), layout), layout: layout, readingAhead: true, stopAfter: 5)
        #expect(read.records.count == 5)
    }
}
