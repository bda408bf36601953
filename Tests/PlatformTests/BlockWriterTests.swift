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

    /// What writing blocks of `counts` bytes (of `capacity`) to a new file through a writer of
    /// `depth` did: the file's bytes, whether it was opened around the page cache (where the
    /// system cannot, it is written through it) and still is written so, and the blocks used.
    private func write(_ counts: [Int], capacity: Int, depth: Int) throws
        -> (bytes: [UInt8], direct: Bool, stillDirect: Bool, blocks: Set<UnsafeMutableRawPointer>)
    {
        let folder = try TemporaryFolder()
        let path = folder.file("out")
        var direct = true
        var opened = try FileDescriptor.openDirect(path)
        if opened == nil {
            print("note: \(path): no writing around the page cache here; the blocks are written through it")
            direct = false
            opened = try FileDescriptor.open(path, .replacing)
        }
        let file = try #require(opened)
        defer { file.close() }
        let writer = BlockWriter(file: file, depth: depth)
        var block = BlockWriter.Block.allocate(capacity: capacity)
        var blocks: Set<UnsafeMutableRawPointer> = [block.base]
        for (seed, count) in counts.enumerated() {
            block = try writer.write(filled(block, count: count, seed: seed))
            #expect(block.count == 0)
            blocks.insert(block.base)
        }
        try writer.close()
        block.deallocate()
        return (Array(try Data(contentsOf: URL(fileURLWithPath: path))), direct, try file.isWritingDirect, blocks)
    }

    @Test("blocks are written whole and in order, the blocks handed back reused; close waits for them")
    func writesInOrder() throws {
        let counts = [8192, 4096, 65536, 4096 * 3, 4096, 131072, 4096 * 7, 8192]
        let written = try write(counts, capacity: 1 << 17, depth: 2)
        #expect(written.bytes == expected(counts))
        #expect(written.stillDirect == written.direct)
        // At most `depth` blocks wait, one is being filled: the memory is reused, not grown.
        #expect(written.blocks.count <= 4)
    }

    @Test("a block of a length the device refuses around the page cache is written through it, whole")
    func fallsBackThroughThePageCache() throws {
        let counts = [4096, 5000, 4096, 123]
        let written = try write(counts, capacity: 8192, depth: 2)
        #expect(written.bytes == expected(counts))
        #expect(written.stillDirect == false)
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
