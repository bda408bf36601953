public import IATI
public import LibXML

/// Validates IATI files in one streaming pass each: well-formedness, the root and version,
/// structure and datatypes (the catalogue of the declared version, or the official XSDs with
/// ``ValidationOptions/schemaFolder``), codelists, rules, and repeated identifiers.
///
/// Memory holds one activity at a time (plus the findings and the identifiers seen). Not
/// `Sendable`: it keeps compiled schemas and the rules engine; use one per thread.
public final class Validator {
    public let options: ValidationOptions
    /// The rules run on every activity (or organisation); `nil` runs none.
    public let rules: (any RecordRules)?
    private var schemas: [String: XMLSchema] = [:]

    /// Makes a validator.
    /// - Parameters:
    ///   - options: what to check.
    ///   - rules: the rules engine to run on each record, if any.
    public init(options: ValidationOptions = .default, rules: (any RecordRules)? = nil) {
        self.options = options
        self.rules = rules
    }

    /// Validates the file at `path` (`-` for standard input; gzip is decompressed).
    /// - Returns: the findings; problems of the input (not XML, not IATI) are findings too.
    /// - Throws: ``XMLError`` when the file cannot be opened, or when the `--xsd` schema
    ///   cannot be compiled.
    public func validate(path: String) throws(XMLError) -> FileReport {
        if options.schemaFolder != nil, path == "-" {
            // The schema pass reads the input a second time: keep standard input in memory.
            let bytes = try StandardInput.readAll()
            return try validate(name: path) { BufferSource(bytes) }
        }
        return try validate(name: path) { () throws(XMLError) in try FileSource(path: path) }
    }

    /// Validates a document read from sources `open` makes (called once, twice with
    /// ``ValidationOptions/schemaFolder``); `name` labels the findings.
    /// - Throws: as ``validate(path:)``.
    public func validate(name: String, open: () throws(XMLError) -> any ByteSource) throws(XMLError) -> FileReport {
        let reader = try XMLReader(name: name, source: open())
        var pass = FilePass(name: name, options: options, rules: rules)
        pass.run(reader)
        if let folder = options.schemaFolder, let rootName = pass.report.fileType, !pass.stopped {
            let schema = try schema(for: rootName, in: folder)
            let outcome = try schema.validate(name: name, source: open())
            pass.addSchemaErrors(outcome.errors)
        }
        return pass.finished()
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
