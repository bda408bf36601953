import Foundation
import Testing
import TestSupport

/// One input that is not IATI XML, with the one line both commands give for it.
struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    /// `file:line[:column]` after the file's folder.
    var location: String
    var id: String
    var message: String

    var testDescription: String { name }

    static let vietnamese1258: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\"><iati-activity><title><narrative>Vi".utf8) + [0xEA] + Array("t Nam</narrative></title></iati-activity></iati-activities>\n".utf8)

    static let all: [BadInput] = [
        BadInput(
            name: "empty.xml", bytes: [], location: "empty.xml:1", id: "0.1.1",
            message: "the file is empty (no XML at all): check that the export or download finished, and send the file again"),
        BadInput(
            name: "blank.xml", bytes: Array("  \n\n".utf8), location: "blank.xml:1", id: "0.1.1",
            message: "the file is empty (no XML at all): check that the export or download finished, and send the file again"),
        BadInput(
            name: "report.xml", bytes: Array("%PDF-1.4\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3] + Array("\n1 0 obj\n".utf8), location: "report.xml:1", id: "0.1.1",
            message: "a PDF document, not XML: a report cannot be read as data; ask for the XML file itself"),
        BadInput(
            name: "archive.xml", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00], location: "archive.xml:1", id: "0.1.1",
            message: "a ZIP archive, not XML: name it with .zip so that iatix reads the XML files inside it, or unpack it first"),
        BadInput(
            name: "logo.xml", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], location: "logo.xml:1", id: "0.1.1",
            message: "a PNG image, not XML: ask for the XML file itself"),
        BadInput(
            name: "photo.xml", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46], location: "photo.xml:1", id: "0.1.1",
            message: "a JPEG image, not XML: ask for the XML file itself"),
        BadInput(
            name: "page.xml", bytes: Array("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>404</title></head><body><p>Not found<br></body></html>\n".utf8),
            location: "page.xml:1", id: "0.1.1",
            message: "an HTML web page, not XML: the link gave a web page (a login, error or landing page) instead of the file; download the XML file itself"),
        BadInput(
            name: "data.xml", bytes: Array("{\"iatiActivities\": []}\n".utf8), location: "data.xml:1", id: "0.1.1",
            message: "JSON, not XML: iatix's normalised JSON is read by `iatix convert FILE --from json --to xml`; other JSON has to be turned into XML first"),
        BadInput(
            name: "blob.xml", bytes: [0x01, 0x02, 0x00, 0x00, 0x7F, 0x45, 0x4C, 0x46], location: "blob.xml:1", id: "0.1.1",
            message: "a binary file, not XML (it holds NUL bytes): check that this is the file meant, not a compressed or office document"),
        BadInput(
            name: "windows-1258.xml", bytes: vietnamese1258, location: "windows-1258.xml:2:68", id: "0.1.1",
            message: "bytes that are not UTF-8 (0xEA 0x74 0x20 0x4E), while the file declares UTF-8: the file is in another encoding (windows-1258 or ISO-8859-1, for instance); declare it in the first line, <?xml version=\"1.0\" encoding=\"windows-1258\"?>, or save the file as UTF-8"),
        BadInput(
            name: "klingon.xml", bytes: Array("<?xml version=\"1.0\" encoding=\"klingon\"?>\n<iati-activities version=\"2.03\"/>\n".utf8),
            location: "klingon.xml:1:39", id: "0.1.1",
            message: "the file declares the encoding \"klingon\", which is not known: declare the encoding the file is really in (UTF-8, windows-1258, ISO-8859-1, UTF-16) or save it as UTF-8"),
        BadInput(
            name: "feed.xml", bytes: Array("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>\n".utf8), location: "feed.xml:2", id: "0.2.1",
            message: "not an IATI file: the root element is <rss>; expected <iati-activities> or <iati-organisations> in no namespace: check that this is the IATI XML file meant"),
    ]
}

/// Inputs that are not IATI XML are named, in one line with the official id, by `validate`
/// (text and JSON) and `convert` alike; nothing is written for them.
@Suite("Bad inputs named, end to end")
struct BadInputCLITests {
    @Test("validate: one critical finding that names the input, exit 1", arguments: BadInput.all)
    func validate(_ input: BadInput) throws {
        let folder = try TemporaryFolder()
        let path = folder.file(input.name)
        try Data(input.bytes).write(to: URL(fileURLWithPath: path))
        let result = try Command.iatix(["validate", path])
        #expect(result.status == 1, "\(result.standardOutput)\(result.standardError)")
        let findings = result.standardOutput.split(separator: "\n").filter { $0.contains(" critical ") || $0.contains(" error ") }
        #expect(findings == ["\(folder.path)/\(input.location): critical \(input.id) \(input.message)"], "\(result.standardOutput)")
        #expect(result.standardError.isEmpty, "\(result.standardError)")
    }

