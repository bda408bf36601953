import Foundation
import Inputs
import Testing
import TestSupport

@Suite("InputDocument: whether it can be read twice")
struct InputDocumentTests {
    @Test("a regular file can; standard input and a named pipe cannot")
    func canBeReadAgain() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("a.xml", "<iati-activities/>")
        #expect(InputDocument(origin: .file(path: file), relativePath: "a.xml").canBeReadAgain)
        #expect(!InputDocument(origin: .standardInput, relativePath: "stdin").canBeReadAgain)
        let fifo = folder.file("pipe.xml")
        let mkfifo = Process()
        mkfifo.executableURL = URL(fileURLWithPath: "/usr/bin/mkfifo")
        mkfifo.arguments = [fifo]
        try mkfifo.run()
        mkfifo.waitUntilExit()
        try #require(mkfifo.terminationStatus == 0)
        #expect(!InputDocument(origin: .file(path: fifo), relativePath: "pipe.xml").canBeReadAgain)
        #expect(!InputDocument(origin: .file(path: folder.file("missing.xml")), relativePath: "missing.xml").canBeReadAgain)
    }
}
