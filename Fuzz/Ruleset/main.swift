import FuzzSupport
import IATIValidation
import LibXML

/// Any bytes read as an IATI Rulesets JSON file; a ruleset that loads is run on the sample
/// activities (read once), and its findings stay within the sample's lines.
private let sample = FuzzIO.sampleBytes("ilo-vietnam-activities.xml")

@_cdecl("LLVMFuzzerTestOneInput")
func test(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzIO.bytes(data, size)
    guard let ruleset = try? Ruleset(json: input, name: "fuzz"), !sample.isEmpty else { return 0 }
    guard let report = try? Validator(rules: .ruleset(ruleset)).validate(name: "sample.xml", open: { BufferSource(sample) }) else { return 0 }
    let lines = sample.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    if let finding = report.findings.first(where: { $0.line > lines }) {
        FuzzIO.fail("rule \(finding.ruleID) reported line \(finding.line) of a \(lines)-line file", input: input)
    }
    return 0
}

FuzzIO.run(test)
