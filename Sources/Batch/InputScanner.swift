import Archive
import IATI

/// Finds the documents named by the inputs: files as given, folders walked recursively (in
/// byte order of names, hidden names and the output folder left out), archives listed.
///
/// Paths are matched by ``Glob`` relative to their input: a folder's files by their path
/// under it, an archive's members by the archive's relative path, `/`, the member path.
/// Files named directly are always taken; archives are opened unless excluded.
struct InputScanner {
    var includes: [Glob]
    var excludes: [Glob]
    var format: OutputFormat
    /// `realpath` of the output folder, never walked into.
    var outputDirectory: String?

    struct Result {
        var units: [WorkUnit] = []
        /// Inputs that could not be read or listed (no output).
        var failures: [(key: String, record: FileRecord)] = []
    }

    private struct Visited: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    func scan(_ inputs: [String]) -> Result {
        var result = Result()
        var seen: Set<WorkUnit.Origin> = []
        for input in inputs {
            var visited: Set<Visited> = []
            switch Paths.kind(of: input) {
            case .missing(let reason):
                fail(input, key: Paths.baseName(of: input), "cannot read: \(reason)", into: &result)
            case .other:
                fail(input, key: Paths.baseName(of: input), "not a file or folder", into: &result)
            case .directory(let device, let inode):
                visited.insert(Visited(device: device, inode: inode))
                walk(input, relative: "", visited: &visited, into: &result)
            case .file(let size, _, _):
                let name = Paths.baseName(of: input)
                if let kind = ArchiveKind.detect(path: input) {
                    list(input, kind: kind, relative: name, into: &result)
                } else {
                    add(WorkUnit(origin: .file(path: input), key: name, output: OutputNaming.output(forKey: name, format: format), size: size), into: &result)
                }
            }
        }
        result.units.removeAll { !seen.insert($0.origin).inserted }
        return result
    }

    private func walk(_ folder: String, relative: String, visited: inout Set<Visited>, into result: inout Result) {
        let names: [String]
        do {
            names = try Paths.list(folder)
        } catch {
            fail(folder, key: relative.isEmpty ? Paths.baseName(of: folder) : relative, error.message, into: &result)
            return
        }
        for name in names where !OutputNaming.isHidden(Substring(name)) {
            let path = Paths.join(folder, name)
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            if excludes.contains(where: { $0.matches(relativePath) }) { continue }
            switch Paths.kind(of: path) {
            case .directory(let device, let inode):
                guard visited.insert(Visited(device: device, inode: inode)).inserted else { continue }
                if let outputDirectory, Paths.realPath(path) == outputDirectory { continue }
                walk(path, relative: relativePath, visited: &visited, into: &result)
            case .file(let size, _, _):
                if let kind = ArchiveKind.detect(path: name) {
                    list(path, kind: kind, relative: relativePath, into: &result)
                } else if includes.contains(where: { $0.matches(relativePath) }) {
                    add(WorkUnit(origin: .file(path: path), key: relativePath, output: OutputNaming.output(forKey: relativePath, format: format), size: size), into: &result)
                }
            case .missing(let reason):
                // A dangling link or a file removed while walking.
                if includes.contains(where: { $0.matches(relativePath) }) {
                    fail(path, key: relativePath, "cannot read: \(reason)", into: &result)
                }
            case .other:
                continue
            }
        }
    }

    /// Lists an archive's members; `relative` is the archive's own relative path.
    private func list(_ archive: String, kind: ArchiveKind, relative: String, into result: inout Result) {
        // Members mirror under a folder named after the archive, extension included, so
        // that `pack.zip`, `pack.tar.gz` and a folder `pack/` side by side never clash.
        let folder = relative
        do {
            let reader = try ArchiveReader(path: archive)
            while let member = try reader.nextMember() {
                guard member.kind == .file else { continue }
                guard let safe = OutputNaming.safeMemberPath(member.path) else {
                    var record = FileRecord(path: archive, member: member.path, output: nil, status: .failed)
                    record.size = member.size
                    record.error = "\(archive) (member \(member.path)): the member's path leaves the archive's folder (it has '..' or is empty); not converted"
                    result.failures.append((key: relative + "/" + member.path, record: record))
                    continue
                }
                if safe.split(separator: "/").contains(where: OutputNaming.isHidden) { continue }
                let matchPath = relative + "/" + safe
                guard includes.contains(where: { $0.matches(matchPath) }),
                    !excludes.contains(where: { $0.matches(matchPath) })
                else { continue }
                let key = folder + "/" + safe
                add(WorkUnit(
                    origin: .member(archive: archive, kind: kind, member: member), key: key,
                    output: OutputNaming.output(forKey: key, format: format), size: member.size), into: &result)
            }
        } catch {
            fail(archive, key: relative, error.description, into: &result)
        }
    }

    private func add(_ unit: WorkUnit, into result: inout Result) {
        result.units.append(unit)
    }

    private func fail(_ path: String, key: String, _ message: String, into result: inout Result) {
        var record = FileRecord(path: path, member: nil, output: nil, status: .failed)
        record.error = message.hasPrefix(path) ? message : "\(path): \(message)"
        result.failures.append((key: key, record: record))
    }
}
