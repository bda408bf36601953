public import Foundation
public import Testing

/// A folder of committed outputs that generated ones must equal byte for byte. Run the tests
/// with `IATIX_UPDATE_GOLDEN=1` to write the generated outputs there instead (then read the diff).
public struct GoldenFiles: Sendable {
    /// The folder, under the package root.
    public let folder: String

    /// - Parameter folder: relative to the package root (`Tests/IATIXTests/Golden/convert`).
    public init(_ folder: String) {
        self.folder = Reference.packageRoot + "/" + folder
    }

    /// Whether this run writes the golden files rather than checking them.
    public static var updating: Bool { ProcessInfo.processInfo.environment["IATIX_UPDATE_GOLDEN"] == "1" }

    /// Checks (or, updating, writes) the golden file `name` against `generated`.
    public func compare(_ generated: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try compare(Data(generated.utf8), name, sourceLocation: sourceLocation)
    }

    /// Checks (or, updating, writes) the golden file `name` against `generated`, byte for byte
    /// (not as strings, which would take canonically equivalent Unicode for equal).
    public func compare(_ generated: Data, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = folder + "/" + name
        if Self.updating {
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try generated.write(to: URL(fileURLWithPath: file))
            return
        }
        let committed = FileManager.default.contents(atPath: file)
        #expect(committed != nil, "no golden file \(name): run the tests with IATIX_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
        guard let committed else { return }
        #expect(
            committed == generated,
            "\(name) differs from its golden file: \(Self.firstDifference(committed, generated))",
            sourceLocation: sourceLocation)
    }

    /// The first differing line, for a readable failure.
    public static func firstDifference(_ expected: Data, _ actual: Data) -> String {
        let left = expected.split(separator: 0x0A, omittingEmptySubsequences: false)
        let right = actual.split(separator: 0x0A, omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : nil
            let b = index < right.count ? right[index] : nil
            if a != b {
                func shown(_ line: Data?) -> String { line.map { String(decoding: $0.prefix(300), as: UTF8.self) } ?? "<end>" }
                return "line \(index + 1): expected «\(shown(a))», got «\(shown(b))»"
            }
        }
        return "same lines"
    }
}
