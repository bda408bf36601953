public import LibXML

/// What the validator asks of a rules engine: the findings of one activity (or organisation).
///
/// An instance is used from one thread at a time, records in any order; the validator makes
/// one per worker thread through a ``RulesProvider``.
public protocol RecordRules: AnyObject {
    /// Findings of the rules on `record` (an expanded `iati-activity` or `iati-organisation`).
    /// - Parameters:
    ///   - record: the record as the reader expanded it, with line numbers.
    ///   - tree: the same record as the reader detached it, when it was (rules may read it
    ///     instead of `record`, uncopied); `nil` when the record was built or changed in code.
    ///   - root: the file's root element (`iati-activities` with its attributes), without
    ///     children.
    ///   - file: the input's name, for the findings.
    ///   - identifier: the record's identifier as reports group it.
    func findings(for record: Node, tree: XMLSubtree?, root: Node, file: String, identifier: String) -> [Finding]
}

/// Makes the rules instances the validator runs, one per thread.
public struct RulesProvider: Sendable {
    private let make: @Sendable () -> any RecordRules

    /// A provider calling `make` once for each thread that checks records.
    public init(_ make: @escaping @Sendable () -> any RecordRules) {
        self.make = make
    }

    /// A new instance for one thread.
    public func makeRules() -> any RecordRules { make() }
}
