import Foundation
import Testing
import TestSupport

/// The lines `iatix` printed on standard error that say "error".
private func errorLines(_ result: CommandResult) -> [Substring] {
    result.standardError.split(separator: "\n").filter { $0.contains("error") }
}

@Suite("iatix convert, end to end")
struct ConvertCLITests {
    @Test("bad inputs: one clear error line with file:line:column, exit 1, no output file", arguments: [
        ("not-xml.xml", "this is not XML\n", "not-xml.xml:1:1:"),
        ("truncated.xml", "<iati-activities version=\"2.03\">\n  <iati-activity>\n    <iati-identifier>X</iati-identifier>\n", "truncated.xml:"),
        ("empty.xml", "", "empty.xml:1:"),
        ("html.xml", "<?xml version=\"1.0\"?>\n<html><body/></html>\n", "html.xml:2:"),
        ("mismatch.xml", "<iati-activities version=\"2.03\">\n<iati-activity></iati-activities>\n", "mismatch.xml:2:"),
    ])
    func badInput(name: String, content: String, location: String) throws {
        let folder = try TemporaryFolder()
        let input = try folder.write(name, content)
        let output = folder.file("out.json")
        let result = try Command.iatix(["convert", input, "-o", output])
        #expect(result.status == 1, "\(result.standardError)")
        let errors = errorLines(result)
        #expect(errors.count == 1, "\(result.standardError)")
        #expect(errors.first?.contains(input.replacingOccurrences(of: name, with: "") + location) == true, "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [name], "a partial output was left behind")
    }

    @Test("a non-IATI root says what was expected")
    func wrongRoot() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("feed.xml", "<rss version=\"2.0\"><channel/></rss>")
        let result = try Command.iatix(["convert", input])
        #expect(result.status == 1)
        #expect(result.standardError.contains("<rss>"))
        #expect(result.standardError.contains("expected <iati-activities>"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test("unreadable paths: missing file, a folder without IATI files")
    func unreadable() throws {
        let missing = try Command.iatix(["convert", "/nonexistent/partner.xml"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("/nonexistent/partner.xml: cannot open: no such file or directory"))
        let folder = try TemporaryFolder()
        let directory = try Command.iatix(["convert", folder.path])
        #expect(directory.status == 1)
        #expect(directory.standardError.contains("no input files found in \(folder.path)"), "\(directory.standardError)")
    }

    @Test("wrong usage exits 2", arguments: [
        ["convert"],
        ["convert", "a.xml", "--to", "yaml"],
        ["convert", "a.xml", "b.xml", "--to", "xml"],
        ["frobnicate"],
    ])
    func usage(arguments: [String]) throws {
        let result = try Command.iatix(arguments)
        #expect(result.status == 2, "\(arguments): \(result.standardError)")
        #expect(!result.standardError.isEmpty)
    }

    @Test("converts the sample in every format; standard input works too")
    func sample() throws {
        let sample = Reference.sample("ilo-vietnam-activities.xml")
        let folder = try TemporaryFolder()
        for format in ["json", "jsonl", "xml"] {
            let output = folder.file("out." + format)
            let result = try Command.iatix(["convert", sample, "--to", format, "-o", output])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardError.contains("6 activities"), "\(result.standardError)")
            #expect(FileManager.default.fileExists(atPath: output))
        }
        let jsonl = try String(contentsOfFile: folder.file("out.jsonl"), encoding: .utf8)
        #expect(jsonl.split(separator: "\n").count == 6)
        #expect(jsonl.contains("\"lang\":\"vi\""))
        #expect(jsonl.contains("\"currency\":\"VND\""))
        let piped = try Command.iatix(["convert", "-", "--to", "xml", "-q"], input: try Data(contentsOf: URL(fileURLWithPath: sample)))
        #expect(piped.status == 0)
        #expect(piped.standardOutput == (try String(contentsOfFile: folder.file("out.xml"), encoding: .utf8)))
        // And back: the JSON document on standard input becomes the same canonical XML.
        let back = try Command.iatix(["convert", "-", "--to", "xml", "-q"], input: try Data(contentsOf: URL(fileURLWithPath: folder.file("out.json"))))
        #expect(back.standardOutput == piped.standardOutput, "\(back.standardError)")
    }

