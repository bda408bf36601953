import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// What is at a path, without following a symbolic link.
private func fileType(_ path: String) -> mode_t? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return info.st_mode & S_IFMT
}

/// Reads a named pipe to its end on a thread of its own, as another program would.
private final class PipeReader: @unchecked Sendable {
    private let path: String
    private let done = DispatchSemaphore(value: 0)
    // Written by the reading thread before `done` is signalled, read after it.
    private var received = Data()

    init(_ path: String) {
        self.path = path
        let thread = Thread { [self] in
            // Blocks until a writer opens the pipe.
            if let handle = FileHandle(forReadingAtPath: path) {
                received = handle.readDataToEndOfFile()
                try? handle.close()
            }
            done.signal()
        }
        thread.start()
    }

    /// What the reader received. If no writer ever opened the pipe, opens it for writing
    /// once, so the reader sees an end instead of waiting forever.
    func finish() -> Data? {
        let writer = open(path, O_WRONLY | O_NONBLOCK)
        if writer >= 0 { close(writer) }
        guard done.wait(timeout: .now() + 30) == .success else { return nil }
        return received
    }
}

/// Outputs that are not regular files: a device or a named pipe is written in place and
/// never replaced by a file; a folder is refused. Tests run as root, which may replace
/// anything: the bug these tests name replaced `/dev/null` with a file.
@Suite("outputs that are devices, pipes or folders, end to end")
struct OutputTargetCLITests {
    static let input = Reference.sample("broken-activities.xml")
    /// A 1.0x file, so that --upgrade-log has something to say.
    static let oldInput = Reference.path("real/v1/iatikit-v103-acts.xml")

    /// The commands under test, each with its output option last (its value follows).
    static let commands: [[String]] = [
        ["convert", input, "--to", "json", "-o"],
        ["convert", input, "--to", "jsonl", "-o"],
        ["validate", input, "-o"],
        ["validate", input, "--format", "json", "--threads", "2", "-o"],
    ] + (Reference.isAvailable ? [["convert", oldInput, "--to", "json", "-o", "/dev/null", "--upgrade-log"]] : [])

    @Test("a character device given as output stays a device", arguments: commands)
    func characterDevice(command: [String]) throws {
        let folder = try TemporaryFolder()
        let device = folder.file("null")
        // /dev/null's numbers, (1, 3), as Linux encodes them (makedev is a C macro).
        try #require(mknod(device, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0, "mknod: \(String(cString: strerror(errno)))")
        let result = try Command.iatix(command + [device])
        #expect(result.status == 0 || result.status == 1, "\(result.standardError)")
        #expect(!result.standardError.contains("cannot"), "\(result.standardError)")
        #expect(fileType(device) == S_IFCHR, "the device was replaced")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["null"], "something was left beside it")
    }

    @Test("a named pipe given as output stays a pipe, and its reader gets the whole output", arguments: commands)
    func namedPipe(command: [String]) throws {
        let folder = try TemporaryFolder()
        let regular = folder.file("regular")
        let expected = try Command.iatix(command + [regular])
        let wanted = try Data(contentsOf: URL(fileURLWithPath: regular))
        #expect(!wanted.isEmpty)

        let pipe = folder.file("pipe")
        try #require(mkfifo(pipe, 0o644) == 0, "mkfifo: \(String(cString: strerror(errno)))")
        let reader = PipeReader(pipe)
        let result = try Command.iatix(command + [pipe])
        let received = try #require(reader.finish(), "the reader never finished")
        #expect(result.status == expected.status, "\(result.standardError)")
        #expect(fileType(pipe) == S_IFIFO, "the pipe was replaced")
        #expect(received == wanted)
    }

    @Test("a folder as a single-file output is refused with a clear message, and nothing is created", arguments: [
        ["validate", input, "-o"],
        ["convert", input, "--to", "json", "-o", "OUT", "--upgrade-log"],
    ])
    func folder(command: [String]) throws {
        let folder = try TemporaryFolder()
        let target = folder.file("target")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        let arguments = (command + [target]).map { $0 == "OUT" ? folder.file("out.json") : $0 }
        let result = try Command.iatix(arguments)
        #expect(result.status == 1 || result.status == 2, "\(result.standardError)")
        #expect(result.standardError.contains("\(target): cannot write the output there: it is a folder"), "\(result.standardError)")
        #expect(result.standardError.contains("give a file name"), "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["target"], "an output was created")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).isEmpty, "an output was created in the folder")
    }

    @Test("batch: an --out that is not a folder is refused and left as it was; a device as the manifest stays a device")
    func batchFolder() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("file", "kept")
        let pipe = folder.file("pipe")
        try #require(mkfifo(pipe, 0o644) == 0)
        for out in [file, pipe] {
            let result = try Command.iatix(["batch", Self.input, "--out", out, "-q"])
            #expect(result.status == 1, "\(result.standardError)")
            #expect(result.standardError.contains("\(out): cannot use it as the output folder: it is not a folder"), "\(result.standardError)")
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "kept")
        #expect(fileType(pipe) == S_IFIFO)

        let out = folder.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        let manifest = out + "/manifest.json"
        try #require(mknod(manifest, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0)
        let result = try Command.iatix(["batch", Self.input, "--out", out, "-q"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(fileType(manifest) == S_IFCHR, "the manifest device was replaced")
        #expect(FileManager.default.fileExists(atPath: out + "/broken-activities.json"))
    }
}
