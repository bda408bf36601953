import IATI
public import LibXML

/// Validates IATI files in one streaming pass each: well-formedness, the root and version,
/// structure and datatypes (the catalogue of the declared version, or the official XSDs with
/// ``ValidationOptions/schemaFolder``), codelists, rules, and repeated identifiers.
///
/// Records are checked on ``ValidationOptions/checkingThreads`` threads while the file is
/// read, and reported in document order whatever the number. Memory holds a few records at a
/// time, plus the identifiers seen (for repeats); findings go to a ``ReportSink`` as each
/// record is done. Not `Sendable`: it keeps compiled schemas; use one per thread.
public final class Validator {
    public let options: ValidationOptions
    /// Makes the rules run on every activity (or organisation); `nil` runs none.
    public let rules: RulesProvider?
    private var schemas: [String: XMLSchema] = [:]
    private lazy var inlineRules: (any RecordRules)? = rules?.makeRules()

    /// Makes a validator.
    /// - Parameters:
    ///   - options: what to check.
    ///   - rules: makes the rules engine run on each record (one per checking thread), if any.
    public init(options: ValidationOptions = .default, rules: RulesProvider? = nil) {
        self.options = options
        self.rules = rules
    }

    /// Validates the file at `path` (`-` for standard input; gzip is decompressed) and keeps
    /// the findings.
    /// - Throws: ``XMLError`` when the file cannot be opened, or the `--xsd` schema cannot be
    ///   compiled. Problems of the content (not XML, not IATI) are findings.
    public func validate(path: String) throws(XMLError) -> FileReport {
        let collector = ReportCollector(keepsAllRecords: options.keepsAllRecords)
        try validate(path: path, into: collector)
        return collector.reports.last ?? FileReport(file: path)
    }

    /// Validates the file at `path`, handing the results to `sink` as records are checked.
    /// - Returns: the file's totals.
    /// - Throws: as ``validate(path:)``.
    @discardableResult
    public func validate(path: String, into sink: any ReportSink) throws(XMLError) -> FileSummary {
        if path == "-", options.schemaFolder != nil {
            // The schema pass reads the input again: keep standard input in memory.
            let bytes = try StandardInput.readAll()
            return try validate(name: path, open: { BufferSource(bytes) }, into: sink)
        }
        return try validate(name: path, open: { () throws(XMLError) in try FileSource(path: path) }, into: sink)
    }

    /// Validates a document read from sources `open` makes (once, or three times with
    /// ``ValidationOptions/schemaFolder``: to find the root, for the schema, for the rest) and
    /// keeps the findings; `name` labels them.
    /// - Throws: as ``validate(path:)``.
    public func validate(name: String, open: () throws(XMLError) -> any ByteSource) throws(XMLError) -> FileReport {
        let collector = ReportCollector(keepsAllRecords: options.keepsAllRecords)
        try validate(name: name, open: open, into: collector)
        return collector.reports.last ?? FileReport(file: name)
    }

    /// Validates a document read from sources `open` makes, handing the results to `sink`.
    /// - Returns: the file's totals.
    /// - Throws: as ``validate(path:)``.
    @discardableResult
    public func validate(name: String, open: () throws(XMLError) -> any ByteSource, into sink: any ReportSink) throws(XMLError) -> FileSummary {
        var schemaErrors: [XMLError] = []
        if let folder = options.schemaFolder, let root = try rootForSchema(name: name, open: open) {
            schemaErrors = try schema(for: root, in: folder).validate(name: name, source: open()).errors
        }
        let reader = try XMLReader(name: name, source: open())
        var pass = FilePass(
            name: name, options: options, inlineRules: inlineRules,
            rulesProvider: rules, sink: sink, schemaErrors: schemaErrors)
        return pass.run(reader)
    }

    /// Validates the document `reader` reads (the catalogue's structure: ``ValidationOptions/schemaFolder``
    /// does not apply), handing the results to `sink` and the records, as they are checked, to
    /// `consumer`: one read of the file serves both.
    /// - Returns: the file's totals, as ``validate(path:into:)`` finds them.
    /// - Throws: what `consumer` throws, once the sink has the file's end. Problems of the
    ///   content are findings (and the consumer's `failure`).
    @discardableResult
    public func validate(reader: XMLReader, into sink: any ReportSink, consumer: any RecordConsumer) throws -> FileSummary {
        var pass = FilePass(
            name: reader.name, options: options, inlineRules: inlineRules,
            rulesProvider: rules, sink: sink, schemaErrors: [], consumer: consumer)
        let summary = pass.run(reader)
        if let error = pass.consumerError { throw error }
        return summary
    }

    /// The root element's name when the file is an IATI file of a version the schema pass
    /// applies to; `nil` otherwise (the main pass reports why).
    private func rootForSchema(name: String, open: () throws(XMLError) -> any ByteSource) throws(XMLError) -> String? {
        let reader = try XMLReader(name: name, source: open())
        guard let root = try? reader.nextElement(), root.namespace == nil,
            root.name == "iati-activities" || root.name == "iati-organisations"
        else { return nil }
        if case .legacy = DeclaredVersion(root.attributes.first { $0.name == "version" && $0.namespace == nil }?.value) { return nil }
        return root.name
    }

    private func schema(for root: String, in folder: String) throws(XMLError) -> XMLSchema {
        if let schema = schemas[root] { return schema }
        let file = root == "iati-organisations" ? "iati-organisations-schema.xsd" : "iati-activities-schema.xsd"
        let path = folder.hasSuffix("/") ? folder + file : folder + "/" + file
        let schema = try XMLSchema(path: path)
        schemas[root] = schema
        return schema
    }
}
