import Foundation
import Platform
import Testing
import TestSupport

/// Writing a file around the page cache, block by block, on a thread of its own.
@Suite("BlockWriter and writing around the page cache")
struct BlockWriterTests {
    /// A block of `count` bytes, each `(seed + index) % 251`.
    private func filled(_ block: BlockWriter.Block, count: Int, seed: Int) -> BlockWriter.Block {
        for index in 0..<count { block.base.storeBytes(of: UInt8((seed + index) % 251), toByteOffset: index, as: UInt8.self) }
        return BlockWriter.Block(base: block.base, capacity: block.capacity, count: count)
    }

    private func expected(_ counts: [Int]) -> [UInt8] {
        counts.enumerated().flatMap { seed, count in (0..<count).map { UInt8((seed + $0) % 251) } }
    }

    /// The file at `path` opened around the page cache where the system can, else as usual.
    private func open(_ path: String) throws -> (file: FileDescriptor, direct: Bool) {
        if let file = try FileDescriptor.openDirect(path) { return (file, true) }
        print("note: \(path): no writing around the page cache here; the blocks are written through it")
        return (try FileDescriptor.open(path, .replacing), false)
    }

    @Test("blocks are written whole and in order, the blocks handed back reused; close waits for them")
    func writesInOrder() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("out")
        let (file, _) = try open(path)
        defer { file.close() }
        let writer = BlockWriter(file: file, depth: 2)
        let counts = [8192, 4096, 65536, 4096 * 3, 4096, 131072, 4096 * 7, 8192]
        var block = BlockWriter.Block.allocate(capacity: 1 << 17)
        var seen: Set<UnsafeMutableRawPointer> = [block.base]
        for (seed, count) in counts.enumerated() {
            block = try writer.write(filled(block, count: count, seed: seed))
            #expect(block.count == 0)
            seen.insert(block.base)
        }
        try writer.close()
        block.deallocate()
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == expected(counts))
        // At most `depth` blocks wait, one is being filled: the memory is reused, not grown.
        #expect(seen.count <= 4)
    }

    @Test("a block of a length the device refuses around the page cache is written through it, whole")
    func fallsBackThroughThePageCache() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("out")
        let (file, direct) = try open(path)
        defer { file.close() }
        let writer = BlockWriter(file: file)
        let counts = [4096, 5000, 4096, 123]
        var block = BlockWriter.Block.allocate(capacity: 8192)
        for (seed, count) in counts.enumerated() { block = try writer.write(filled(block, count: count, seed: seed)) }
        try writer.close()
        block.deallocate()
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == expected(counts))
        if direct { #expect(try file.isWritingDirect == false) }
    }

    @Test("a failed write is thrown by a later write, by drain and by close; the block not taken stays the caller's")
    func reportsFailure() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("read-only", "")
        let file = try FileDescriptor.openForReading(path)
        defer { file.close() }
        let writer = BlockWriter(file: file, depth: 1)
        var block = BlockWriter.Block.allocate(capacity: 4096)
        block = try writer.write(filled(block, count: 4096, seed: 0))
        #expect(throws: SystemError.self) { try writer.drain() }
        #expect(throws: SystemError.self) { block = try writer.write(filled(block, count: 4096, seed: 1)) }
        block.deallocate()
        #expect(throws: SystemError.self) { try writer.close() }
        try writer.close()  // once: a second close does nothing
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
    }
}
