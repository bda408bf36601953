internal import CLibXML2

/// A compiled W3C XML Schema (an XSD file with everything it includes and imports), ready to
/// validate documents with libxml2's XSD validator.
///
/// Compile once (`xmlSchemaParse`), validate many times: every validation gets a fresh
/// validation context (`xmlSchemaNewValidCtxt`) and its own error handler, and streams the
/// document through an `xmlTextReader` (as `xmllint --stream --schema` does), so memory does
/// not grow with the file.
///
/// Not `Sendable`: the compiled schema belongs to the thread that made it.
public final class XMLSchema {
    /// The path of the main XSD file.
    public let path: String
    /// Warnings libxml2 reported while compiling the schema.
    public let warnings: [XMLError]
    private let schema: xmlSchemaPtr

    /// Compiles the XSD at `path` (with its includes and imports, read from local files).
    /// - Throws: ``XMLError`` with libxml2's first complaint when the file cannot be read or is
    ///   not a valid schema.
    public init(path: String) throws(XMLError) {
        LibXML2Runtime.ensure()
        self.path = path
        guard let parser = xmlSchemaNewParserCtxt(path) else {
            throw XMLError(level: .fatal, file: path, message: "cannot create an XML Schema parser (out of memory?)")
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        let sink = ErrorSink(file: path)
        iatix_schema_parser_set_errors(parser, { context, error in
            guard let context, let error else { return }
            Unmanaged<ErrorSink>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }, Unmanaged.passUnretained(sink).toOpaque())
        let compiled = withExtendedLifetime(sink) { xmlSchemaParse(parser) }
        let reported = sink.drain()
        guard let compiled else {
            let first = reported.first { $0.level >= .error }
            throw first ?? XMLError(level: .fatal, file: path, message: "not a usable XML Schema (libxml2 could not compile it)")
        }
        self.schema = compiled
        self.warnings = reported.filter { $0.level < .error }
    }

    deinit {
        xmlSchemaFree(schema)
    }

    /// Validates the file at `path` (`-` for standard input; gzip input is decompressed).
    /// - Parameters:
    ///   - path: the document to validate.
    ///   - options: parse options; line numbers past 65,535 are exact whatever the options.
    /// - Returns: every validity error, and the parse error that stopped reading, if any.
    /// - Throws: ``XMLError`` when the file cannot be opened.
    public func validate(path: String, options: ParseOptions = .default) throws(XMLError) -> SchemaValidation {
        try validate(name: path, source: FileSource(path: path), options: options)
    }

    /// Validates a document read from `source`; `name` labels the errors.
    /// - Returns: every validity error, and the parse error that stopped reading, if any.
    /// - Throws: ``XMLError`` when libxml2 cannot set up the validation (out of memory).
    public func validate(name: String, source: any ByteSource, options: ParseOptions = .default) throws(XMLError) -> SchemaValidation {
        let input = InputContext(source: source, name: name)
        let sink = ErrorSink(file: name)
        return try withExtendedLifetime((input, sink)) { () throws(XMLError) -> SchemaValidation in
            guard let context = xmlSchemaNewValidCtxt(schema) else {
                throw XMLError(level: .fatal, file: name, message: "cannot create an XML Schema validation context (out of memory?)")
            }
            defer { xmlSchemaFreeValidCtxt(context) }
            let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
            iatix_schema_set_errors(context, { context, error in
                guard let context, let error else { return }
                Unmanaged<ErrorSink>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
            }, sinkPointer)

            var flags = options.flags | Int32(XML_PARSE_BIG_LINES.rawValue)
            flags &= ~Int32(XML_PARSE_NOENT.rawValue)
            guard let reader = xmlReaderForIO(
                { context, buffer, length in
                    guard let context, let buffer else { return -1 }
                    return Unmanaged<InputContext>.fromOpaque(context).takeUnretainedValue().read(buffer, Int(length))
                },
                nil, Unmanaged.passUnretained(input).toOpaque(), nil, nil, flags)
            else {
                throw XMLError(level: .fatal, file: name, message: "cannot create an XML reader (out of memory?)")
            }
            defer { xmlFreeTextReader(reader) }
            // Parse errors and validity errors alike reach the same sink: the reader relays the
            // validation context's errors through its own handler once both are set.
            iatix_reader_set_errors(reader, { context, error in
                guard let context, let error else { return }
                Unmanaged<ErrorSink>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
            }, sinkPointer)
            guard xmlTextReaderSchemaValidateCtxt(reader, context, 0) == 0 else {
                throw XMLError(level: .fatal, file: name, message: "cannot attach the XML Schema to the reader")
            }

            var status: Int32 = 1
            while status == 1 {
                status = xmlTextReaderRead(reader)
            }
            var result = SchemaValidation(errors: [], stoppedBy: nil)
            for error in sink.drain() {
                if error.level == .fatal, result.stoppedBy == nil {
                    result.stoppedBy = error
                } else if error.level != .fatal {
                    result.errors.append(error)
                }
            }
            if let failure = input.failure {
                result.stoppedBy = failure
            } else if status < 0, result.stoppedBy == nil {
                let line = Int(xmlTextReaderGetParserLineNumber(reader))
                result.stoppedBy = XMLError(level: .fatal, file: name, line: line, message: "the XML parser stopped (not well-formed input)")
            }
            return result
        }
    }

    /// Compiles the schema at `schema` and validates the file at `file` with it: the one-call
    /// form for tests and checks of generated output.
    /// - Returns: every validity error, and the parse error that stopped reading, if any.
    /// - Throws: ``XMLError`` when the schema cannot be compiled or the file cannot be opened.
    public static func validate(file: String, schema: String) throws(XMLError) -> SchemaValidation {
        try XMLSchema(path: schema).validate(path: file)
    }
}

/// The outcome of validating one document against an ``XMLSchema``.
public struct SchemaValidation: Sendable, Hashable {
    /// libxml2's validity errors and warnings, in document order, each with its line.
    public var errors: [XMLError]
    /// The problem that stopped reading before the end (not well-formed input, unreadable
    /// bytes), if any; validity is unknown past that point.
    public var stoppedBy: XMLError?

    /// Makes an outcome (for tests and callers that merge results).
    public init(errors: [XMLError], stoppedBy: XMLError?) {
        self.errors = errors
        self.stoppedBy = stoppedBy
    }

    /// `true` when the whole document was read and no error was reported.
    public var isValid: Bool {
        stoppedBy == nil && !errors.contains { $0.level >= .error }
    }
}

/// libxml2's own checks of values against the built-in XML Schema datatypes
/// (`xmlSchemaValidatePredefinedType`), for callers that must agree with its XSD validator
/// exactly (`anyURI`, whose rules libxml2 relaxes, and the bounded integers such as `int`).
public enum XSDBuiltinType {
    /// Whether libxml2's XSD validator accepts `value` for the built-in type `name` (`anyURI`,
    /// `int`, `decimal`, …); `nil` when libxml2 knows no such type. White space is handled as
    /// the type's facet says (collapsed for all but `string`).
    public static func accepts(_ value: String, type name: String) -> Bool? {
        LibXML2Runtime.ensure()
        guard let type = xmlSchemaGetPredefinedType(name, "http://www.w3.org/2001/XMLSchema") else { return nil }
        return xmlSchemaValidatePredefinedType(type, value, nil) == 0
    }
}
