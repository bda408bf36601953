/// Something conversion noticed and kept rather than dropped: an extension, content the
/// standard does not know, a value that is not valid for its datatype.
public struct Notice: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
        /// An element or attribute in another namespace (a publisher's extension), kept.
        case extensionKept = "extension"
        /// An element or attribute in no namespace that the standard does not define here, kept.
        case unknownContent = "unknown-content"
        /// A value that is not valid for its datatype, kept as written.
        case invalidValue = "invalid-value"
        /// Text where the standard expects only child elements, kept.
        case unexpectedText = "unexpected-text"
        /// A value with no currency of its own and no default currency to inherit.
        case missingCurrency = "missing-currency"
        /// A narrative with no language of its own, its activity's or its file's.
        case missingLanguage = "missing-language"
        /// The file declares a version other than the one iatix writes.
        case version = "version"
        /// An external entity or DTD the reader did not load: its text is missing.
        case notLoaded = "not-loaded"
        /// Text written in decomposed Unicode (NFD), put in composed form (NFC).
        case unicodeNormalised = "unicode-normalised"

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var kind: Kind
    public var line: Int
    /// Element path, e.g. `iati-activity/transaction/value/@currency`.
    public var path: String
    public var message: String

    public init(kind: Kind, line: Int, path: String, message: String) {
        self.kind = kind
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String { "line \(line): \(message) (\(path))" }

    /// A record of which `count` texts or attribute values were decomposed (NFD), written in
    /// composed form (NFC).
    static func unicodeNormalised(count: Int, line: Int, record: String) -> Notice {
        Notice(
            kind: .unicodeNormalised, line: line, path: record,
            message: "\(count == 1 ? "1 text" : "\(count) texts") in decomposed Unicode (NFD) written in composed form (NFC); --keep-unicode-form keeps them as written")
    }

    /// The message for an extension element with both text and child elements (mixed
    /// content): an element's text is one value, so where its pieces stood among the children
    /// is not kept.
    static func mixedContent(_ element: String) -> String {
        "extension element <\(element)> holds text and child elements together: its text is kept as one piece, before the children"
    }
}

/// Notices of one file: counts per kind and the first few of each, in order.
public struct NoticeLog: Sendable {
    public private(set) var counts: [Notice.Kind: Int] = [:]
    public private(set) var samples: [Notice] = []
    /// How many notices of one kind are kept as samples.
    public let samplesPerKind: Int

    public init(samplesPerKind: Int = 10) { self.samplesPerKind = samplesPerKind }

    public mutating func record(_ notice: Notice) {
        let count = counts[notice.kind, default: 0]
        counts[notice.kind] = count + 1
        if count < samplesPerKind { samples.append(notice) }
    }

    public var total: Int { counts.values.reduce(0, +) }

    /// Adds the notices of `other` (of what came after this log's), as if recorded here.
    public mutating func add(_ other: NoticeLog) {
        guard !other.counts.isEmpty else { return }
        var taken: [Notice.Kind: Int] = [:]
        for notice in other.samples {
            let before = counts[notice.kind, default: 0] + taken[notice.kind, default: 0]
            if before < samplesPerKind { samples.append(notice) }
            taken[notice.kind, default: 0] += 1
        }
        for (kind, count) in other.counts { counts[kind, default: 0] += count }
    }
}
