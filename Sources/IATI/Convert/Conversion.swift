public import LibXML

/// How an input is laid out.
public enum InputFormat: String, Sendable, CaseIterable {
    case xml, json, jsonl

    /// Guessed from the file name: `.json`, `.jsonl`/`.ndjson`, otherwise XML (also `.xml.gz`).
    public static func guess(path: String) -> InputFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl.gz") { return .jsonl }
        if lower.hasSuffix(".json") || lower.hasSuffix(".json.gz") { return .json }
        return .xml
    }
}

/// What one conversion did.
public struct ConversionSummary: Sendable {
    public var input: String
    public var version: String?
    public var records: Int
    public var notices: NoticeLog
    public var bytesRead: Int
    /// What a record is, for messages: `activity` or `organisation`.
    public var recordName: String
    /// What of the file, outside its records, the output could not hold (see
    /// ``DocumentWriter/leftOut``).
    public var leftOut: [String] = []

    /// "6 activities", "1 organisation".
    public var recordCount: String {
        let noun = recordName.hasPrefix("iati-") ? String(recordName.dropFirst(5)) : recordName
        return records == 1 ? "1 \(noun)" : "\(records) \(JSONNaming.plural(noun))"
    }
}

/// Streams one document from a source into a writer: memory holds one record at a time.
public enum Conversion {
    /// Opens `path` as a document source of the given (or guessed) format.
    public static func source(path: String, format: InputFormat? = nil, keepsUnicodeForm: Bool = false) throws -> any DocumentSource {
        let layout = format ?? (path == "-" ? nil : InputFormat.guess(path: path))
        return try source(name: path, bytes: FileSource(path: path), format: layout, keepsUnicodeForm: keepsUnicodeForm)
    }

    /// Reads `bytes` as a document source of the given format; `nil` looks at the first byte
    /// that is not white space (for standard input, which has no name to guess from).
    /// - Parameters:
    ///   - name: labels the document in messages (a path, `archive.zip/member.xml`).
    ///   - keepsUnicodeForm: keeps decomposed text as written rather than in NFC.
    public static func source(name: String, bytes: any ByteSource, format: InputFormat?, keepsUnicodeForm: Bool = false) throws -> any DocumentSource {
        switch format {
        case .xml: return try XMLDocumentSource(name: name, source: bytes, readingAhead: true, keepsUnicodeForm: keepsUnicodeForm)
        case .json: return JSONDocumentSource(name: name, source: bytes, layout: .document, readingAhead: true, keepsUnicodeForm: keepsUnicodeForm)
        case .jsonl: return JSONDocumentSource(name: name, source: bytes, layout: .lines, readingAhead: true, keepsUnicodeForm: keepsUnicodeForm)
        case nil:
            let sniffing = SniffingSource.wrapping(bytes)
            _ = try sniffing.peek()
            switch sniffing.firstSignificantByte {
            case UInt8(ascii: "{"):
                return JSONDocumentSource(
                    name: name, source: sniffing, layout: sniffing.looksLikeLines ? .lines : .document, readingAhead: true,
                    keepsUnicodeForm: keepsUnicodeForm)
            default:
                return try XMLDocumentSource(name: name, source: sniffing, readingAhead: true, keepsUnicodeForm: keepsUnicodeForm)
            }
        }
    }

    /// Converts everything `source` yields into `writer`.
    /// - Parameter progress: called after each record with the bytes read so far.
    @discardableResult
    public static func run(
        _ source: any DocumentSource, into writer: any DocumentWriter, progress: ((Int) -> Void)? = nil
    ) throws -> ConversionSummary {
        let header = try source.header()
        try writer.begin(header)
        (source as? XMLDocumentSource)?.encoding = writer.recordEncoding
        var records = 0
        var rootExtensions: [Node] = []
        while let item = try source.next() {
            switch item {
            case .record(let node):
                try writer.write(record: node)
                records += 1
                progress?(source.bytesRead)
            case .encoded(let encoded):
                if let tree = encoded.tree { try writer.write(tree: tree) } else { try writer.write(encoded: encoded.bytes) }
                records += 1
                progress?(source.bytesRead)
            case .rootExtension(let node):
                rootExtensions.append(node)
            }
        }
        try writer.end(rootExtensions: rootExtensions)
        var summary = ConversionSummary(
            input: source.name, version: header.version, records: records, notices: source.notices,
            bytesRead: source.bytesRead, recordName: header.recordSpec.name)
        summary.leftOut = writer.leftOut
        return summary
    }
}
