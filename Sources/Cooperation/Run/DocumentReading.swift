import IATI
import Inputs
import LibXML

extension DocumentHeader {
    /// The file's `xml:lang`, after checking that it is an activity file.
    /// - Throws: ``LibXML/XMLError`` naming `file` when the root is not `iati-activities`.
    func activityFileLanguage(file: String) throws -> String? {
        guard rootSpec.name == "iati-activities" else {
            throw XMLError(file: file, line: line, message: "the root element is <\(rootSpec.name)>, not <iati-activities>: not an activity file")
        }
        return language
    }
}
