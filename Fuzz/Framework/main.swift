import Cooperation
import FuzzSupport

/// Any bytes read as a cooperation framework (YAML): loaded or refused with problems, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
func test(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = try? Framework.parse(yaml: String(decoding: FuzzIO.bytes(data, size), as: UTF8.self), file: "framework.yaml")
    return 0
}

FuzzIO.run(test)
