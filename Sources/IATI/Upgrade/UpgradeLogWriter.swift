public import LibXML

/// Writes upgrade logs as one JSON document while files are converted: per file, each record
/// (activity or organisation) with the version it was read as, its changes (rule, from
/// path/value, to path/value) and what 2.03 still requires; then the file's counts.
///
/// ```json
/// {"outputVersion":"2.03","legacyNamespace":"…","files":[
///   {"file":"a.xml","records":[{"identifier":"…","line":3,"readAs":"1.05",
///     "changes":[{"rule":"code-mapped","line":9,"from":{"path":"…","value":"D"},"to":{…}}],"missing":[…]}],
///    "declaredVersion":"1.03","rootChanges":[…],"counts":{"code-mapped":2},"missing":{…}}]}
/// ```
///
/// Not `Sendable`: one writer belongs to one conversion.
public final class UpgradeLogWriter {
    private let sink: ByteSink
    private var filesWritten = 0
    private var recordsInFile = 0
    private var inFile = false
    /// The first write error, reported by the next throwing call (records arrive through a
    /// non-throwing handler).
    private var failure: XMLError?

    /// Starts the document in `sink`.
    /// - Throws: ``XMLError`` when the sink cannot be written.
    public init(sink: ByteSink) throws(XMLError) {
        self.sink = sink
        var out = "{\"outputVersion\":"
        JSONText.appendString(IATIVersion.current.rawValue, to: &out)
        out += ",\"legacyNamespace\":"
        JSONText.appendString(LegacyNamespace.uri, to: &out)
        out += ",\"files\":["
        try sink.write(out)
    }

    /// Starts the entry of one input file.
    public func beginFile(_ name: String) throws(XMLError) {
        try rethrow()
        var out = filesWritten == 0 ? "\n{\"file\":" : ",\n{\"file\":"
        JSONText.appendString(name, to: &out)
        out += ",\"records\":["
        filesWritten += 1
        recordsInFile = 0
        inFile = true
        try sink.write(out)
    }

    /// Adds one record's log to the current file (errors are kept for the next throwing call).
    public func write(_ record: RecordUpgrade) {
        guard inFile, failure == nil else { return }
        var out = recordsInFile == 0 ? "\n" : ",\n"
        JSONText.append(Self.json(record), to: &out)
        recordsInFile += 1
        do { try sink.write(out) } catch { failure = error }
    }

    /// Closes the current file's entry with its counts.
    public func endFile(_ summary: UpgradeSummary) throws(XMLError) {
        try rethrow()
        guard inFile else { return }
        inFile = false
        var members: [(key: String, value: JSONValue)] = []
        members.append(("declaredVersion", summary.declaredVersion.map(JSONValue.string) ?? .null))
        members.append(("rootChanges", .array(summary.rootChanges.map(Self.json))))
        members.append(("rootMissing", .array(summary.rootMissing.map(Self.json))))
        members.append(("counts", .object(summary.changes.sorted { $0.key < $1.key }.map { ($0.key.rawValue, .number(String($0.value))) })))
        members.append(("missing", .object(summary.missing.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, .number(String($0.value))) })))
        var out = "],"
        var tail = ""
        JSONText.append(.object(members), to: &tail)
        out += tail.dropFirst()  // the object's members continue the file's object
        try sink.write(out)
    }

    /// Closes the document (call once, after the last file) and flushes it.
    public func finish() throws(XMLError) {
        try rethrow()
        if inFile { try endFile(UpgradeSummary()) }
        try sink.write("\n]}\n")
    }

    private func rethrow() throws(XMLError) {
        if let failure { throw failure }
    }

    // MARK: - JSON values

    /// One record's log as JSON.
    public static func json(_ record: RecordUpgrade) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if let identifier = record.identifier { members.append(("identifier", .string(identifier))) }
        members.append(("line", .number(String(record.line))))
        members.append(("declaredVersion", record.decision.declared.map(JSONValue.string) ?? .null))
        members.append(("readAs", .string(record.decision.version.rawValue)))
        if let reason = record.decision.reason { members.append(("assumption", .string(reason))) }
        members.append(("changes", .array(record.changes.map(json))))
        members.append(("missing", .array(record.missing.map(json))))
        return .object(members)
    }

    /// One change as JSON.
    public static func json(_ change: UpgradeChange) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("rule", .string(change.rule.rawValue)), ("line", .number(String(change.line)))]
        members.append(("from", change.from.map(json) ?? .null))
        members.append(("to", change.to.map(json) ?? .null))
        if let note = change.note { members.append(("note", .string(note))) }
        return .object(members)
    }

    private static func json(_ place: UpgradePlace) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("path", .string(place.path))]
        if let value = place.value { members.append(("value", .string(value))) }
        return .object(members)
    }

    private static func json(_ gap: MissingContent) -> JSONValue {
        .object([
            ("kind", .string(gap.kind.rawValue)), ("path", .string(gap.path)), ("line", .number(String(gap.line))),
            ("message", .string(gap.message)),
        ])
    }
}
