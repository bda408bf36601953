import Archive
import Foundation
import Testing

@Suite("Archive reading")
struct ArchiveReaderTests {
    /// All members' paths and contents, read through the streaming source.
    private func contents(of archive: String) throws -> [String: Data] {
        let reader = try ArchiveReader(path: archive)
        var members: [String: Data] = [:]
        while let member = try reader.nextMember() {
            guard member.kind == .file else { continue }
            let source = try reader.contents(of: member)
            var data = Data()
            var chunk = [UInt8](repeating: 0, count: 1000)
            while true {
                let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
                if count == 0 { break }
                data.append(contentsOf: chunk[0..<count])
            }
            members[member.path.hasPrefix("./") ? String(member.path.dropFirst(2)) : member.path] = data
        }
        return members
    }

    @Test("zip and tar.gz members stream out byte for byte", .enabled(if: Fixtures.reference != nil))
    func members() throws {
        let folder = try Fixtures.scratch()
        defer { Fixtures.remove(folder) }
        try Fixtures.makeInputs(in: folder)
        let expected = try Fixtures.tree(folder + "/in")
        #expect(try contents(of: folder + "/pack.zip") == expected)
        #expect(try contents(of: folder + "/pack.tar.gz") == expected)
    }

    @Test("A file that is not an archive is an error naming it")
    func notAnArchive() throws {
        let folder = try Fixtures.scratch()
        defer { Fixtures.remove(folder) }
        let path = folder + "/fake.zip"
        try Data("not a zip at all".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            let reader = try ArchiveReader(path: path)
            _ = try reader.nextMember()
        } throws: { error in
            (error as? ArchiveError)?.archive == path
        }
        #expect(throws: ArchiveError.self) { try ArchiveReader(path: folder + "/missing.zip") }
    }

    @Test("A stale member source refuses to read")
    func stale() throws {
        let folder = try Fixtures.scratch()
        defer { Fixtures.remove(folder) }
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
        try Data("<a/>".utf8).write(to: URL(fileURLWithPath: folder + "/in/a.xml"))
        try Data("<b/>".utf8).write(to: URL(fileURLWithPath: folder + "/in/b.xml"))
        try Fixtures.makeArchives(of: folder + "/in", zip: folder + "/p.zip", tarGzip: folder + "/p.tar.gz")
        let reader = try ArchiveReader(path: folder + "/p.zip")
        guard let first = try reader.nextMember() else { Issue.record("no member"); return }
        let source = try reader.contents(of: first)
        _ = try reader.nextMember()
        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(throws: ArchiveError.self) { _ = try buffer.withUnsafeMutableBytes { try source.read(into: $0) } }
    }
}
