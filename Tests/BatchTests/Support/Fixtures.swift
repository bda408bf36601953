import Foundation

/// Inputs for the batch tests, built in a fresh temporary folder from the reference files.
enum Fixtures {
    /// The package root, from this file's path.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support, BatchTests, Tests, file
        return url.path
    }()

    /// `$IATI_REFERENCE`, or `../shared/iati` beside the package; `nil` when absent.
    static let reference: String? = {
        let path = ProcessInfo.processInfo.environment["IATI_REFERENCE"]
            ?? URL(fileURLWithPath: packageRoot).deletingLastPathComponent().appendingPathComponent("shared/iati").path
        return FileManager.default.fileExists(atPath: path + "/real/v2") ? path : nil
    }()

    /// Whether the end-to-end tests can run (reference files and binary present).
    static var available: Bool { reference != nil && BatchTool.iatix != nil }

    /// A new empty folder under the system's temporary folder.
    static func scratch() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("iatix-batch-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The broken inputs every fixture carries, by name.
    static func brokenFiles() throws -> [String: Data] {
        guard let reference else { throw FixtureError("no reference folder") }
        // A file of several activities cut in the middle: the first ones read, then an error.
        let several = try Data(contentsOf: URL(fileURLWithPath: reference + "/real/v1/globalfund-IATIfromGF.xml"))
        return [
            "not-xml.xml": Data("This is a plain text note, not XML.\n".utf8),
            "truncated.xml": several.prefix(several.count * 3 / 5),
            "wrong-root.xml": Data("<?xml version=\"1.0\"?>\n<html><body><p>not IATI</p></body></html>\n".utf8),
        ]
    }

    /// `folder/in/` with the real v2 files at the top, v1 files in `older/`, the broken files
    /// in `broken/`; `folder/pack.zip` and `folder/pack.tar.gz` holding the same tree.
    /// - Returns: the relative paths of the good and the broken documents.
    @discardableResult
    static func makeInputs(in folder: String) throws -> (good: [String], broken: [String]) {
        guard let reference else { throw FixtureError("no reference folder") }
        let manager = FileManager.default
        let input = folder + "/in"
        try manager.createDirectory(atPath: input + "/older", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: input + "/broken", withIntermediateDirectories: true)
        var good: [String] = []
        for (source, target) in [("real/v2", ""), ("real/v1", "older/")] {
            for name in try manager.contentsOfDirectory(atPath: reference + "/" + source).sorted() where name.hasSuffix(".xml") {
                try manager.copyItem(atPath: "\(reference)/\(source)/\(name)", toPath: "\(input)/\(target)\(name)")
                good.append(target + name)
            }
        }
        var broken: [String] = []
        for (name, data) in try brokenFiles() {
            try data.write(to: URL(fileURLWithPath: "\(input)/broken/\(name)"))
            broken.append("broken/" + name)
        }
        try makeArchives(of: input, zip: folder + "/pack.zip", tarGzip: folder + "/pack.tar.gz")
        return (good.sorted(), broken.sorted())
    }

    /// Archives the contents of `folder` with the system's `zip` and `tar`.
    static func makeArchives(of folder: String, zip: String, tarGzip: String) throws {
        guard let zipTool = BatchTool.which("zip"), let tarTool = BatchTool.which("tar") else {
            throw FixtureError("zip and tar are needed to build the archive fixtures")
        }
        let zipped = try BatchTool.run(zipTool, ["-q", "-r", zip, "."], in: folder)
        guard zipped.status == 0 else { throw FixtureError("zip failed: \(zipped.errors)") }
        let tarred = try BatchTool.run(tarTool, ["-czf", tarGzip, "."], in: folder)
        guard tarred.status == 0 else { throw FixtureError("tar failed: \(tarred.errors)") }
    }

    /// Generated activity files of about `megabytes` each (gen_corpus.py, seeds 1...count).
    static func makeGenerated(count: Int, megabytes: Double, in folder: String) throws {
        guard let reference else { throw FixtureError("no reference folder") }
        let tool = reference + "/../tools/gen_corpus.py"
        guard FileManager.default.fileExists(atPath: tool), let python = BatchTool.which("python3") else {
            throw FixtureError("gen_corpus.py and python3 are needed for the generated inputs")
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for seed in 1...count {
            let name = "generated-\(seed < 10 ? "0" : "")\(seed).xml"
            let result = try BatchTool.run(
                python, [tool, reference + "/real/v2", "--size-mb", String(megabytes), "--seed", String(seed), "--out", folder + "/" + name],
                in: folder)
            guard result.status == 0 else { throw FixtureError("gen_corpus.py failed: \(result.errors)") }
        }
    }

    /// Every file under `folder` (relative path → bytes), manifests and journals left out.
    static func tree(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return files }
        while let relative = walker.nextObject() as? String {
            let path = folder + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if relative.hasPrefix("manifest") { continue }
            files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        return files
    }

    /// Temporary files (`.name.PID.tmp`) anywhere under `folder`.
    static func temporaryFiles(_ folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [])
            .filter { ($0 as NSString).lastPathComponent.hasPrefix(".") && $0.hasSuffix(".tmp") }
    }
}
