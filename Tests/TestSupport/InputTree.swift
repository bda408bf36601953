public import Foundation

/// A small tree of inputs, as a folder and as archives, for the tests of the input layer:
///
/// ```
/// tree/activities.xml          samples/ilo-vietnam-activities.xml (2.03)
/// tree/sub/broken.xml          samples/broken-activities.xml (errors)
/// tree/sub/notes.txt           not XML: skipped
/// tree/.hidden.xml             hidden: skipped
/// ```
///
/// ``zip()`` and ``tarGz()`` pack the tree's content (hidden and text files too) with
/// Python's `zipfile` and `tarfile`, so that the members are exactly these paths.
public struct InputTree: Sendable {
    /// Holds the tree and the archives; removed with the value.
    public let folder: TemporaryFolder
    /// The tree's root folder.
    public var root: String { folder.file("tree") }

    /// Builds the tree.
    public init() throws {
        folder = try TemporaryFolder()
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder.file("tree/sub"), withIntermediateDirectories: true)
        try manager.copyItem(atPath: Reference.sample("ilo-vietnam-activities.xml"), toPath: folder.file("tree/activities.xml"))
        try manager.copyItem(atPath: Reference.sample("broken-activities.xml"), toPath: folder.file("tree/sub/broken.xml"))
        _ = try folder.write("tree/sub/notes.txt", "not IATI\n")
        try manager.copyItem(atPath: Reference.sample("ilo-vietnam-activities.xml"), toPath: folder.file("tree/.hidden.xml"))
    }

    /// `tree.zip` beside the tree, members `activities.xml`, `sub/broken.xml`, ….
    public func zip() throws -> String {
        try pack("tree.zip", script: """
            import os, sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as archive:
                for folder, names, files in sorted(os.walk(sys.argv[2])):
                    for name in sorted(files):
                        path = os.path.join(folder, name)
                        archive.write(path, os.path.relpath(path, sys.argv[2]))
            """)
    }

    /// `tree.tar.gz` beside the tree, with the same members as ``zip()``.
    public func tarGz() throws -> String {
        try pack("tree.tar.gz", script: """
            import os, sys, tarfile
            with tarfile.open(sys.argv[1], "w:gz") as archive:
                for folder, names, files in sorted(os.walk(sys.argv[2])):
                    for name in sorted(files):
                        path = os.path.join(folder, name)
                        archive.add(path, os.path.relpath(path, sys.argv[2]))
            """)
    }

    private func pack(_ name: String, script: String) throws -> String {
        let target = folder.file(name)
        guard let python = Command.which("python3") else { throw InputTreeError(message: "python3 is not on the PATH") }
        let result = try Command.run(python, ["-c", script, target, root])
        guard result.status == 0 else { throw InputTreeError(message: "packing \(name) failed: \(result.standardError)") }
        return target
    }
}

/// Building an ``InputTree`` failed.
public struct InputTreeError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
