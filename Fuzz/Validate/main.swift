import FuzzSupport
import IATIValidation
import LibXML

/// Any bytes validated as a file with the default rules: no finding may point past the input's
/// last line.
private let rules = FuzzIO.defaultRules()

@_cdecl("LLVMFuzzerTestOneInput")
func test(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzIO.bytes(data, size)
    guard let report = try? Validator(rules: rules).validate(name: "fuzz.xml", open: { BufferSource(input) }) else { return 0 }
    let lines = input.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    for finding in report.findings where finding.line > lines {
        FuzzIO.fail("finding \(finding.ruleID) on line \(finding.line) of a \(lines)-line input", input: input)
    }
    return 0
}

FuzzIO.run(test)
