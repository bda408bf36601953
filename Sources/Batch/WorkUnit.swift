public import IATI
import Inputs

/// One document to convert (a file, or a member of an archive) and where its output goes.
struct WorkUnit: Sendable, Hashable {
    /// The document, as the input layer found it.
    var document: InputDocument
    /// Output path relative to the output folder.
    var output: String

    /// Path relative to its input, archives standing for folders named after them
    /// (`p/a.xml`, `p/dump/m.xml`): what sharding hashes.
    var key: String { document.relativePath }
    /// Expected bytes, for progress.
    var size: Int? { document.size }
    /// The file (or the archive) on disk.
    var path: String { document.path }
    /// The member path inside the archive, as stored.
    var memberPath: String? { document.memberPath }
    /// `path`, or `archive/member`, for messages.
    var displayName: String { document.displayName }
    /// The input layout, from the document's name.
    var inputFormat: InputFormat { InputFormat.guess(path: memberPath ?? path) }
    /// Whether reaching this unit means decompressing everything before it.
    var isSequential: Bool { document.isSequential }

    /// The unit converting `document` into `format`.
    init(_ document: InputDocument, format: OutputFormat) {
        self.document = document
        self.output = OutputNaming.output(forKey: document.relativePath, format: format)
    }

    /// A record for this unit with nothing counted yet.
    func record(_ status: FileRecord.Status) -> FileRecord {
        FileRecord(path: path, member: memberPath, output: output, status: status)
    }
}

/// Output names: the input's relative path with its document extension replaced.
public enum OutputNaming {
    /// `p/a.xml.gz` → `p/a.json`.
    public static func output(forKey key: String, format: OutputFormat) -> String {
        var name = key
        for suffix in [".gz", ".xml", ".jsonl", ".ndjson", ".json"] where name.lowercased().hasSuffix(suffix) && name.count > suffix.count {
            name.removeLast(suffix.count)
        }
        return name + "." + format.fileExtension
    }
}
