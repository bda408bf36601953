/// The parts of the HTML report that account for the inputs: when and by what it was made,
/// every input with its checksum, the inputs that could not be read (at the top), and the
/// activities read more than once.
extension HTMLReport {
    /// Generation time, program and framework file, under the title.
    func runFacts() -> String {
        let facts = [
            "\(labels["generated-at"]): \(labels.date(outputs.run.generatedAt))", "\(labels["generator"]): \(outputs.run.generator)",
            "\(labels["framework-file"]): \(outputs.frameworkSource)",
        ]
        return "<p class=\"facts\">\(facts.map(HTML.escape).joined(separator: " · "))</p>\n"
    }

    /// The inputs that failed, with their errors; nothing when every input was read.
    func inputProblemsSection() -> String {
        guard !outputs.inputProblems.isEmpty else { return "" }
        var html = "<section id=\"input-problems\">\n<h2 class=\"warn\">\(HTML.escape(labels["input-problems"]))</h2>\n<ul class=\"warn\">"
        html += outputs.inputProblems.map { "<li><code>\(HTML.escape($0.file)):\($0.line)</code> \(HTML.escape($0.message))</li>" }.joined()
        return html + "</ul>\n</section>\n"
    }

    /// Every input with its activities and SHA-256.
    func inputsList() -> String {
        var html = "<details><summary>\(HTML.escape(labels["inputs"])) (\(outputs.run.inputs.count))</summary><ul>"
        for input in outputs.run.inputs {
            html += "<li><code>\(HTML.escape(input.name))</code> · \(input.activities) \(HTML.escape(labels["activities"]))"
            if let digest = input.sha256 { html += " · \(HTML.escape(labels["sha256"])) <code>\(digest)</code>" }
            if !input.counted { html += " · <span class=\"warn\">\(HTML.escape(labels["not-counted"]))</span>" }
            html += "</li>"
        }
        return html + "</ul></details>\n"
    }

    /// Every identifier read more than once, with its versions and the one counted.
    func duplicatesSection() -> String {
        guard !outputs.duplicates.isEmpty else { return "" }
        var html = "<section id=\"duplicates\">\n<h2>\(HTML.escape(labels["duplicates"]))</h2>\n"
        html += "<p>\(HTML.escape(labels["duplicates-note"]))</p>\n<table>\n<thead><tr>"
        html += ["activity", "file", "line", "last-updated", "kept"].map { "<th>\(HTML.escape(labels[$0]))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for duplicate in outputs.duplicates {
            for version in duplicate.versions {
                html += "<tr><td><code>\(HTML.escape(duplicate.activity))</code></td><td><code>\(HTML.escape(version.file))</code></td>"
                html += "<td class=\"num\">\(version.line)</td><td>\(HTML.escape(version.lastUpdated.map(labels.date) ?? ""))</td>"
                html += "<td>\(HTML.escape(labels[version.kept ? "yes" : "no"]))</td></tr>\n"
            }
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }
}
