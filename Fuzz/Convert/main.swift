import FuzzSupport

/// Any bytes read as an IATI XML file and converted to JSON and to canonical XML; when both
/// succeed, the XML read again must give the same JSON (convert is lossless).
@_cdecl("LLVMFuzzerTestOneInput")
func test(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzIO.bytes(data, size)
    guard let json = FuzzIO.convert(input, to: .json), let xml = FuzzIO.convert(input, to: .xml) else { return 0 }
    guard let again = FuzzIO.convert(xml, to: .json) else {
        FuzzIO.fail("convert's XML output cannot be read again", input: input)
    }
    if again != json { FuzzIO.fail("convert's XML output read again gives other JSON", input: input) }
    return 0
}

FuzzIO.run(test)
