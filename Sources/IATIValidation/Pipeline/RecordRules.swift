public import LibXML

/// What the validator asks of a rules engine: the findings of one activity (or organisation).
///
/// The pipeline calls it once per record, in document order, from one thread.
public protocol RecordRules: AnyObject {
    /// Findings of the rules on `record` (an expanded `iati-activity` or `iati-organisation`).
    /// - Parameters:
    ///   - record: the record as the reader expanded it, with line numbers.
    ///   - root: the file's root start tag (`iati-activities` with its attributes).
    ///   - file: the input's name, for the findings.
    ///   - identifier: the record's identifier as reports group it.
    func findings(for record: Node, root: ElementStart, file: String, identifier: String) -> [Finding]
}
