import LibXML
/// The JUnit XML format: a `testsuite` per file, a `testcase` per activity (or organisation)
/// in document order, then one for the file as a whole. A test case fails when it has a
/// finding of severity error or critical; warnings and advice go to its `system-out`.
///
/// The test cases of one file are held until the file is done (the suite's counts come
/// first); the root `testsuites` carries no counts, so that suites stream.
final class JUnitWriter: ReportSink {
    private let out: BufferedOutput
    private let escaper = XMLEscaper()
    private var cases = ""
    private var tests = 0
    private var failures = 0
    private var file = ""
    private var words = (singular: "activity", plural: "activities")

    init(output: @escaping (String) -> Void) {
        self.out = BufferedOutput(output)
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"iatix validate\">\n")
    }

    func beginFile(_ name: String, fileType: String?) {
        file = name
        cases = ""
        tests = 0
        failures = 0
        words = fileType == "iati-organisations" ? ("organisation", "organisations") : ("activity", "activities")
    }

    func record(_ record: RecordInfo, findings: [Finding]) {
        addCase(name: "\(words.singular) \(record.identifier)", findings: findings)
    }

    func endFile(_ summary: FileSummary) {
        addCase(name: "file", findings: summary.fileFindings)
        var text = "  <testsuite name=\""
        escaper.appendEscapedAttribute(file, to: &text)
        text += "\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        text += cases
        text += "  </testsuite>\n"
        out.write(text)
        cases = ""
    }

    func finish() {
        out.write("</testsuites>\n")
        out.flush()
    }

    private func addCase(name: String, findings: [Finding]) {
        tests += 1
        cases += "    <testcase classname=\""
        escaper.appendEscapedAttribute(file, to: &cases)
        cases += "\" name=\""
        escaper.appendEscapedAttribute(name, to: &cases)
        cases += "\""
        guard !findings.isEmpty else {
            cases += "/>\n"
            return
        }
        cases += ">\n"
        let sorted = TextWriter.byLine(findings)
        let text = sorted.map(TextWriter.line).joined(separator: "\n")
        if let worst = sorted.max(by: { $0.severity < $1.severity }), worst.severity >= .error {
            failures += 1
            cases += "      <failure type=\"\(worst.severity)\" message=\""
            escaper.appendEscapedAttribute("\(Plural.of(findings.count, "finding")); the most serious: \(worst.ruleID) \(worst.message)", to: &cases)
            cases += "\">"
            escaper.appendEscapedText(text, to: &cases)
            cases += "</failure>\n"
        } else {
            cases += "      <system-out>"
            escaper.appendEscapedText(text, to: &cases)
            cases += "</system-out>\n"
        }
        cases += "    </testcase>\n"
    }
}

/// Escapes text and attribute values for the XML reports (LibXML's writer does the work).
struct XMLEscaper {
    /// Appends `text` escaped for element content.
    func appendEscapedText(_ text: String, to out: inout String) {
        out += XMLWriter.escapedText(text)
    }

    /// Appends `text` escaped for a double-quoted attribute value.
    func appendEscapedAttribute(_ text: String, to out: inout String) {
        out += XMLWriter.escapedAttribute(text)
    }
}
