import Archive
import FuzzSupport
import Foundation

/// Any bytes read as an archive (zip, tar, tar.gz): every member walked and read to its end,
/// or the archive refused, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
func test(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let path = FuzzIO.scratch + ".archive"
    guard FileManager.default.createFile(atPath: path, contents: Data(FuzzIO.bytes(data, size))) else { return 0 }
    defer { try? FileManager.default.removeItem(atPath: path) }
    guard let reader = try? ArchiveReader(path: path) else { return 0 }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while let member = try? reader.nextMember() {
        guard let source = try? reader.contents(of: member) else { continue }
        while let read = try? buffer.withUnsafeMutableBytes({ try source.read(into: $0) }), read > 0 {}
    }
    return 0
}

FuzzIO.run(test)
