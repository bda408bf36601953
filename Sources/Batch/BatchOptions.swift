public import IATI
public import Inputs
import Platform

/// Everything `iatix batch` was asked to do.
public struct BatchOptions: Sendable {
    /// Files, folders and archives to convert.
    public var inputs: [String]
    /// Where outputs and `manifest.json` go.
    public var outputDirectory: String
    /// The output format.
    public var format: OutputFormat = .json
    /// Whether `--validate` was given.
    public var validate = false
    /// The validator to run when ``validate`` is set; `nil` records "not available".
    public var validator: (any BatchValidator)?
    /// Worker threads.
    public var jobs: Int = BatchOptions.processorCount
    /// Patterns a file in a folder or archive must match (empty: ``defaultIncludes``).
    public var include: [Glob] = []
    /// Patterns that leave files, folders and archives out.
    public var exclude: [Glob] = []
    /// Redo files even when their hash and options are unchanged.
    public var force = false
    /// This machine's share of the inputs.
    public var shard: Shard?
    /// The iatix version, recorded in the manifest and part of the options fingerprint.
    public var toolVersion = "unknown"
    /// Turns an error into the one-line text the manifest records.
    public var describeError: @Sendable (any Error) -> String = { "\($0)" }

    /// Patterns used when no `--include` is given.
    public static let defaultIncludes = InputScanner.defaultIncludes

    /// Options with defaults for everything but the inputs and the output folder.
    public init(inputs: [String], outputDirectory: String) {
        self.inputs = inputs
        self.outputDirectory = outputDirectory
    }

    /// Processors online: the default for ``jobs``.
    public static var processorCount: Int { WorkerThreads.processorCount }

    /// The include patterns in force.
    public var effectiveIncludes: [Glob] {
        include.isEmpty ? Self.defaultIncludes.map(Glob.init) : include
    }

    /// What an output depends on besides its input: a file is redone when this changes.
    /// (`--jobs`, globs and sharding choose files but do not change any output.)
    public var fingerprint: String {
        let checking = validate ? (validator?.identity ?? "not available") : "none"
        return "iatix \(toolVersion); to \(format.rawValue); validation \(checking)"
    }

    /// The manifest's file name: `manifest.json`, or `manifest-I-of-N.json` for a shard.
    public var manifestName: String {
        shard.map { "manifest-\($0.index)-of-\($0.count).json" } ?? "manifest.json"
    }

    /// The journal's file name (finished files, appended as they finish; removed once the
    /// manifest is written).
    public var journalName: String {
        shard.map { "manifest-\($0.index)-of-\($0.count).journal.jsonl" } ?? "manifest.journal.jsonl"
    }
}

/// `--shard I/N`: the I-th of N disjoint shares of the inputs (I from 1 to N).
///
/// A file belongs to shard `1 + FNV-1a(relative path) mod N`, so the split depends only on
/// the files' paths relative to the inputs: every machine computes the same split, and adding
/// a file does not move others between shards.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    /// How many shards the inputs are split into.
    public let count: Int

    /// Parses `I/N` with `1 <= I <= N`; `nil` otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
            count >= 1, index >= 1, index <= count
        else { return nil }
        self.index = index
        self.count = count
    }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }

    /// Whether the file with this relative path belongs to this shard.
    public func contains(key: String) -> Bool {
        Int(Self.fnv1a(key) % UInt64(count)) == index - 1
    }

    /// 64-bit FNV-1a over the UTF-8 bytes.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
