import Hummingbird
import IATI
import IATIValidation
import LibXML

/// `POST /api/pub/validate` (the official IATI Validator's API: its parameters, status codes
/// and report) and `POST /api/validate` (iatix's own: any report format, English or
/// Vietnamese). Both validate the body as it arrives, as `iatix validate` does a file.
struct ValidateEndpoints: Sendable {
    let core: ServerCore

    /// The official validator's parameters (and `name`, iatix's, for the report's `file`).
    static let officialParameters: Set<String> = ["details", "group", "meta", "name"]
    static let parameters: Set<String> = ["format", "lang", "name", "group", "status"]

    /// Which status `/api/validate` answers with a report: the official validator's (422 for
    /// schema errors, …), or 200 whenever a report was made, the official one in
    /// `X-Validation-Status` (for browsers and tools that take any 4xx for a failed request).
    enum StatusChoice: String, CaseIterable {
        case official, report
    }

    func official(_ request: Request, context: some RequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        // As the official service reads them: group defaults to true, details and meta to false.
        // `details=true` gives each finding the official `details` object; `meta` is accepted.
        let grouped = !["false", "False"].contains(query["group"].map(String.init) ?? "")
        let details = ["true", "True"].contains(query["details"].map(String.init) ?? "")
        return try await validate(
            request, context: context, parameters: Self.officialParameters, format: .json, language: .en, grouped: grouped, details: details)
    }

    func own(_ request: Request, context: some RequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let format = try Parameter.choice(query, "format", default: ReportFormat.json)
        let language = try Parameter.choice(query, "lang", default: ReportLanguage.en)
        let grouped = try Parameter.flag(query, "group", default: true)
        let choice = try Parameter.choice(query, "status", default: StatusChoice.official)
        var response = try await validate(request, context: context, parameters: Self.parameters, format: format, language: language, grouped: grouped)
        if choice == .report {
            response.headers[.init("X-Validation-Status")!] = String(response.status.code)
            response.status = .ok
        }
        return response
    }

    private func validate(
        _ request: Request, context: some RequestContext, parameters: Set<String>, format: ReportFormat, language: ReportLanguage, grouped: Bool,
        details: Bool = false
    ) async throws -> Response {
        let upload = try Upload(request, parameters: parameters, limit: core.options.maxBody)
        let name = try Parameter.fileName(request.uri.queryParameters, default: "-")
        let rules = core.rules
        let threads = core.checkingThreads
        let (outcome, workspace) = try await WorkspaceJob.run(core: core, request: request, upload: upload) { pipe, workspace in
            let validator = Validator(options: ValidationOptions(checkingThreads: threads), rules: rules)
            // Sent back at once and removed with the workspace: nothing to make durable.
            let sink = try ByteSink(path: workspace.file("report"), durable: false)
            // The HTML report quotes the lines around each finding: it reads them from a copy
            // of the body kept beside the report.
            let copy = format == .html ? workspace.file("body") : nil
            var writeError: (any Error)?
            let writer = format.writer(
                fileCount: 1, language: language, grouped: grouped, sourcePath: copy.map { path in { _ in path } }, details: details,
                prefixList: rules?.prefixListName
            ) { text in
                guard writeError == nil else { return }
                do { try sink.write(text) } catch { writeError = error }
            }
            let watcher = OutcomeWatcher(writer)
            try validator.validate(name: name, open: { () throws(XMLError) in try Self.open(pipe, name: name, copy: copy) }, into: watcher)
            watcher.finish()
            if let writeError { throw writeError }
            try sink.commit()
            return watcher.outcome
        }
        core.metrics.findings(critical: outcome.counts.critical, error: outcome.counts.error, warning: outcome.counts.warning, info: outcome.counts.info)
        let body = try FileBody.response(path: workspace.file("report"), keeping: workspace, reading: core.pool.reading)
        return Response(status: outcome.status, headers: [.contentType: format.mediaType], body: body)
    }

    /// The body as the validator reads it; a failure to start reading (a gzip body that is
    /// not gzip) as the `XMLError` the validator reports.
    private static func open(_ pipe: BodyPipe, name: String, copy: String?) throws(XMLError) -> any ByteSource {
        do {
            let source = try Upload.source(pipe, name: name)
            return try copy.map { try CopyingSource(source, to: $0) } ?? source
        } catch let error as XMLError {
            throw error
        } catch {
            throw XMLError(level: .fatal, file: name, message: "cannot read the body: \(error)")
        }
    }
}

/// What ended a job's input from its own side: the job was done before the body was.
struct JobEnded: Error, CustomStringConvertible {
    var description: String { "the job ended before the body did" }
}

/// Passes a validation's results on to the report writer, noting what decides the answer's
/// status as the official validator does: 400 for XML that is not well-formed (0.1.1), 422 for
/// a file that is not IATI (0.2.1), of an unsupported version (0.6.1) or with schema errors
/// (0.3.1), else 200.
final class OutcomeWatcher: ReportSink {
    struct Outcome: Sendable {
        var status: HTTPResponse.Status = .ok
        var counts = SeverityCounts()
    }

    private let writer: any ReportSink
    private(set) var outcome = Outcome()

    init(_ writer: any ReportSink) { self.writer = writer }

    func beginFile(_ name: String, fileType: String?) { writer.beginFile(name, fileType: fileType) }

    func record(_ record: RecordInfo, findings: [Finding]) {
        note(findings)
        writer.record(record, findings: findings)
    }

    func endFile(_ summary: FileSummary) {
        note(summary.fileFindings)
        outcome.counts = summary.counts
        writer.endFile(summary)
    }

    func finish() { writer.finish() }

    private func note(_ findings: [Finding]) {
        for finding in findings {
            switch finding.ruleID {
            case RuleID.notWellFormed: outcome.status = .badRequest
            case RuleID.notIATI, RuleID.unsupportedVersion, RuleID.structure:
                if outcome.status == .ok { outcome.status = .unprocessableContent }
            default: break
            }
        }
    }
}

extension ReportFormat {
    /// The `Content-Type` of a report in this format.
    var mediaType: String {
        switch self {
        case .text: "text/plain; charset=utf-8"
        case .json: "application/json; charset=utf-8"
        case .junit: "application/xml; charset=utf-8"
        case .sarif: "application/sarif+json; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        }
    }
}

/// A source that also writes what is read from it to a file (committed at the end of the input).
final class CopyingSource: ByteSource {
    private let inner: any ByteSource
    private let copy: ByteSink

    init(_ inner: any ByteSource, to path: String) throws {
        self.inner = inner
        // Read back for the report and removed with the workspace: nothing to make durable.
        copy = try ByteSink(path: path, durable: false)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try inner.read(into: buffer)
        if count == 0 {
            try copy.commit()
        } else {
            try copy.write(Array(UnsafeRawBufferPointer(rebasing: buffer[0..<count])))
        }
        return count
    }
}
