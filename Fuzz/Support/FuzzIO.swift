import Foundation
import IATI
import LibXML

/// What the fuzz targets share: converting bytes in memory (through a scratch file in
/// /dev/shm, as ByteSink writes to paths) and failing loudly on a broken property.
public enum FuzzIO {
    /// A scratch file of this process, removed after each use.
    public static let scratch = "/dev/shm/iatix-fuzz-\(getpid())"

    /// `input` converted to `format`, `nil` when the input is refused (not XML, not IATI…).
    public static func convert(_ input: [UInt8], to format: OutputFormat, from inputFormat: InputFormat = .xml) -> [UInt8]? {
        do {
            let source = try Conversion.source(name: "fuzz.xml", bytes: BufferSource(input), format: inputFormat)
            let sink = try ByteSink(path: scratch)
            do {
                try Conversion.run(source, into: format.writer(into: sink))
                try sink.commit()
            } catch {
                sink.discard()
                return nil
            }
            // Removed once read: /dev/shm is memory, and a run ends by exit(), not here.
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            return Array(try Data(contentsOf: URL(fileURLWithPath: scratch)))
        } catch {
            return nil
        }
    }

    /// Reports a broken property with the input (as libFuzzer does for a crash) and stops.
    public static func fail(_ message: String, input: [UInt8]) -> Never {
        FileHandle.standardError.write(Data("property failed: \(message)\n".utf8))
        fatalError(message)
    }
}

/// libFuzzer's driver: parses libFuzzer's options from the command line and calls `test` with
/// each input (the executable's own `main` calls it: SwiftPM gives every executable one).
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

extension FuzzIO {
    /// Runs libFuzzer with `test` as the target and exits with its status.
    public static func run(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv, test))
    }

    /// The input as bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}

extension FuzzIO {
    /// A sample of the package, read once (empty when absent).
    public static func sampleBytes(_ name: String) -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? Array(Data(contentsOf: root.appendingPathComponent("samples/\(name)")))) ?? []
    }
}