    @Test("validate --format json: the same id and message", arguments: BadInput.all)
    func validateJSON(_ input: BadInput) throws {
        let folder = try TemporaryFolder()
        let path = folder.file(input.name)
        try Data(input.bytes).write(to: URL(fileURLWithPath: path))
        let report = folder.file("report.json")
        let result = try Command.iatix(["validate", path, "--format", "json", "-o", report])
        #expect(result.status == 1, "\(result.standardError)")
        let text = try String(contentsOfFile: report, encoding: .utf8)
        let escaped = input.message.replacingOccurrences(of: "\"", with: "\\\"")
        #expect(text.contains("\"id\": \"\(input.id)\""), "\(text)")
        #expect(text.contains("\"message\": \"\(escaped)\""), "\(text)")
    }

    @Test("convert: one error line that names the input, exit 1, no output left", arguments: BadInput.all)
    func convert(_ input: BadInput) throws {
        let folder = try TemporaryFolder()
        let path = folder.file(input.name)
        try Data(input.bytes).write(to: URL(fileURLWithPath: path))
        let result = try Command.iatix(["convert", path, "-o", folder.file("out.json")])
        #expect(result.status == 1)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines == ["iatix: error: \(folder.path)/\(input.location): \(input.message) [\(input.id)]"], "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [input.name], "an output was left behind")
    }

    @Test("elements nested deeper than libxml2 allows: the same 0.1.1 error, at the same place, from validate and convert")
    func excessiveDepth() throws {
        let folder = try TemporaryFolder()
        // 256 nested descriptions inside an activity: 258 open elements, two past the limit.
        let depth = 256
        let path = try folder.write(
            "deep.xml",
            "<iati-activities version=\"2.03\"><iati-activity><iati-identifier>x</iati-identifier>"
                + String(repeating: "<description>", count: depth) + String(repeating: "</description>", count: depth)
                + "</iati-activity></iati-activities>\n")
        // At the end of the last start tag allowed: after the identifier (83 columns) and 256 tags of 13.
        let location = "\(path):1:\(83 + depth * 13)"
        let message = "Excessive depth in document: 256 use XML_PARSE_HUGE option"
        try expectRefused(
            path, in: folder, finding: "\(location): critical 0.1.1 not well-formed XML: \(message)",
            error: "iatix: error: \(location): \(message)")
    }

    @Test("a text over libxml2's 10,000,000 bytes: the same 0.1.1 error, at the same place, from validate and convert; one just under it passes both")
    func hugeText() throws {
        let folder = try TemporaryFolder()
        func file(_ name: String, textBytes: Int) throws -> String {
            try folder.write(
                name,
                "<iati-activities version=\"2.03\"><iati-activity><iati-identifier>a</iati-identifier><title><narrative>"
                    + String(repeating: "x", count: textBytes) + "</narrative></title></iati-activity></iati-activities>\n")
        }
        let huge = try file("huge.xml", textBytes: 10_000_001)
        let validate = try Command.iatix(["validate", huge])
        let found = validate.standardOutput.split(separator: "\n").first { $0.contains(" 0.1.1 ") }.map(String.init) ?? ""
        #expect(found.hasSuffix(": critical 0.1.1 not well-formed XML: xmlSAX2Characters: huge text node"), "\(validate.standardOutput)")
        let location = String(found.prefix { $0 != " " }.dropLast())
        let convert = try Command.iatix(["convert", huge, "-o", folder.file("out.json")])
        #expect(convert.status == 1)
        #expect(convert.standardError.hasPrefix("iatix: error: \(location): xmlSAX2Characters: huge text node"), "\(convert.standardError)")
        let large = try file("large.xml", textBytes: 9_999_000)
        #expect(try Command.iatix(["convert", large, "-o", folder.file("large.json")]).status == 0)
        #expect(!(try Command.iatix(["validate", large]).standardOutput.contains(" 0.1.1 ")))
    }

    @Test("damaged or cut gzip data is named as such by validate and convert, not as bad XML")
    func damagedGzip() throws {
        let folder = try TemporaryFolder()
        let whole = folder.file("whole.gz")
        let gzip = try Command.run("/bin/sh", ["-c", "gzip -c \"$0\" > \"$1\"", Reference.sample("ilo-vietnam-activities.xml"), whole])
        let compressed = try #require(FileManager.default.contents(atPath: whole), "gzip: \(gzip.standardError)")
        // Cut in the middle: zlib reports the end it did not reach. A damaged block: wrong data.
        let cases: [(name: String, bytes: Data, reason: String)] = [
            ("cut.xml.gz", compressed.prefix(compressed.count / 2), "unexpected end of file"),
            ("damaged.xml.gz", Data([0x1F, 0x8B, 0x08, 0x00] + [UInt8](repeating: 0, count: 20)), "invalid stored block lengths"),
        ]
        for (name, bytes, reason) in cases {
            let path = folder.file(name)
            try bytes.write(to: URL(fileURLWithPath: path))
            let message = "cannot read the gzip-compressed data (\(reason)): the file is damaged or cut short; copy or download it again"
            try expectRefused(
                path, in: folder, finding: "\(path): critical 0.1.1 \(message)\n", error: "iatix: error: \(path): \(message) [0.1.1]\n")
        }
    }