    @Test("JSON Lines of organisations convert back to the same organisation XML")
    func organisationLines() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("org.xml", """
            <iati-organisations version="2.03"><iati-organisation last-updated-datetime="2024-01-01T00:00:00Z" xml:lang="en" default-currency="USD">
            <organisation-identifier>XM-DAC-41302</organisation-identifier><name><narrative>ILO</narrative></name>
            <reporting-org ref="XM-DAC-41302" type="40"><narrative>ILO</narrative></reporting-org></iati-organisation>
            <iati-organisation><organisation-identifier>XM-DAC-41114</organisation-identifier><name><narrative>UNDP</narrative></name>
            <reporting-org ref="XM-DAC-41114" type="40"/></iati-organisation></iati-organisations>
            """)
        let xml = try Command.iatix(["convert", input, "--to", "xml", "-q"])
        #expect(xml.status == 0, "\(xml.standardError)")
        let lines = try Command.iatix(["convert", input, "--to", "jsonl", "-o", folder.file("org.jsonl"), "-q"])
        #expect(lines.status == 0, "\(lines.standardError)")
        let back = try Command.iatix(["convert", folder.file("org.jsonl"), "--to", "xml", "-q"])
        #expect(back.status == 0, "\(back.standardError)")
        #expect(back.standardOutput.contains("<iati-organisations"), "\(back.standardOutput)")
        #expect(back.standardOutput.contains("<organisation-identifier>XM-DAC-41114</organisation-identifier>"))
        #expect(back.standardOutput == xml.standardOutput)
    }

    @Test("a JSON Lines record cut short is reported at its own line, not where the parser gave up")
    func brokenLine() throws {
        let folder = try TemporaryFolder()
        let good = #"{"iatiIdentifier":"X-1"}"#
        let path = try folder.write("cut.jsonl", good + "\n" + #"{"iatiIdentifier":"#  + "\n" + good + "\n")
        let result = try Command.iatix(["convert", path, "--to", "xml", "-q"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("cut.jsonl:2: the record that starts on this line does not end on it"), "\(result.standardError)")
    }

    @Test("what is noted of a JSON record points at the line the record starts on")
    func jsonNoticeLines() throws {
        let folder = try TemporaryFolder()
        let untitled = #"{"iatiIdentifier":"X-1"}"#
        let titled = #"{"iatiIdentifier":"X-2","title":{"narratives":[{"text":"t"}]},"#
            + #""extensions":{"elements":[{"name":"memo","namespace":"urn:x","prefix":"x","text":"a"}]}}"#
        let lines = try folder.write("r.jsonl", untitled + "\n\n" + titled + "\n")
        let document = try folder.write("r.json", "{\"version\":\"2.03\",\"activities\":[\n" + untitled + ",\n\n" + titled + "\n]}\n")
        for (path, line) in [(lines, 3), (document, 4)] {
            let result = try Command.iatix(["convert", path, "--to", "xml"])
            #expect(result.status == 0, "\(result.standardError)")
            let name = (path as NSString).lastPathComponent
            #expect(result.standardError.contains("\(name):\(line): note: narrative has no xml:lang"), "\(result.standardError)")
            #expect(result.standardError.contains("\(name):\(line): note: extension element <x:memo> (urn:x) kept"), "\(result.standardError)")
        }
    }

    @Test("what is noted of a pretty-printed JSON record points at the line its element starts on")
    func prettyJSONNoticeLines() throws {
        let folder = try TemporaryFolder()
        let document = try folder.write(
            "pretty.json",
            """
            {
              "version": "2.03",
              "activities": [
                {"iatiIdentifier": "X-1"},
                {
                  "iatiIdentifier": "X-2",
                  "title": {
                    "narratives": [
                      {"text": "t"}
                    ]
                  },
                  "transactions": [
                    {
                      "transactionType": {"code": "3"},
                      "value": {
                        "currency": "USD",
                        "value": "1,000"
                      }
                    }
                  ],
                  "extensions": {
                    "elements": [
                      {"name": "memo", "namespace": "urn:x", "prefix": "x", "children": [
                        {"name": "inner", "namespace": "urn:x", "prefix": "x", "text": "a"}
                      ]}
                    ]
                  }
                }
              ]
            }
            """)
        let result = try Command.iatix(["convert", document, "--to", "xml"])
        #expect(result.status == 0, "\(result.standardError)")
        for expected in [
            "pretty.json:9: note: narrative has no xml:lang", "pretty.json:15: note: <value> text \"1,000\" is not a valid decimal",
            "pretty.json:23: note: extension element <x:memo> (urn:x) kept",
        ] {
            #expect(result.standardError.contains(expected), "\(expected): \(result.standardError)")
        }
    }

    @Test("an extension element with text between its children is converted with a note that the text's places are not kept")
    func mixedContentIsNoted() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write(
            "m.xml",
            """
            <iati-activities version="2.03" xmlns:x="urn:x"><iati-activity><iati-identifier>XM-1</iati-identifier>
            <x:memo>alpha<x:b>beta</x:b>gamma</x:memo>
            <x:plain>
              <x:b>beta</x:b>
            </x:plain>
            </iati-activity></iati-activities>
            """)
        let result = try Command.iatix(["convert", input, "--to", "jsonl", "-o", folder.file("m.jsonl")])
        #expect(result.status == 0, "\(result.standardError)")
        let note = "holds text and child elements together: its text is kept as one piece, before the children"
        #expect(result.standardError.contains("m.xml:2: note: extension element <x:memo> \(note)"), "\(result.standardError)")
        #expect(!result.standardError.contains("<x:plain> holds"), "white space between elements is not text")
        #expect(!result.standardError.contains("<x:b> holds"))
        let back = try Command.iatix(["convert", folder.file("m.jsonl"), "--to", "xml"])
        #expect(back.status == 0, "\(back.standardError)")
        #expect(back.standardError.contains("m.jsonl:1: note: extension element <x:memo> \(note)"), "\(back.standardError)")
        #expect(back.standardOutput.contains("<x:memo>alphagamma"), "\(back.standardOutput)")
    }

    @Test("two inputs with the same output name: the second fails, the first's output stays")
    func outputNameClash() throws {
        let folder = try TemporaryFolder()
        let activity = { (id: String) in "<iati-activities version=\"2.03\"><iati-activity><iati-identifier>\(id)</iati-identifier></iati-activity></iati-activities>" }
        for sub in ["d1", "d2"] { try FileManager.default.createDirectory(atPath: folder.file(sub), withIntermediateDirectories: true) }
        let first = try folder.write("d1/a.xml", activity("XM-FIRST"))
        let second = try folder.write("d2/a.xml", activity("XM-SECOND"))
        let result = try Command.iatix(["convert", first, second, "--to", "xml", "-o", folder.file("out/")])
        #expect(result.status == 1)
        #expect(result.standardError.contains("its output \(folder.file("out/a.xml")) is already produced from \(first)"), "\(result.standardError)")
        let written = try String(contentsOfFile: folder.file("out/a.xml"), encoding: .utf8)
        #expect(written.contains("XM-FIRST") && !written.contains("XM-SECOND"))
    }

    @Test("JSON that cannot be written as well-formed XML is refused at its path", arguments: [
        (#"{"name":"a b"}"#, "is not an XML name"),
        (#"{"name":"<x>"}"#, "is not an XML name"),
        (#"{"name":"p:x"}"#, "is not an XML name"),
        (#"{"name":"x","namespace":"urn:x","prefix":"1bad"}"#, "is not a usable prefix"),
        (#"{"name":"x","prefix":"p"}"#, "a prefix needs its \"namespace\""),
        (#"{"name":"x","namespace":"","prefix":"p"}"#, "a namespace cannot be empty"),
        (#"{"name":"x","namespace":"http://www.w3.org/XML/1998/namespace","prefix":"p"}"#, "is reserved"),
    ])
    func unwritableExtensionNames(element: String, message: String) throws {
        let folder = try TemporaryFolder()
        let input = try folder.write(
            "bad.json", #"{"version":"2.03","activities":[{"iatiIdentifier":"A","extensions":{"elements":["# + element + "]}}]}")
        let result = try Command.iatix(["convert", input, "--to", "xml", "-o", folder.file("out.xml")])
        #expect(result.status == 1)
        #expect(result.standardError.contains("extensions.elements[0]"), "\(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("out.xml")), "no output is left")
    }

    @Test("an extension attribute named xmlns is refused: it would declare the activity's namespace")
    func xmlnsAttribute() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write(
            "x.json", #"{"version":"2.03","activities":[{"iatiIdentifier":"A","extensions":{"attributes":[{"name":"xmlns","value":"http://evil/"}]}}]}"#)
        let result = try Command.iatix(["convert", input, "--to", "xml"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("xmlns declares a namespace and is not an attribute"), "\(result.standardError)")
    }

    @Test("JSON with a UTF-8 byte order mark is read, from a file and from standard input")
    func jsonByteOrderMark() throws {
        let folder = try TemporaryFolder()
        let text = "\u{FEFF}" + #"{"version":"2.03","activities":[{"iatiIdentifier":"XM-BOM"}]}"# + "\n"
        let input = try folder.write("bom.json", text)
        let lines = try folder.write("bom.jsonl", "\u{FEFF}" + #"{"iatiIdentifier":"XM-BOM"}"# + "\n")
        for result in [
            try Command.iatix(["convert", input, "--to", "xml"]), try Command.iatix(["convert", lines, "--to", "xml"]),
            try Command.iatix(["convert", "-", "--to", "xml"], input: Data(text.utf8)),
        ] {
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains("<iati-identifier>XM-BOM</iati-identifier>"), "\(result.standardOutput)")
        }
    }

    @Test("JSON values XML cannot hold or that would change are refused or noted, not changed")
    func jsonValuesNotChangedSilently() throws {
        let folder = try TemporaryFolder()
        let control = try folder.write("c.json", #"{"version":"2.03","activities":[{"iatiIdentifier":"A\u0001B"}]}"#)
        let refused = try Command.iatix(["convert", control, "--to", "xml"])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("c.json:1:"), "\(refused.standardError)")
        #expect(refused.standardError.contains("\\u0001 is a character XML cannot hold"), "\(refused.standardError)")
        let twice = try folder.write("t.json", #"{"version":"2.03","activities":[{"iatiIdentifier":"A","iatiIdentifier":"B"}]}"#)
        let repeated = try Command.iatix(["convert", twice, "--to", "xml"])
        #expect(repeated.status == 1)
        #expect(repeated.standardError.contains("iatiIdentifier: the key is given twice in one object"), "\(repeated.standardError)")
        let flag = try folder.write(
            "b.json",
            #"{"version":"2.03","activities":[{"iatiIdentifier":"A","humanitarian":true,"defaultCurrency":"USD","#
                + #""budgets":[{"value":{"value":true,"valueDate":"2024-01-01"}}]}]}"#)
        let noted = try Command.iatix(["convert", flag, "--to", "xml"])
        #expect(noted.status == 0, "\(noted.standardError)")
        #expect(noted.standardOutput.contains(#"humanitarian="1""#), "a boolean field takes a boolean: \(noted.standardOutput)")
        #expect(noted.standardOutput.contains(#"value-date="2024-01-01">true</value>"#), "\(noted.standardOutput)")
        #expect(noted.standardError.contains("invalid-value"), "\(noted.standardError)")
    }

    @Test("JSON Lines says which of the file's extensions it leaves out; JSON keeps them")
    func jsonLinesLeavesOutFileExtensions() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write(
            "rx.xml",
            "<iati-activities version=\"2.03\" generated-datetime=\"2024-01-01T00:00:00Z\" xmlns:a=\"http://a/\" a:foo=\"1\">"
                + "<a:header>h</a:header><iati-activity><iati-identifier>XM-1</iati-identifier></iati-activity></iati-activities>")
        let lines = try Command.iatix(["convert", input, "--to", "jsonl", "-q"])
        #expect(lines.status == 0, "\(lines.standardError)")
        #expect(lines.standardOutput == "{\"iatiIdentifier\":\"XM-1\"}\n")
        #expect(lines.standardError.contains("rx.xml: JSON Lines holds records only; left out: a:foo, <a:header>"), "\(lines.standardError)")
        let document = try Command.iatix(["convert", input, "--to", "json", "-q"])
        #expect(document.status == 0)
        #expect(document.standardError.isEmpty, "\(document.standardError)")
        #expect(document.standardOutput.contains("\"header\"") && document.standardOutput.contains("\"foo\""), "\(document.standardOutput)")
        let plain = try Command.iatix(["convert", Reference.sample("ilo-vietnam-activities.xml"), "--to", "jsonl", "-q"])
        #expect(plain.standardError.isEmpty, "the standard's own file attributes are not warned of: \(plain.standardError)")
    }

    @Test("decomposed text (NFD) in JSON is composed and noted as in XML; --keep-unicode-form keeps it")
    func jsonDecomposedText() throws {
        let folder = try TemporaryFolder()
        let decomposed = "Vie\u{0302}\u{0323}t Nam"
        let input = try folder.write(
            "nfd.jsonl", #"{"iatiIdentifier":"A","title":{"narratives":[{"lang":"vi","text":""# + decomposed + #""}]}}"# + "\n")
        let composed = try Command.iatix(["convert", input, "--to", "xml"])
        #expect(composed.status == 0, "\(composed.standardError)")
        #expect(Array(composed.standardOutput.utf8).firstRange(of: Array("Việt".precomposedStringWithCanonicalMapping.utf8)) != nil)
        #expect(composed.standardError.contains("nfd.jsonl:1: note: 1 text in decomposed Unicode (NFD) written in composed form (NFC)"), "\(composed.standardError)")
        let kept = try Command.iatix(["convert", input, "--to", "xml", "--keep-unicode-form"])
        #expect(Array(kept.standardOutput.utf8).firstRange(of: Array(decomposed.utf8)) != nil)
        #expect(!kept.standardError.contains("NFD"), "\(kept.standardError)")
    }

    @Test("JSON Lines of an organisation without its identifier converts back as an organisation")
    func organisationLinesWithoutIdentifier() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write(
            "org.xml",
            "<iati-organisations version=\"2.03\"><iati-organisation xml:lang=\"en\"><name><narrative>N</narrative></name>"
                + "</iati-organisation></iati-organisations>")
        let lines = try Command.iatix(["convert", input, "--to", "jsonl", "-o", folder.file("org.jsonl"), "-q"])
        #expect(lines.status == 0, "\(lines.standardError)")
        let back = try Command.iatix(["convert", folder.file("org.jsonl"), "--to", "xml", "-q"])
        #expect(back.status == 0, "\(back.standardError)")
        #expect(back.standardOutput.contains("<iati-organisation xml:lang=\"en\">") && back.standardOutput.contains("<narrative xml:lang=\"en\">N</narrative>"), "\(back.standardOutput)")
    }

    @Test("several inputs into a folder; one failure fails the run but not the others")
    func severalInputs() throws {
        let folder = try TemporaryFolder()
        let broken = try folder.write("broken.xml", "<iati-activities>")
        let out = folder.path + "/out/"
        let result = try Command.iatix(["convert", Reference.sample("ilo-vietnam-activities.xml"), broken, "--to", "xml", "-o", out])
        #expect(result.status == 1)
        #expect(FileManager.default.fileExists(atPath: out + "ilo-vietnam-activities.xml"))
        #expect(!FileManager.default.fileExists(atPath: out + "broken.xml"))
    }

    @Test("extensions and unknown content are kept and reported")
    func extensionsReported() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("ext.xml", """
            <iati-activities version="2.03" xmlns:ilo="http://ilo.org/ns">
              <iati-activity default-currency="USD" ilo:programme="DWCP">
                <iati-identifier>XM-DAC-41302-VNM999</iati-identifier>
                <ilo:outcome code="VNM151"/>
                <mystery>kept</mystery>
                <budget><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/><value value-date="2024-01-01">+1000.50</value></budget>
              </iati-activity>
            </iati-activities>
            """)
        let result = try Command.iatix(["convert", input, "--to", "xml"])
        #expect(result.status == 0)
        #expect(result.standardError.contains("ext.xml:5: note: element <mystery> is not part of the standard"))
        #expect(result.standardError.contains("ext.xml:4: note: extension element <ilo:outcome>"))
        #expect(result.standardOutput.contains("<ilo:outcome code=\"VNM151\"/>"))
        #expect(result.standardOutput.contains("ilo:programme=\"DWCP\""))
        #expect(result.standardOutput.contains("<value currency=\"USD\" value-date=\"2024-01-01\">1000.50</value>"))
        #expect(result.standardOutput.contains("<mystery>kept</mystery>"))
    }

    @Test("decomposed text (NFD) is composed and noted; --keep-unicode-form keeps it as written")
    func unicodeForm() throws {
        let folder = try TemporaryFolder()
        let text = "<iati-activities version=\"2.03\"><iati-activity><iati-identifier>XM-1</iati-identifier><title><narrative xml:lang=\"vi\">Vie\u{0323}\u{0302}t Nam</narrative></title></iati-activity></iati-activities>\n"
        let input = try folder.write("nfd.xml", text)
        let composed = try Command.iatix(["convert", input, "--to", "jsonl"])
        #expect(composed.status == 0, "\(composed.standardError)")
        #expect(Array(composed.standardOutput.utf8).firstRange(of: Array("Vi\u{1EC7}t Nam".utf8)) != nil, "\(composed.standardOutput)")
        #expect(composed.standardError.contains("\(input):1: note: 1 text in decomposed Unicode (NFD) written in composed form (NFC); --keep-unicode-form keeps them as written\n"), "\(composed.standardError)")
        #expect(composed.standardError.contains("(kept and noted: 1 unicode-normalised)"), "\(composed.standardError)")
        let kept = try Command.iatix(["convert", input, "--to", "jsonl", "--keep-unicode-form"])
        #expect(Array(kept.standardOutput.utf8).firstRange(of: Array("Vie\u{0323}\u{0302}t Nam".utf8)) != nil, "\(kept.standardOutput)")
        #expect(!kept.standardError.contains("unicode-normalised"))
    }
}
