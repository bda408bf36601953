public import LibXML

/// The root elements of IATI files, and the one error for a file whose root is another:
/// `validate` reports it (0.2.1) and `convert` stops on it, in the same words.
public enum IATIRoot {
    /// Whether `start` is `<iati-activities>` or `<iati-organisations>` in no namespace.
    public static func isIATI(_ start: ElementStart) -> Bool {
        start.namespace == nil && (start.name == "iati-activities" || start.name == "iati-organisations")
    }

    /// The error for an XML file whose root is not an IATI root (``InputKind/otherXML``).
    public static func notIATI(_ start: ElementStart, file: String) -> XMLError {
        let namespace = start.namespace.map { " in namespace \($0)" } ?? ""
        return XMLError(
            level: .fatal, file: file, line: start.line,
            message: "not an IATI file: the root element is <\(start.qualifiedName)>\(namespace); expected <iati-activities> or <iati-organisations> in no namespace: check that this is the IATI XML file meant",
            inputKind: .otherXML)
    }
}