    /// Runs `validate` and `convert` on `path`: both exit 1, the report holds `finding`,
    /// convert's error starts with `error`, and convert leaves no output behind.
    private func expectRefused(_ path: String, in folder: TemporaryFolder, finding: String, error: String) throws {
        let validate = try Command.iatix(["validate", path])
        #expect(validate.status == 1)
        #expect(validate.standardOutput.contains(finding), "\(validate.standardOutput)")
        let output = folder.file("out.json")
        let convert = try Command.iatix(["convert", path, "-o", output])
        #expect(convert.status == 1)
        #expect(convert.standardError.hasPrefix(error), "\(convert.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("convert from standard input names the input the same way")
    func standardInput() throws {
        let pdf = try #require(BadInput.all.first { $0.name == "report.xml" })
        let result = try Command.iatix(["convert", "-"], input: Data(pdf.bytes))
        #expect(result.status == 1)
        #expect(result.standardError == "iatix: error: -:1: \(pdf.message) [0.1.1]\n", "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
    }

    @Test("an external entity and a DTD that were not loaded are noted with their lines, in validate and convert")
    func externalsNoted() throws {
        let folder = try TemporaryFolder()
        let secret = try folder.write("secret.txt", "SECRET")
        let path = try folder.write("entity.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE iati-activities SYSTEM "http://example.org/iati.dtd" [<!ENTITY leak SYSTEM "file://\(secret)">]>
            <iati-activities version="2.03">
            <iati-activity><iati-identifier>A&leak;</iati-identifier></iati-activity>
            </iati-activities>
            """)
        let dtd = "the DTD \"http://example.org/iati.dtd\" named by <!DOCTYPE iati-activities> was not loaded: iatix does not read the files or web addresses a document points to; defaults or entities it declares do not apply (IATI files need no DTD: the line can go)"
        let entity = "the external entity &leak; (\"file://\(secret)\") was not loaded: iatix does not read the files or web addresses a document points to, so its text is missing here; write the text into the file instead"
        let validation = try Command.iatix(["validate", path])
        #expect(validation.standardOutput.contains("\(path):2: warning iatix.not-loaded \(dtd)\n"), "\(validation.standardOutput)")
        #expect(validation.standardOutput.contains("\(path):4: warning iatix.not-loaded \(entity)\n"), "\(validation.standardOutput)")
        let conversion = try Command.iatix(["convert", path, "--to", "jsonl"])
        #expect(conversion.status == 0, "\(conversion.standardError)")
        #expect(conversion.standardError.contains("\(path):2: note: \(dtd)\n"), "\(conversion.standardError)")
        #expect(conversion.standardError.contains("\(path):4: note: \(entity)\n"), "\(conversion.standardError)")
        #expect(conversion.standardError.contains("(kept and noted: 2 not-loaded)"), "\(conversion.standardError)")
        #expect(conversion.standardOutput.contains("\"iatiIdentifier\":\"A\""), "\(conversion.standardOutput)")
        #expect(!conversion.standardOutput.contains("SECRET"))
    }

    @Test("an internal entity's text is read once, and is text to validate's rules, in validate and convert")
    func internalEntityText() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("entity.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE iati-activities [<!ENTITY e "X"> <!ENTITY desc "Decent work">]>
            <iati-activities version="2.03">
            <iati-activity><iati-identifier>A&e;B</iati-identifier><description><narrative>&desc;</narrative></description></iati-activity>
            </iati-activities>
            """)
        let conversion = try Command.iatix(["convert", path, "--to", "jsonl"])
        #expect(conversion.status == 0, "\(conversion.standardError)")
        #expect(conversion.standardOutput.contains(#""iatiIdentifier":"AXB""#), "\(conversion.standardOutput)")
        #expect(conversion.standardOutput.contains(#""text":"Decent work"}"#), "\(conversion.standardOutput)")
        let validation = try Command.iatix(["validate", path])
        #expect(!validation.standardOutput.contains(" 4.4.1 "), "\(validation.standardOutput)")
        #expect(validation.standardOutput.contains("no text") == false)
    }
}
