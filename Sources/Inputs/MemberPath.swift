/// Paths inside archives and folders: which are hidden, which are safe to mirror.
public enum MemberPath {
    /// A member path made safe to mirror: `./a//b.xml` → `a/b.xml`. `nil` for paths that climb
    /// out (`..`) or are empty — an archive must not write outside the output folder.
    public static func safe(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { return nil }
            parts.append(part)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// Hidden names (`.x`) and macOS resource-fork folders are not inputs.
    public static func isHidden(_ component: Substring) -> Bool {
        component.hasPrefix(".") || component == "__MACOSX"
    }
}
