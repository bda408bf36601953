/// A path the inputs led to but that is not read, and why.
public struct SkippedInput: Sendable, Hashable, CustomStringConvertible {
    /// Why a path is left out.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// A hidden name (`.x`) or a macOS resource-fork folder (`__MACOSX`).
        case hidden
        /// The name matches no `--include` pattern (by default: not `.xml` or `.xml.gz`).
        case notIncluded(patterns: [String])
        /// The path matches an `--exclude` pattern.
        case excluded(pattern: String)
        /// Neither a regular file nor a folder (a device, a socket, a link inside an archive).
        case notRegularFile
        /// The command's own output folder.
        case outputFolder
        /// A folder reached again through a link (walked once).
        case alreadyWalked

        /// The reason in words.
        public var description: String {
            switch self {
            case .hidden: "hidden name"
            case .notIncluded(let patterns): "not an input file (matches none of \(patterns.joined(separator: ", ")); see --include)"
            case .excluded(let pattern): "excluded by --exclude '\(pattern)'"
            case .notRegularFile: "not a regular file or folder"
            case .outputFolder: "the output folder"
            case .alreadyWalked: "a folder already walked (reached again through a link)"
            }
        }

        /// A short name for counting: `hidden`, `not included`, ….
        public var category: String {
            switch self {
            case .hidden: "hidden"
            case .notIncluded: "not matching --include"
            case .excluded: "excluded"
            case .notRegularFile: "not a regular file"
            case .outputFolder: "output folder"
            case .alreadyWalked: "walked already"
            }
        }
    }

    /// The path as found (`dir/sub/x.txt`, `pack.zip/readme.txt`).
    public var displayName: String
    public var reason: Reason

    /// Records a skip.
    public init(displayName: String, reason: Reason) {
        self.displayName = displayName
        self.reason = reason
    }

    /// `path: reason`.
    public var description: String { "\(displayName): \(reason)" }

    /// Lines telling what was skipped: a count by reason, then the first `limit` paths with
    /// their reasons; no lines when nothing was skipped.
    public static func report(_ skipped: [SkippedInput], limit: Int = 5) -> [String] {
        guard !skipped.isEmpty else { return [] }
        var counts: [String: Int] = [:]
        var order: [String] = []
        for skip in skipped {
            let category = skip.reason.category
            if counts[category] == nil { order.append(category) }
            counts[category, default: 0] += 1
        }
        let total = skipped.count == 1 ? "1 path" : "\(skipped.count) paths"
        let byReason = order.map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ")
        var lines = ["skipped \(total) (\(byReason)):"]
        lines += skipped.prefix(limit).map { "  \($0)" }
        if skipped.count > limit { lines.append("  … and \(skipped.count - limit) more") }
        return lines
    }
}
