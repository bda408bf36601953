import Cooperation
import Foundation
import Hummingbird
import HummingbirdCore
import Inputs
import Platform
import IATI
import LibXML
import Tables

/// `POST /api/flatten` (one flat table, as `iatix flatten` writes it) and `POST /api/outputs`
/// (the cooperation programme's outputs, as `iatix outputs` writes them, with the server's
/// framework). Both need the whole input before the first row (a table's narrative columns
/// are the languages found; outputs are totals), so the body is spooled to a private
/// temporary folder as it arrives, never held in memory, the result written beside it and sent
/// from there; the folder is removed when the response is done.
struct TableEndpoints: Sendable {
    let core: ServerCore

    static let flattenParameters: Set<String> = ["table", "format", "lang", "excel", "name"]
    static let outputsParameters: Set<String> = ["lang", "format", "name"]

    func flatten(_ request: Request, context: some RequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let table = query["table"].map(String.init) ?? "activities"
        let known = TableCatalogue.all.map(\.name)
        guard known.contains(table) else {
            throw APIError(.badRequest, "bad-parameter", "table=\(table) is not a table; the tables are \(known.joined(separator: ", "))")
        }
        let format = try Parameter.choice(query, "format", default: FlattenOptions.Format.csv)
        let excel = try Parameter.flag(query, "excel", default: false)
        let languages = try Parameter.languages(query, "lang")
        let upload = try Upload(request, parameters: Self.flattenParameters, limit: core.options.maxBody)
        let name = try Parameter.fileName(query, default: "upload.xml")
        let fileName = format == .xlsx ? "tables.xlsx" : "\(table).\(format.rawValue)"
        let threads = core.checkingThreads
        @Sendable func options(input: String, workspace: Workspace, stop: StopSignal) -> FlattenOptions {
            var options = FlattenOptions(inputs: [input], outputDirectory: workspace.file("out"))
            options.stop = stop
            options.format = format
            // `excel` marks CSV only (the command refuses it with another format).
            options.excel = excel && format == .csv
            options.languages = languages
            options.tables = [table]
            options.inputLabels = [input: name]
            // A second thread only where the jobs leave a processor free, as for validation.
            options.threads = threads > 0 ? 2 : 1
            return options
        }
        guard format != .xlsx else {
            // A workbook is a zip archive written when it is closed: it is sent from its file.
            return try await spooled(request, upload: upload, name: name) { input, workspace, stop in
                do {
                    let summary = try runFlatten(options(input: input, workspace: workspace, stop: stop))
                    try Self.refuse(summary, input: input, name: name)
                } catch {
                    throw APIError.unreadable(error, input: input, name: name)
                }
                return (workspace.file("out/tables.xlsx"), format.mediaType, fileName)
            }
        }
        // CSV and JSON Lines rows are sent as they are made, once the upload is spooled.
        let headers: HTTPFields = [.contentType: format.mediaType, .contentDisposition: "attachment; filename=\"\(fileName)\""]
        return try await StreamedResponse.respond(core: core, request: request, context: context, upload: upload, headers: headers) {
            body, output in
            let workspace = try Workspace()
            let input = try Self.spool(body, into: workspace, name: name)
            try Paths.makeDirectory(workspace.file("out"))
            let tables = StreamedTables(format: format, excel: excel, into: output)
            do {
                let summary = try runFlatten(options(input: input, workspace: workspace, stop: body.stopping), into: tables)
                try Self.refuse(summary, input: input, name: name)
            } catch {
                throw APIError.unreadable(error, input: input, name: name)
            }
        }
    }

    /// A run whose input could not be read to its end is refused (422), its rows not sent.
    private static func refuse(_ summary: FlattenSummary, input: String, name: String) throws {
        guard let problem = summary.problems.first else { return }
        throw APIError.unreadable(file: problem.file, message: problem.message, line: problem.line, input: input, name: name)
    }

    func outputs(_ request: Request, context: some RequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let language = try Parameter.choice(query, "lang", default: ReportLanguage.en)
        let format = try Parameter.choice(query, "format", default: OutputsFormat.json)
        let upload = try Upload(request, parameters: Self.outputsParameters, limit: core.options.maxBody)
        guard let framework = core.options.framework else {
            throw APIError(.notFound, "no-framework", "this server was started without a cooperation framework; start it with --framework FILE.yaml")
        }
        let name = try Parameter.fileName(query, default: "upload.xml")
        return try await spooled(request, upload: upload, name: name) { input, workspace, stop in
            var options = OutputsOptions(
                framework: framework, inputs: [input], outputDirectory: workspace.file("out"),
                formats: [format.written], language: language, generator: "iatix \(ServerCore.version)")
            options.inputLabels = [input: name]
            options.stop = stop
            let summary: OutputsSummary
            do {
                summary = try runOutputs(options)
            } catch {
                throw APIError.unreadable(error, input: input, name: name)
            }
            if let problem = summary.outputs.inputProblems.first {
                throw APIError.unreadable(file: problem.file, message: problem.message, line: problem.line, input: input, name: name)
            }
            guard let path = summary.written.first else {
                throw APIError(.internalServerError, "no-output", "the outputs were not written")
            }
            return (path, format.mediaType, "cooperation-outputs.\(format.rawValue)")
        }
    }

