import IATI
import Inputs
import LibXML

/// `manifest.json`: the options, the totals, the failures and one entry per file.
///
/// The top level is indented for reading; each file entry is one line, so that `grep` and
/// line-based tools work and a merge of shard manifests stays simple.
struct Manifest {
    var options: BatchOptions
    var started: String
    var finished: String
    var duration: Double
    var interrupted: Bool
    /// Sorted by path and member, whatever order workers finished in.
    var records: [FileRecord]

    var totals: BatchTotals { BatchTotals(records) }

    /// The manifest's text.
    func text() -> String {
        let totals = self.totals
        var optionMembers: [(key: String, value: JSONValue)] = [
            ("inputs", .array(options.inputs.map(JSONValue.string))),
            ("to", .string(options.format.rawValue)),
            ("validate", .bool(options.validate)),
            ("validator", options.validate ? .string(options.validator?.identity ?? "not available") : .null),
            ("include", .array(options.effectiveIncludes.map { .string($0.pattern) })),
            ("exclude", .array(options.exclude.map { .string($0.pattern) })),
            ("shard", options.shard.map { .string($0.description) } ?? .null),
            ("jobs", .number(String(options.jobs))),
            ("force", .bool(options.force)),
        ]
        optionMembers.append(("fingerprint", .string(options.fingerprint)))
        var totalMembers: [(key: String, value: JSONValue)] = [
            ("files", .number(String(totals.files))),
            ("converted", .number(String(totals.converted))),
            ("unchanged", .number(String(totals.unchanged))),
            ("failed", .number(String(totals.failed))),
            ("not-done", .number(String(totals.notDone))),
            ("bytes", .number(String(totals.bytes))),
            ("activities", .object([
                ("read", .number(String(totals.read))),
                ("written", .number(String(totals.written))),
                ("rejected", .number(String(totals.rejected))),
                ("reasons", .counts(totals.reasons)),
            ])),
        ]
        totalMembers.append(("findings", totals.findings.map(JSONValue.counts) ?? (options.validate ? .string("not available") : .null)))
        totalMembers.append(("balanced", .bool(totals.balances)))
        let failures = records.filter { $0.status == .failed }.map { record -> JSONValue in
            .object([
                ("path", .string(record.path)),
                ("member", record.member.map(JSONValue.string) ?? .null),
                ("error", .string(record.error ?? "failed")),
            ])
        }
        let head: [(key: String, value: JSONValue)] = [
            ("manifest", .string("iatix batch")),
            ("manifestVersion", .number("1")),
            ("iatix", .string(options.toolVersion)),
            ("options", .object(optionMembers)),
            ("started", .string(started)),
            ("finished", .string(finished)),
            ("duration", .number(JSONValue.seconds(duration))),
            ("complete", .bool(!interrupted && totals.notDone == 0)),
            ("interrupted", .bool(interrupted)),
            ("totals", .object(totalMembers)),
            ("failures", .array(failures)),
        ]
        var out = "{\n"
        for member in head {
            out += "  "
            ManifestJSON.appendString(member.key, to: &out)
            out += ": "
            ManifestJSON.appendIndented(member.value, level: 1, to: &out)
            out += ",\n"
        }
        Self.appendLines("repeatedIdentifiers", RepeatedIdentifiers(records).entries.map(RepeatedIdentifiers.json), to: &out)
        out += ",\n"
        Self.appendLines("files", records.map(\.json), to: &out)
        out += "\n}\n"
        return out
    }

    /// `"key": [...]` with one compact line per item.
    private static func appendLines(_ key: String, _ items: [JSONValue], to out: inout String) {
        out += "  \"\(key)\": ["
        for (index, item) in items.enumerated() {
            out += index == 0 ? "\n    " : ",\n    "
            ManifestJSON.appendCompact(item, to: &out)
        }
        out += items.isEmpty ? "]" : "\n  ]"
    }

    /// Writes the manifest under a temporary name and renames it into place.
    func write(to path: String) throws(XMLError) {
        let sink = try ByteSink(path: path)
        try sink.write(text())
        try sink.commit()
    }
}
