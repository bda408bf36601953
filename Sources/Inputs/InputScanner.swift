import Archive
public import Platform

/// Turns command-line inputs into the ordered list of documents every command reads: files as
/// given, `-` (standard input), folders walked recursively (names in byte order, hidden names
/// and the output folder left out), `.zip`, `.tar` and `.tar.gz`/`.tgz` archives listed in
/// place. What is left out is listed with the reason; what cannot be read is a problem.
///
/// Paths in folders and archives are matched by ``Glob`` relative to their input: a folder's
/// files by their path under it, an archive's members by the archive's relative path, `/`,
/// the member path. Files named directly are always taken; archives are opened unless excluded.
public struct InputScanner: Sendable {
    /// Patterns used when no `--include` is given.
    public static let defaultIncludes = ["*.xml", "*.xml.gz"]

    /// Patterns a file in a folder or archive must match.
    public var includes: [Glob]
    /// Patterns that leave files, folders and archives out.
    public var excludes: [Glob]
    /// `realpath` of the output folder, never walked into.
    public var outputDirectory: String?
    /// Names to show for inputs, by the path given: documents read from the path `key` are
    /// named `value` (and `value/member.xml`) in every message and output.
    public var labels: [String: String] = [:]
    /// Given to every document found (``InputDocument/stop``): told to stop, their reading
    /// stops at its next read.
    public var stop: StopSignal?

    /// A scanner; empty `includes` stands for ``defaultIncludes``.
    public init(includes: [Glob] = [], excludes: [Glob] = [], outputDirectory: String? = nil) {
        self.includes = includes.isEmpty ? Self.defaultIncludes.map(Glob.init) : includes
        self.excludes = excludes
        self.outputDirectory = outputDirectory
    }

    private struct Visited: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// Finds the documents named by `inputs`, in the order given (each folder's in byte order
    /// of names, each archive's in archive order); a document named twice is read once.
    public func scan(_ inputs: [String]) -> InputScan {
        var result = InputScan()
        for input in inputs {
            if input == "-" {
                result.documents.append(InputDocument(origin: .standardInput, relativePath: "stdin"))
                continue
            }
            var visited: Set<Visited> = []
            let name = Paths.baseName(of: input)
            switch Paths.kind(of: input) {
            case .missing(let reason):
                result.problems.append(UnreadableInput(path: input, relativePath: name, message: "cannot open: \(reason); check the path and its permissions"))
            case .other:
                result.problems.append(UnreadableInput(path: input, relativePath: name, message: "not a file or folder"))
            case .directory(let device, let inode):
                visited.insert(Visited(device: device, inode: inode))
                walk(input, relative: "", visited: &visited, into: &result)
            case .file(let size, _, _):
                if let kind = ArchiveKind.detect(path: input) {
                    list(input, kind: kind, relative: name, into: &result)
                } else {
                    result.documents.append(InputDocument(origin: .file(path: input), relativePath: name, size: size))
                }
            }
        }
        var seen: Set<InputDocument.Origin> = []
        result.documents.removeAll { !seen.insert($0.origin).inserted }
        for index in result.documents.indices {
            if let label = labels[result.documents[index].path] { result.documents[index].label = label }
            result.documents[index].stop = stop
        }
        return result
    }

    private func walk(_ folder: String, relative: String, visited: inout Set<Visited>, into result: inout InputScan) {
        let names: [String]
        do {
            names = try Paths.list(folder)
        } catch {
            result.problems.append(UnreadableInput(path: folder, relativePath: relative.isEmpty ? Paths.baseName(of: folder) : relative, message: error.message))
            return
        }
        for name in names {
            let path = Paths.join(folder, name)
            if MemberPath.isHidden(Substring(name)) {
                result.skipped.append(SkippedInput(displayName: path, reason: .hidden))
                continue
            }
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            if let pattern = excludes.first(where: { $0.matches(relativePath) }) {
                result.skipped.append(SkippedInput(displayName: path, reason: .excluded(pattern: pattern.pattern)))
                continue
            }
            switch Paths.kind(of: path) {
            case .directory(let device, let inode):
                guard visited.insert(Visited(device: device, inode: inode)).inserted else {
                    result.skipped.append(SkippedInput(displayName: path, reason: .alreadyWalked))
                    continue
                }
                if let outputDirectory, Paths.realPath(path) == outputDirectory {
                    result.skipped.append(SkippedInput(displayName: path, reason: .outputFolder))
                    continue
                }
                walk(path, relative: relativePath, visited: &visited, into: &result)
            case .file(let size, _, _):
                if let kind = ArchiveKind.detect(path: name) {
                    list(path, kind: kind, relative: relativePath, into: &result)
                } else if includes.contains(where: { $0.matches(relativePath) }) {
                    result.documents.append(InputDocument(origin: .file(path: path), relativePath: relativePath, size: size))
                } else {
                    result.skipped.append(SkippedInput(displayName: path, reason: .notIncluded(patterns: includes.map(\.pattern))))
                }
            case .missing(let reason):
                // A dangling link or a file removed while walking.
                if includes.contains(where: { $0.matches(relativePath) }) {
                    result.problems.append(UnreadableInput(path: path, relativePath: relativePath, message: "cannot read: \(reason)"))
                }
            case .other:
                result.skipped.append(SkippedInput(displayName: path, reason: .notRegularFile))
            }
        }
    }

    /// Lists an archive's members; `relative` is the archive's own relative path. Members
    /// stand under a folder named after the archive, extension included, so that `pack.zip`,
    /// `pack.tar.gz` and a folder `pack/` side by side never clash.
    private func list(_ archive: String, kind: ArchiveKind, relative: String, into result: inout InputScan) {
        do {
            let reader = try ArchiveReader(path: archive)
            while let member = try reader.nextMember() {
                let shown = archive + "/" + member.path
                switch member.kind {
                case .directory: continue
                case .other:
                    result.skipped.append(SkippedInput(displayName: shown, reason: .notRegularFile))
                    continue
                case .file: break
                }
                guard let safe = MemberPath.safe(member.path) else {
                    result.problems.append(UnreadableInput(
                        path: archive, member: member.path, relativePath: relative + "/" + member.path, size: member.size,
                        message: "the member's path leaves the archive's folder (it has '..' or is empty); not read"))
                    continue
                }
                if safe.split(separator: "/").contains(where: MemberPath.isHidden) {
                    result.skipped.append(SkippedInput(displayName: shown, reason: .hidden))
                    continue
                }
                let relativePath = relative + "/" + safe
                // A pattern names a member by its path in the archive or with the archive's before it.
                let matches = { (glob: Glob) in glob.matches(relativePath) || glob.matches(safe) }
                if let pattern = excludes.first(where: matches) {
                    result.skipped.append(SkippedInput(displayName: shown, reason: .excluded(pattern: pattern.pattern)))
                    continue
                }
                guard includes.contains(where: matches) else {
                    result.skipped.append(SkippedInput(displayName: shown, reason: .notIncluded(patterns: includes.map(\.pattern))))
                    continue
                }
                result.documents.append(InputDocument(
                    origin: .member(archive: archive, kind: kind, member: member), relativePath: relativePath, size: member.size))
            }
        } catch {
            result.problems.append(UnreadableInput(path: archive, relativePath: relative, message: error.member == nil ? error.message : error.description))
        }
    }
}
