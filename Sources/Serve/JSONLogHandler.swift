import Foundation
import IATI
import Logging
import Platform

/// Structured logs: one JSON object per line on standard error, with the time, the level, the
/// message and the metadata (`hb.request.id`, the method, the path, the status, …), for a log
/// collector to read without parsing prose.
struct JSONLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .info
    let label: String

    private static let output = Locked(FileDescriptor.standardError)

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let extra = event.metadata { all.merge(extra) { $1 } }
        var line = "{\"time\":"
        JSONText.appendString(Date().formatted(.iso8601), to: &line)
        line += ",\"level\":"
        JSONText.appendString(event.level.rawValue, to: &line)
        line += ",\"message\":"
        JSONText.appendString(event.message.description, to: &line)
        for key in all.keys.sorted() {
            line += ","
            JSONText.appendString(key, to: &line)
            line += ":"
            JSONText.appendString(all[key]?.description ?? "", to: &line)
        }
        line += "}\n"
        Self.output.withLock { try? $0.write(Array(line.utf8)) }
    }
}
