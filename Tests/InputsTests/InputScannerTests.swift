import Archive
import Inputs
import LibXML
import TestSupport
import Testing

@Suite("The input layer: files, folders, archives")
struct InputScannerTests {
    @Test("A folder is walked recursively in name order; hidden and non-XML files are skipped with the reason")
    func folder() throws {
        let tree = try InputTree()
        let scan = InputScanner().scan([tree.root])
        #expect(scan.documents.map(\.relativePath) == ["activities.xml", "sub/broken.xml"])
        #expect(scan.documents.map(\.displayName) == [tree.root + "/activities.xml", tree.root + "/sub/broken.xml"])
        #expect(scan.problems.isEmpty)
        let skipped = Dictionary(uniqueKeysWithValues: scan.skipped.map { ($0.displayName, $0.reason) })
        #expect(skipped[tree.root + "/.hidden.xml"] == .hidden)
        #expect(skipped[tree.root + "/sub/notes.txt"] == .notIncluded(patterns: InputScanner.defaultIncludes))
        #expect(skipped.count == 2)
    }

    @Test("--include and --exclude select by the path under the input")
    func globs() throws {
        let tree = try InputTree()
        let scan = InputScanner(includes: [Glob("*.txt"), Glob("*.xml")], excludes: [Glob("sub/broken.xml")]).scan([tree.root])
        #expect(scan.documents.map(\.relativePath) == ["activities.xml", "sub/notes.txt"])
        #expect(scan.skipped.contains(SkippedInput(displayName: tree.root + "/sub/broken.xml", reason: .excluded(pattern: "sub/broken.xml"))))
    }

    @Test("Archive members are documents named archive/member, and open to their bytes", arguments: ["zip", "tar.gz"])
    func archive(kind: String) throws {
        let tree = try InputTree()
        let archive = kind == "zip" ? try tree.zip() : try tree.tarGz()
        let scan = InputScanner().scan([archive])
        #expect(scan.documents.map(\.displayName) == [archive + "/activities.xml", archive + "/sub/broken.xml"])
        #expect(scan.documents.map(\.relativePath) == ["tree.\(kind)/activities.xml", "tree.\(kind)/sub/broken.xml"])
        #expect(scan.skipped.map(\.displayName).sorted() == [archive + "/.hidden.xml", archive + "/sub/notes.txt"])
        let cursor = ArchiveCursor()
        for document in scan.documents {
            let name = String(document.relativePath.dropFirst("tree.\(kind)/".count))
            let expected = try readAll(FileSource(path: tree.root + "/" + name))
            #expect(try readAll(document.open(with: cursor)) == expected, "\(document.displayName)")
        }
    }

    @Test("An archive member is excluded by its path in the archive, or with the archive's before it", arguments: ["zip", "tar.gz"])
    func archiveExcludes(kind: String) throws {
        let tree = try InputTree()
        let archive = kind == "zip" ? try tree.zip() : try tree.tarGz()
        for pattern in ["sub/broken.xml", "tree.\(kind)/sub/broken.xml", "broken.xml", "sub/*.xml"] {
            let scan = InputScanner(includes: [Glob("*.xml")], excludes: [Glob(pattern)]).scan([archive])
            #expect(scan.documents.map(\.relativePath) == ["tree.\(kind)/activities.xml"], "\(pattern)")
            #expect(scan.skipped.contains(SkippedInput(displayName: archive + "/sub/broken.xml", reason: .excluded(pattern: pattern))), "\(pattern)")
        }
        let only = InputScanner(includes: [Glob("sub/*.xml")]).scan([archive])
        #expect(only.documents.map(\.relativePath) == ["tree.\(kind)/sub/broken.xml"])
    }

    @Test("Missing paths are problems, standard input a document, repeats read once")
    func problems() throws {
        let tree = try InputTree()
        let file = tree.root + "/activities.xml"
        let scan = InputScanner().scan(["/nonexistent/a.xml", "-", file, file])
        #expect(scan.documents.map(\.displayName) == ["-", file])
        #expect(scan.problems.map(\.description) == ["/nonexistent/a.xml: cannot open: no such file or directory; check the path and its permissions"])
    }

    private func readAll(_ source: any ByteSource) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 14)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }
}
