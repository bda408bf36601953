import Foundation
import IATI
import LibXML
import Testing
import TestSupport

/// Converts `bytes` in memory; returns the output bytes and the summary.
private func convert(_ bytes: [UInt8], to format: OutputFormat, keepsUnicodeForm: Bool = false) throws -> ([UInt8], ConversionSummary) {
    let folder = try TemporaryFolder()
    let target = folder.file("out")
    let sink = try ByteSink(path: target)
    let source = try Conversion.source(name: "in.xml", bytes: BufferSource(bytes), format: .xml, keepsUnicodeForm: keepsUnicodeForm)
    let summary = try Conversion.run(source, into: format.writer(into: sink))
    try sink.commit()
    return (Array(try Data(contentsOf: URL(fileURLWithPath: target))), summary)
}

@Suite("Unicode text in composed form (NFC) on the way in")
struct UnicodeFormTests {
    /// The Vietnamese sample as written (NFC), and decomposed (NFD).
    static let composed = (try? String(contentsOfFile: Reference.sample("ilo-vietnam-activities.xml"), encoding: .utf8)) ?? ""
    static let decomposed = composed.decomposedStringWithCanonicalMapping

    @Test("the sample holds Vietnamese that decomposes, and is composed as committed")
    func fixture() {
        #expect(Self.composed.contains("Việt Nam") || Self.composed.contains("Việt"))
        #expect(Array(Self.decomposed.utf8) != Array(Self.composed.utf8))
        #expect(Self.composed.precomposedStringWithCanonicalMapping.utf8.elementsEqual(Self.composed.utf8))
    }

    @Test("NFD Vietnamese converts to the same bytes as its NFC form; each record is noted", arguments: [OutputFormat.json, .jsonl, .xml])
    func sameBytes(_ format: OutputFormat) throws {
        let (fromNFC, nfcSummary) = try convert(Array(Self.composed.utf8), to: format)
        let (fromNFD, nfdSummary) = try convert(Array(Self.decomposed.utf8), to: format)
        #expect(fromNFD == fromNFC)
        #expect(nfcSummary.notices.counts[.unicodeNormalised] == nil)
        #expect(nfdSummary.notices.counts[.unicodeNormalised] == nfdSummary.records)
        let first = try #require(nfdSummary.notices.samples.first { $0.kind == .unicodeNormalised })
        #expect(first.message.hasSuffix("texts in decomposed Unicode (NFD) written in composed form (NFC); --keep-unicode-form keeps them as written"))
    }

    @Test("attribute values and text of a small file: composed, counted per value")
    func attributes() throws {
        func document(_ text: String) -> [UInt8] {
            Array("""
                <iati-activities version="2.03"><iati-activity last-updated-datetime="2024-01-01T00:00:00Z">\
                <iati-identifier>XM-1</iati-identifier><title><narrative xml:lang="vi">\(text)</narrative></title>\
                <participating-org role="1" ref="\(text)"/></iati-activity></iati-activities>
                """.utf8)
        }
        let nfc = "Bộ Lao động – Thương binh và Xã hội"
        let (fromNFC, _) = try convert(document(nfc), to: .json)
        let (fromNFD, summary) = try convert(document(nfc.decomposedStringWithCanonicalMapping), to: .json)
        #expect(fromNFD == fromNFC)
        #expect(summary.notices.samples.first { $0.kind == .unicodeNormalised }?.message.hasPrefix("2 texts") == true)
    }

    @Test("--keep-unicode-form keeps decomposed text as written")
    func keeps() throws {
        let (kept, summary) = try convert(Array(Self.decomposed.utf8), to: .json, keepsUnicodeForm: true)
        // Bytes, not `String.contains`: Swift compares strings up to canonical equivalence.
        #expect(kept.firstRange(of: Array("Vie\u{0323}\u{0302}t".utf8)) != nil, "NFD text was changed")
        #expect(summary.notices.counts[.unicodeNormalised] == nil)
    }
}
