import IATI
import Inputs
import Testing
@testable import Batch

@Suite("Include and exclude patterns")
struct GlobTests {
    @Test("A pattern without a slash matches the last component")
    func baseName() {
        #expect(Glob("*.xml").matches("a/b/c.xml"))
        #expect(Glob("*.xml").matches("c.xml"))
        #expect(!Glob("*.xml").matches("c.xml.gz"))
        #expect(Glob("*.xml.gz").matches("p/c.xml.gz"))
        #expect(Glob("file-?.xml").matches("x/file-1.xml"))
        #expect(!Glob("file-?.xml").matches("x/file-10.xml"))
    }

    @Test("A pattern with a slash matches the whole relative path")
    func wholePath() {
        #expect(Glob("drafts/*.xml").matches("drafts/a.xml"))
        #expect(!Glob("drafts/*.xml").matches("x/drafts/a.xml"))
        #expect(!Glob("drafts/*.xml").matches("drafts/sub/a.xml"))
        #expect(Glob("drafts/**").matches("drafts/sub/a.xml"))
        #expect(Glob("**/drafts/**").matches("x/drafts/a.xml"))
        #expect(Glob("**/drafts/**").matches("drafts/a.xml"))
        #expect(Glob("/top/*.xml").matches("top/a.xml"))
        #expect(Glob("pack.zip/**/*.xml").matches("pack.zip/a/b/c.xml"))
        #expect(Glob("pack.zip/**/*.xml").matches("pack.zip/c.xml"))
    }

    @Test("Character classes and escapes")
    func classes() {
        #expect(Glob("[ab]*.xml").matches("a1.xml"))
        #expect(!Glob("[!ab]*.xml").matches("a1.xml"))
        #expect(Glob("[0-9][0-9].xml").matches("42.xml"))
        #expect(!Glob("[0-9][0-9].xml").matches("4x.xml"))
        #expect(Glob("\\*.xml").matches("*.xml"))
        #expect(!Glob("\\*.xml").matches("a.xml"))
        #expect(Glob("[.xml").matches("[.xml"))
    }
}

@Suite("Shards")
struct ShardTests {
    @Test("I/N parses only with 1 ≤ I ≤ N")
    func parsing() {
        #expect(Shard("1/1") != nil)
        #expect(Shard("3/8")?.index == 3)
        #expect(Shard("0/8") == nil)
        #expect(Shard("9/8") == nil)
        #expect(Shard("1/0") == nil)
        #expect(Shard("x/2") == nil)
        #expect(Shard("1/2/3") == nil)
    }

    @Test("Every path falls in exactly one shard")
    func partition() {
        let keys = (0..<500).map { "publisher-\($0 % 37)/file-\($0).xml" }
        for count in [1, 2, 3, 7] {
            let shards = (1...count).compactMap { Shard("\($0)/\(count)") }
            for key in keys {
                #expect(shards.filter { $0.contains(key: key) }.count == 1)
            }
            if count > 1 {
                // Not all in one shard.
                #expect(shards.allSatisfy { shard in keys.contains { !shard.contains(key: $0) } })
            }
        }
    }
}

@Suite("Output names")
struct OutputNamingTests {
    @Test("Extensions are replaced and member paths made safe")
    func names() {
        #expect(OutputNaming.output(forKey: "p/a.xml", format: .json) == "p/a.json")
        #expect(OutputNaming.output(forKey: "p/a.xml.gz", format: .jsonl) == "p/a.jsonl")
        #expect(OutputNaming.output(forKey: "pack.zip/a.XML", format: .xml) == "pack.zip/a.xml")
        #expect(MemberPath.safe("./a//b.xml") == "a/b.xml")
        #expect(MemberPath.safe("/abs/b.xml") == "abs/b.xml")
        #expect(MemberPath.safe("../evil.xml") == nil)
        #expect(MemberPath.safe("a/../../evil.xml") == nil)
        #expect(TemporaryFiles.finalName(of: ".a.json.123.tmp") == "a.json")
        #expect(TemporaryFiles.finalName(of: ".a.json.tmp") == nil)
        #expect(TemporaryFiles.finalName(of: "a.json.12.tmp") == nil)
    }
}
