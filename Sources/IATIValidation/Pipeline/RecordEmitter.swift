import LibXML

/// Puts checked records back in document order for the sink, and places the errors of the
/// `--xsd` pass: each goes to the record whose start tag is the last one at or before its
/// line (so a record is handed on only once the next one has started, or the file ended).
struct RecordEmitter {
    let file: String
    /// Whether quoted text is put in composed Unicode (NFC) on its way to the sink.
    let composesText: Bool
    private var schemaErrors: [XMLError]
    private var nextError = 0
    private var records: [Int: RecordInfo] = [:]
    private var results: [Int: [Finding]] = [:]
    /// Start lines of the records read so far, by index.
    private var starts: [Int] = []
    private var next = 0
    private var leadingErrors: [Finding] = []
    /// Findings per severity of the records handed on.
    private(set) var counts = SeverityCounts()

    init(file: String, schemaErrors: [XMLError], composesText: Bool = true) {
        self.file = file
        self.composesText = composesText
        self.schemaErrors = schemaErrors.filter { $0.level >= .error }.sorted { $0.line < $1.line }
    }

    /// The reading thread met record `index`.
    mutating func started(index: Int, record: RecordInfo) {
        records[index] = record
        starts.append(record.line)
        if index == 0 {
            // Errors before the first record belong to the file.
            while nextError < schemaErrors.count, schemaErrors[nextError].line < record.line {
                leadingErrors.append(finding(schemaErrors[nextError], record: nil))
                nextError += 1
            }
        }
    }

    /// Findings of records whose checks are done, by index.
    mutating func complete(_ done: [Int: [Finding]]) {
        for (index, findings) in done { results[index] = findings }
    }

    /// Hands on every record that is ready, in order.
    mutating func emit(to sink: any ReportSink, final: Bool) {
        while let findings = results[next], let record = records[next] {
            let hasNextStart = next + 1 < starts.count
            guard hasNextStart || final || schemaErrors.isEmpty else { return }
            var all = findings
            while nextError < schemaErrors.count, !hasNextStart || schemaErrors[nextError].line < starts[next + 1] {
                all.append(finding(schemaErrors[nextError], record: record.identifier))
                nextError += 1
            }
            for item in all { counts.add(item.severity) }
            if composesText {
                sink.record(record.composed(), findings: all.map { $0.composed() })
            } else {
                sink.record(record, findings: all)
            }
            results[next] = nil
            records[next] = nil
            next += 1
        }
    }

    /// Schema errors that belong to no record (the file had none, or they precede the first).
    mutating func unplacedSchemaFindings() -> [Finding] {
        var found = leadingErrors
        leadingErrors = []
        while nextError < schemaErrors.count {
            found.append(finding(schemaErrors[nextError], record: nil))
            nextError += 1
        }
        return found
    }

    private func finding(_ error: XMLError, record: String?) -> Finding {
        Finding(
            ruleID: RuleID.structure, severity: .critical, category: .schema, message: error.message,
            file: file, line: error.line, column: error.column, record: record)
    }
}
