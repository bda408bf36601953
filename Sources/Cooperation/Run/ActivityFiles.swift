import Foundation
import IATI
import LibXML

/// Finding and streaming IATI activity files.
enum ActivityFiles {
    /// Files as given, folders replaced by their `.xml` and `.xml.gz` files (sorted, not
    /// recursive); missing paths are kept so that reading them reports the problem.
    static func expand(_ inputs: [String]) -> [String] {
        var files: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            if input != "-", FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: input)) ?? []
                files += names.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".xml.gz") }.sorted()
                    .map { URL(fileURLWithPath: input).appendingPathComponent($0).path }
            } else {
                files.append(input)
            }
        }
        return files
    }

    /// Streams the activities of one file, one at a time.
    /// - Parameters:
    ///   - activity: called with each decoded activity.
    ///   - failed: called once when the file cannot be read further (line, message).
    static func read(_ path: String, activity: (Activity) -> Void, failed: (Int, String) -> Void) {
        do {
            let reader = try XMLReader(path: path)
            var fileLanguage: String?
            var sawRoot = false
            while let start = try reader.nextElement() {
                if start.depth == 0 {
                    sawRoot = true
                    fileLanguage = start.attributes.first { $0.name == "lang" && $0.namespace == XMLNamespace.xml }?.value
                    if start.name != "iati-activities" {
                        failed(start.line, "the root element is <\(start.name)>, not <iati-activities>: not an activity file")
                        return
                    }
                } else if start.depth == 1, start.name == "iati-activity" {
                    let node = try reader.expand()
                    activity(Activity.decode(node: node, fileLanguage: fileLanguage))
                } else if start.depth == 1 {
                    try reader.skip()
                }
            }
            if !sawRoot { failed(0, "the file has no root element") }
        } catch {
            failed(error.line, error.message)
        }
    }
}
