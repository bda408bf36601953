/// The JUnit XML format: a `testsuite` per file, a `testcase` per activity (or organisation)
/// plus one for the file as a whole. A test case fails when it has a finding of severity
/// error or critical; warnings and advice go to its `system-out`.
enum JUnitReport {
    static func render(_ report: ValidationReport) -> String {
        let writer = XMLEscaper()
        var suites = ""
        var totalTests = 0
        var totalFailures = 0
        for file in report.files {
            var cases = ""
            var tests = 0
            var failures = 0
            let groups = FindingGroups(file.findings).groups
            let byRecord = Dictionary(groups.map { ($0.record, $0.findings) }, uniquingKeysWith: { first, _ in first })
            // The file itself, then every record (those kept, else those with findings).
            var names: [String?] = [nil]
            let listed = file.records.isEmpty ? groups.compactMap(\.record) : file.records.map(\.identifier)
            names += listed.map { Optional($0) }
            for record in groups.compactMap(\.record) where !listed.contains(record) { names.append(record) }
            for name in names {
                tests += 1
                let findings = byRecord[name] ?? []
                let failed = findings.contains { $0.severity >= .error }
                if failed { failures += 1 }
                cases += "    <testcase classname=\""
                writer.appendEscapedAttribute(file.file, to: &cases)
                cases += "\" name=\""
                writer.appendEscapedAttribute(name.map { "activity \($0)" } ?? "file", to: &cases)
                cases += "\""
                guard !findings.isEmpty else {
                    cases += "/>\n"
                    continue
                }
                cases += ">\n"
                let text = findings.map(TextReport.line).joined(separator: "\n")
                if failed, let worst = findings.max(by: { $0.severity < $1.severity }) {
                    cases += "      <failure type=\"\(worst.severity)\" message=\""
                    writer.appendEscapedAttribute("\(Plural.of(findings.count, "finding")); first: \(worst.ruleID) \(worst.message)", to: &cases)
                    cases += "\">"
                    writer.appendEscapedText(text, to: &cases)
                    cases += "</failure>\n"
                } else {
                    cases += "      <system-out>"
                    writer.appendEscapedText(text, to: &cases)
                    cases += "</system-out>\n"
                }
                cases += "    </testcase>\n"
            }
            totalTests += tests
            totalFailures += failures
            suites += "  <testsuite name=\""
            writer.appendEscapedAttribute(file.file, to: &suites)
            suites += "\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
            suites += cases
            suites += "  </testsuite>\n"
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"iatix validate\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"0\">\n"
        out += suites
        out += "</testsuites>\n"
        return out
    }
}

/// Escapes text and attribute values for the XML reports.
struct XMLEscaper {
    /// Appends `text` escaped for element content.
    func appendEscapedText(_ text: String, to out: inout String) {
        append(text, to: &out, attribute: false)
    }

    /// Appends `text` escaped for a double-quoted attribute value.
    func appendEscapedAttribute(_ text: String, to out: inout String) {
        append(text, to: &out, attribute: true)
    }

    private func append(_ text: String, to out: inout String, attribute: Bool) {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 < 0x20 }) else {
            out += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "\r": out += "&#13;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20:
                // Not allowed in XML 1.0: shown as a visible escape instead.
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}
