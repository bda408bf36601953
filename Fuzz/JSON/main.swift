import FuzzSupport
import IATI

/// Any bytes read as iatix's normalised JSON (a document, or JSON Lines when the first byte is
/// odd) and written as IATI XML; that XML read again and written as XML must be the same (the
/// JSON → XML → JSON road is stable).
@_cdecl("LLVMFuzzerTestOneInput")
func test(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzIO.bytes(data, size)
    guard let first = bytes.first else { return 0 }
    let input = Array(bytes.dropFirst())
    guard let xml = FuzzIO.convert(input, to: .xml, from: first % 2 == 0 ? .json : .jsonl) else { return 0 }
    guard let json = FuzzIO.convert(xml, to: .json) else { FuzzIO.fail("XML written from JSON cannot be read again", input: bytes) }
    guard let again = FuzzIO.convert(json, to: .xml, from: .json) else { FuzzIO.fail("JSON written from that XML cannot be read again", input: bytes) }
    if again != xml { FuzzIO.fail("JSON → XML → JSON → XML is not stable", input: bytes) }
    return 0
}

FuzzIO.run(test)
