/// The one-line human summary of a file's upgrade, for standard error.
public enum UpgradeReport {
    /// E.g. `upgraded to 2.03 (the file declares version 1.03): 2 activities read as 1.03; 41
    /// changes (24 text-to-narrative, 10 code-mapped, …); 2 activities lack what 2.03 requires
    /// (2 missing-attribute)`.
    public static func line(_ summary: UpgradeSummary) -> String {
        let recordName = summary.recordName
        let declared = summary.declaredVersion.map { "version \($0)" } ?? "no version"
        var parts: [String] = []
        let versions = summary.versions.sorted { $0.key < $1.key }
            .map { "\(plural($0.value, recordName)) read as \($0.key.rawValue)" }
        let read = versions.isEmpty ? "no \(recordName == "activity" ? "activities" : recordName + "s")" : versions.joined(separator: ", ")
        parts.append("upgraded to \(IATIVersion.current.rawValue) (the file declares \(declared)): " + read)
        if summary.assumedRecords > 0, let reason = summary.firstAssumption {
            parts.append("version assumed for \(plural(summary.assumedRecords, recordName)) (first: \(reason))")
        }
        let counts = summary.changes.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.value) \($0.key.rawValue)" }
        parts.append(summary.totalChanges == 0 ? "no changes" : "\(plural(summary.totalChanges, "change")) (\(counts.joined(separator: ", ")))")
        if !summary.rootMissing.isEmpty {
            parts.append(summary.rootMissing.map(\.message).joined(separator: "; "))
        }
        if summary.incompleteRecords > 0 {
            let gaps = summary.missing.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
            let verb = summary.incompleteRecords == 1 ? "lacks" : "lack"
            parts.append("\(plural(summary.incompleteRecords, recordName)) \(verb) what 2.03 requires (\(gaps.joined(separator: ", ")))")
        }
        return parts.joined(separator: "; ")
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        if count == 1 { return "1 \(noun)" }
        return noun.hasSuffix("y") ? "\(count) \(noun.dropLast())ies" : "\(count) \(noun)s"
    }
}
