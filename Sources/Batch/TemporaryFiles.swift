import Inputs

/// Temporary outputs (`.name.PID.tmp`, as ``LibXML/ByteSink`` names them) that a killed run
/// left behind.
enum TemporaryFiles {
    /// Removes temporary files in `folder` whose final name is one of `targets` (paths
    /// relative to `folder`): only this run's own outputs, so that a concurrent run of another
    /// shard into the same folder keeps its files.
    static func removeStale(in folder: String, targets: Set<String>) {
        var directories: Set<String> = [""]
        for target in targets { directories.insert(Paths.parent(of: target)) }
        for directory in directories {
            let path = directory.isEmpty ? folder : Paths.join(folder, directory)
            guard let names = try? Paths.list(path) else { continue }
            for name in names {
                guard let final = finalName(of: name) else { continue }
                let relative = directory.isEmpty ? final : directory + "/" + final
                if targets.contains(relative) { Paths.remove(Paths.join(path, name)) }
            }
        }
    }

    /// `.a.json.123.tmp` → `a.json`.
    static func finalName(of name: String) -> String? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let inner = name.dropFirst().dropLast(4)
        guard let dot = inner.lastIndex(of: "."), !inner[inner.index(after: dot)...].isEmpty,
            inner[inner.index(after: dot)...].allSatisfy(\.isNumber)
        else { return nil }
        return String(inner[..<dot])
    }
}