    /// Spools the body into a workspace, runs `work` on it on a job thread, and answers with
    /// the file `work` names. `work` stops reading its input when `stop` says so (the time limit).
    private func spooled(
        _ request: Request, upload: Upload, name: String,
        _ work: @escaping @Sendable (_ input: String, _ workspace: Workspace, _ stop: StopSignal) throws -> (path: String, mediaType: String, fileName: String)
    ) async throws -> Response {
        let ((path, mediaType, fileName), workspace) = try await WorkspaceJob.run(core: core, request: request, upload: upload) { body, workspace in
            try work(try Self.spool(body, into: workspace, name: name), workspace, body.stopping)
        }
        let body = try FileBody.response(path: path, keeping: workspace, reading: core.pool.reading)
        return Response(
            status: .ok, headers: [.contentType: mediaType, .contentDisposition: "attachment; filename=\"\(fileName)\""], body: body)
    }
}

extension APIError {
    /// A run that read nothing: 422 with its message, the spooled file's path in it replaced
    /// by the name the client gave.
    static func unreadable(_ error: any Error, input: String, name: String) -> APIError {
        if let error = error as? APIError { return error }
        return APIError(.unprocessableContent, "unreadable", "\(error)".replacingOccurrences(of: input, with: name))
    }

    /// An input read only in part: 422 naming the file, what went wrong and where.
    static func unreadable(file: String, message: String, line: Int, input: String, name: String) -> APIError {
        APIError(
            .unprocessableContent, "unreadable", "\(file): \(message)".replacingOccurrences(of: input, with: name),
            line: line > 0 ? line : nil)
    }
}

extension TableEndpoints {
    /// Copies the body as it arrives into `in/NAME` in the workspace (as sent: gzip stays
    /// compressed, the readers decompress it); returns its path.
    static func spool(_ body: BodyPipe, into workspace: Workspace, name: String) throws -> String {
        try Paths.makeDirectory(workspace.file("in"))
        let input = workspace.file("in/\(name)")
        // Read back at once and removed with the workspace: nothing to make durable, and
        // kept in the page cache for the reading.
        let sink = try ByteSink(path: input, durable: false)
        var chunk = [UInt8](repeating: 0, count: 1 << 17)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try body.read(into: $0) }
            if count == 0 { break }
            try sink.write(Array(chunk[0..<count]))
        }
        try sink.commit()
        return input
    }
}

/// One document's tables written into a response as they are made. When the document cannot
/// be read to its end, what was not sent yet is dropped: the run is refused.
final class StreamedTables: TableOutput, DocumentBoundaries {
    private let inner: any TableOutput
    private let failed = Locked(false)

    init(format: FlattenOptions.Format, excel: Bool, into output: ResponsePipe) {
        let failed = failed
        let opening = { (table: String) in
            ByteSink(name: table) { bytes in
                if failed.withLock({ $0 }) { return }
                try output.write(bytes)
            }
        }
        inner = format == .jsonl ? JSONLinesTableOutput(opening: opening) : CSVTableOutput(excel: excel, opening: opening)
    }

    func prepare(tables: [String]) throws { try inner.prepare(tables: tables) }
    func open(table: String, columns: [Column]) throws -> any RowWriter { try inner.open(table: table, columns: columns) }
    func commit() throws -> [String] { try inner.commit() }
    func discard() { inner.discard() }

    func beginDocument(_ document: InputDocument, cursor: ArchiveCursor) throws -> String? { nil }
    func endDocument(sha256: String) throws -> String? { nil }
    func abandonDocument() { failed.withLock { $0 = true } }
}

/// What `/api/outputs` answers with.
enum OutputsFormat: String, CaseIterable {
    case json, html

    var written: OutputsOptions.Format { self == .json ? .json : .html }
    var mediaType: String { self == .json ? "application/json; charset=utf-8" : "text/html; charset=utf-8" }
}

extension FlattenOptions.Format {
    var mediaType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .jsonl: "application/x-ndjson; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }
}
