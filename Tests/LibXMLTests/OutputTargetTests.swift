import Foundation
import LibXML
import Testing
import TestSupport

/// How ``ByteSink`` treats what is already at its path.
@Suite("ByteSink and what is at its path")
struct OutputTargetTests {
    private func write(_ text: String, to path: String) throws {
        let sink = try ByteSink(path: path)
        try sink.write(text)
        try sink.commit()
    }

    @Test("a regular file is replaced whole; no temporary file is left")
    func regularFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("out.txt", "old contents, longer than the new")
        try write("new", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
    }

    @Test("a symbolic link to a regular file: the file it leads to is replaced, the link stays")
    func linkToFile() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("real.txt", "old")
        let link = folder.file("link.txt")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.txt")
        try write("new", to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.txt")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["link.txt", "real.txt"])
    }

    @Test("a folder, a link to a folder and a link to nothing are refused, naming the path", arguments: [
        ("folder", "is a folder"),
        ("to-folder", "is a symbolic link to a folder"),
        ("dangling", "is a symbolic link to nothing"),
        ("new-folder/", "names a folder"),
    ])
    func refused(name: String, reason: String) throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.file("folder"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: folder.file("to-folder"), withDestinationPath: "folder")
        try FileManager.default.createSymbolicLink(atPath: folder.file("dangling"), withDestinationPath: "nowhere")
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let path = folder.file(name)
        #expect {
            try write("text", to: path)
        } throws: { error in
            guard let error = error as? XMLError else { return false }
            return error.file == path && error.message.contains(reason)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("folder")).isEmpty)
    }

    @Test("a character device is written in place, not replaced")
    func device() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("null")
        try #require(mknod(path, S_IFCHR | 0o666, nullDevice) == 0, "mknod needs root")
        try write(String(repeating: "x", count: 200_000), to: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.type] as? FileAttributeType == .typeCharacterSpecial)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["null"])
    }
}

/// The device number of `/dev/null` (1, 3) as Linux encodes small numbers (`makedev`, a C
/// macro Swift does not import).
let nullDevice = dev_t((1 << 8) | 3)

/// A large file written through ``ByteSink``: around the page cache, in whole blocks on a
/// thread of its own, where the system can.
@Suite("ByteSink writing a large file")
struct LargeOutputTests {
    /// Rows of varied lengths, some longer than a write: `count` of them.
    private func rows(_ count: Int) -> [String] {
        (0..<count).map { row in
            let width = row % 2_003 == 0 ? 300_000 : (row * 7919) % 180
            return "\(row)," + String(repeating: Character(UnicodeScalar(UInt8(65 + row % 26))), count: width) + ",Việt Nam\r\n"
        }
    }

    @Test("every byte arrives, in order, its last partial block too; durable midway; nothing left beside it")
    func writesEveryByte() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("large.csv")
        let rows = rows(20_000)
        let sink = try ByteSink(path: path)
        for (index, row) in rows.enumerated() {
            if index % 3 == 0 {
                try sink.write(row)
            } else {
                sink.output.append(row)
                try sink.flushIfFull()
            }
            if index == 10_000 { try sink.synchronize() }
        }
        try sink.commit()
        let expected = Array(rows.joined().utf8)
        #expect(expected.count > 4 << 20)
        #expect(expected.count % 4096 != 0)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["large.csv"])
    }

    @Test("a large output discarded leaves nothing behind")
    func discards() throws {
        let folder = try TemporaryFolder()
        let sink = try ByteSink(path: folder.file("large.csv"))
        for row in rows(10_000) { try sink.write(row) }
        sink.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
