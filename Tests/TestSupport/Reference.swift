public import Foundation
public import Testing

/// Where the tests find things: the package root, the IATI reference folder, the built binary.
public enum Reference {
    /// The package root (two folders above `Tests/TestSupport`).
    public static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .standardizedFileURL.path

    /// The IATI reference folder: `$IATI_REFERENCE`, or `../shared/iati` beside the package;
    /// `nil` when neither exists (tests that need it are skipped with ``missing``).
    public static let folder: String? = {
        var candidates: [String] = []
        if let root = ProcessInfo.processInfo.environment["IATI_REFERENCE"], !root.isEmpty {
            candidates.append(URL(fileURLWithPath: root).standardizedFileURL.path)
        }
        candidates.append(URL(fileURLWithPath: packageRoot + "/../shared/iati").standardizedFileURL.path)
        let found = candidates.first { FileManager.default.fileExists(atPath: $0 + "/README.md") }
        if found == nil {
            print("note: IATI reference folder not found (looked in \(candidates.joined(separator: ", "))); tests against the official material are skipped")
        }
        return found
    }()

    /// Whether the reference folder is there.
    public static var isAvailable: Bool { folder != nil }

    /// The skip reason shown when the reference folder is absent.
    public static let missing: Comment = "IATI reference folder not found ($IATI_REFERENCE or ../shared/iati): skipped"

    /// A path inside the reference folder.
    public static func path(_ relative: String) -> String {
        (folder ?? "/nonexistent") + "/" + relative
    }

    /// XML files under a reference sub-folder, recursively, sorted.
    public static func xmlFiles(under relative: String) -> [String] {
        files(under: path(relative), suffix: ".xml")
    }

    /// Files with a suffix under a folder, recursively, sorted (empty when it is absent).
    public static func files(under folder: String, suffix: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var result: [String] = []
        while let item = enumerator.nextObject() as? String {
            if item.hasSuffix(suffix) { result.append(folder + "/" + item) }
        }
        return result.sorted()
    }

    /// A sample of the package (`samples/...`).
    public static func sample(_ relative: String) -> String { packageRoot + "/samples/" + relative }
}

/// A fresh temporary folder, removed when the value is released.
public final class TemporaryFolder: Sendable {
    public let path: String

    public init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/iatix-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { path + "/" + name }

    public func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Folders for helpers that hand back a bare path, with no value to own and remove them: each
/// under one folder of the test process, which is removed when the process exits.
public enum ScratchFolders {
    private static let root: String = {
        let path = FileManager.default.temporaryDirectory.path + "/iatix-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        atexit { try? FileManager.default.removeItem(atPath: ScratchFolders.root) }
        return path
    }()

    /// A new, empty folder whose name starts with `prefix`.
    public static func make(_ prefix: String) throws -> String {
        let path = root + "/" + prefix + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
