import Foundation
import LibXML
import Platform
import Tables
import Testing
import TestSupport

/// A table that cannot be written ends the run with an error naming it, whichever thread
/// makes its rows: the money tables are made on a second thread, which hands its failure back
/// to the reading thread, and neither waits for the other forever.
@Suite("flatten: a table that cannot be written")
struct FlattenFailureTests {
    /// The ILO sample copied 12 times: its split tables then outgrow a sink's buffer (64 KiB)
    /// and are written while the run goes on, not only when it commits.
    private static func inputs(in folder: TemporaryFolder) throws -> [String] {
        let sample = try String(contentsOfFile: Reference.sample("ilo-vietnam-activities.xml"), encoding: .utf8)
        return try (1...12).map { try folder.write("copy-\($0).xml", sample) }
    }

    @Test("a money table's write failure stops the run", arguments: [("budget_splits", 1), ("budget_splits", 2), ("transaction_splits", 2), ("transactions", 2), ("activities", 1)])
    func failure(table: String, threads: Int) throws {
        let folder = try TemporaryFolder()
        var options = FlattenOptions(inputs: try Self.inputs(in: folder), outputDirectory: folder.file("out"))
        options.threads = threads
        // Where the tables with narratives wait for their columns.
        try FileManager.default.createDirectory(atPath: options.outputDirectory, withIntermediateDirectories: true)
        // Bytes written before the failure, per table: the failing table must have been
        // written to mid-run for the test to mean anything.
        let written = Locked([String: Int]())
        let output = CSVTableOutput(excel: false) { name in
            ByteSink(name: name) { bytes in
                written.withLock { $0[name, default: 0] += bytes.count }
                if name == table { throw DiskFull() }
            }
        }
        #expect {
            _ = try runFlatten(options, into: output)
        } throws: { error in
            guard let error = error as? FlattenError else { return false }
            return error.description.contains(table) && error.description.contains("disk full")
        }
        #expect(written.withLock { $0[table] ?? 0 } > 0, "\(table) was never written to")
    }

    @Test("told to stop part-way (serve: the time limit, a client gone), the run ends at once and writes nothing", arguments: [FlattenOptions.Format.csv, .xlsx])
    func stopped(format: FlattenOptions.Format) throws {
        let folder = try TemporaryFolder()
        var options = FlattenOptions(inputs: try Self.inputs(in: folder), outputDirectory: folder.file("out"))
        options.format = format
        let stop = StopSignal()
        options.stop = stop
        var files: [String] = []
        #expect {
            // Stopped once the first file is read: the second stops at its first bytes.
            _ = try runFlatten(options) { file, _ in
                if !files.contains(file) { files.append(file) }
                stop.stop(Halted())
            }
        } throws: { error in
            guard case .stopped(let reason) = error as? FlattenError else { return false }
            return reason == Halted().description
        }
        #expect(files.count <= 2, "the run went on to \(files)")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: options.outputDirectory)) ?? []
        #expect(left.isEmpty, "left in the output folder: \(left)")
    }

    private struct Halted: Error, CustomStringConvertible {
        var description: String { "halted by the test" }
    }

    private struct DiskFull: Error, CustomStringConvertible {
        var description: String { "disk full" }
    }
}
