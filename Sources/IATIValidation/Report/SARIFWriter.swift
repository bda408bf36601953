import IATI
import LibXML

/// The SARIF 2.1.0 format: one run of the `iatix` tool, a result per finding with its file,
/// line and column (in Unicode code points, the run's `columnKind`) and the XPath-like location
/// as a logical location, a rule's finding with the element the rule ran on as a related
/// location; then the rules found and the files read. Results stream as records are checked.
///
/// Levels: critical and error → `error`, warning → `warning`, info → `note`; the exact
/// severity, the category and the activity are in each result's `properties`.
final class SARIFWriter: ReportSink {
    private let out: BufferedOutput
    private var ruleOrder: [String] = []
    private var rules: [String: Finding] = [:]
    private var ruleIndex: [String: Int] = [:]
    private var artifacts: [String] = []
    private var results = 0

    init(output: @escaping (String) -> Void) {
        self.out = BufferedOutput(output)
        out.write("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"results\": [")
    }

    func beginFile(_ name: String, fileType: String?) {
        artifacts.append(name)
    }

    func record(_ record: RecordInfo, findings: [Finding]) {
        for finding in TextWriter.byLine(findings) { write(finding) }
    }

    func endFile(_ summary: FileSummary) {
        for finding in TextWriter.byLine(summary.fileFindings) { write(finding) }
    }

    func finish() {
        var text = results > 0 ? "\n      ],\n" : "],\n"
        let ruleValues: [JSONValue] = ruleOrder.map { id in
            var members: [(key: String, value: JSONValue)] = [("id", .string(id))]
            if let sample = rules[id] {
                members.append(("shortDescription", .object([("text", .string(Self.ruleDescription(sample)))])))
                members.append(("defaultConfiguration", .object([("level", .string(Self.level(sample.severity)))])))
                members.append(("properties", .object([("category", .string(sample.category.rawValue))])))
            }
            return .object(members)
        }
        let tool: JSONValue = .object([
            ("driver", .object([
                ("name", .string("iatix")),
                ("version", .string("0.1.0")),
                ("informationUri", .string("https://iatistandard.org/en/iati-standard/")),
                ("rules", .array(ruleValues)),
            ]))
        ])
        text += "      \"tool\": " + JSONPrinter.render(tool, indent: 6) + ",\n"
        let files: JSONValue = .array(artifacts.map { .object([("location", .object([("uri", .string(Self.uri($0)))]))]) })
        text += "      \"artifacts\": " + JSONPrinter.render(files, indent: 6) + ",\n"
        text += "      \"columnKind\": \"unicodeCodePoints\"\n"
        text += "    }\n  ]\n}\n"
        out.write(text)
        out.flush()
    }

    private func write(_ finding: Finding) {
        let index: Int
        if let known = ruleIndex[finding.ruleID] {
            index = known
        } else {
            index = ruleOrder.count
            ruleIndex[finding.ruleID] = index
            ruleOrder.append(finding.ruleID)
            rules[finding.ruleID] = finding
        }
        out.write((results > 0 ? ",\n" : "\n") + "        " + JSONPrinter.render(Self.result(finding, ruleIndex: index), indent: 8))
        results += 1
    }

    /// The file and, when known, the region starting at `position`.
    private static func physicalLocation(_ file: String, _ position: SourcePosition) -> JSONValue {
        var physical: [(key: String, value: JSONValue)] = [("artifactLocation", .object([("uri", .string(uri(file)))]))]
        if position.line > 0 {
            var region: [(key: String, value: JSONValue)] = [("startLine", .int(position.line))]
            if position.column > 0 { region.append(("startColumn", .int(position.column))) }
            physical.append(("region", .object(region)))
        }
        return .object(physical)
    }

    private static func result(_ finding: Finding, ruleIndex: Int) -> JSONValue {
        var location: [(key: String, value: JSONValue)] = [("physicalLocation", physicalLocation(finding.file, finding.position))]
        if !finding.location.isEmpty {
            location.append(("logicalLocations", .array([.object([
                ("fullyQualifiedName", .string(finding.location)), ("kind", .string("element")),
            ])])))
        }
        var text = finding.message
        if let context = finding.context, !context.isEmpty { text += " (\(context))" }
        var properties: [(key: String, value: JSONValue)] = [
            ("severity", .string(finding.severity.rawValue)), ("category", .string(finding.category.rawValue)),
        ]
        if let record = finding.record { properties.append(("activity", .string(record))) }
        if let codelist = finding.codelist { properties.append(("codelist", .string(codelist))) }
        var members: [(key: String, value: JSONValue)] = [
            ("ruleId", .string(finding.ruleID)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", .string(level(finding.severity))),
            ("message", .object([("text", .string(text))])),
            ("locations", .array([.object(location)])),
        ]
        if let element = finding.contextElement, element.position.isKnown {
            members.append(("relatedLocations", .array([.object([
                ("id", .int(1)),
                ("physicalLocation", physicalLocation(finding.file, element.position)),
                ("message", .object([("text", .string("<\(element.name)>: the element the rule ran on"))])),
            ])])))
        }
        members.append(("properties", .object(properties)))
        return .object(members)
    }

    private static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    private static func ruleDescription(_ finding: Finding) -> String {
        switch finding.ruleID {
        case RuleID.structure: "The file must follow the structure of the IATI Standard (the XML Schema)."
        case RuleID.notWellFormed: "The file must be well-formed XML."
        case RuleID.notIATI: "The file must be an IATI activity or organisation file."
        case RuleID.unsupportedVersion: "The file must use a supported version of the IATI Standard (2.0x)."
        case RuleID.duplicateIdentifier: "Each activity identifier must be unique in the file."
        default: finding.codelist.map { "Codes must come from the \($0) codelist." } ?? finding.message
        }
    }

    /// A path as a URI reference: characters outside the unreserved set and `/` are escaped.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
