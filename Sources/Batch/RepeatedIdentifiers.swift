import IATI

/// The identifiers met in more than one file of a run, each with the files that hold it and
/// what each says of its record's `last-updated-datetime`: the manifest's
/// `repeatedIdentifiers` (`iatix validate` reports repeats within one file).
struct RepeatedIdentifiers {
    /// One file holding an identifier: the first record with it there.
    struct Use {
        var path: String
        var member: String?
        var lastUpdated: String?
    }

    /// By identifier (bytewise), the files in manifest order.
    private(set) var entries: [(identifier: String, uses: [Use])] = []

    /// Finds the repeats among `records` (in manifest order).
    init(_ records: [FileRecord]) {
        var uses: [String: [Use]] = [:]
        for record in records {
            var seen = Set<String>()
            for stamp in record.identifiers where seen.insert(stamp.identifier).inserted {
                uses[stamp.identifier, default: []].append(Use(path: record.path, member: record.member, lastUpdated: stamp.lastUpdated))
            }
        }
        entries = uses.filter { $0.value.count > 1 }
            .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { (identifier: $0.key, uses: $0.value) }
    }

    /// The JSON of one entry.
    static func json(_ entry: (identifier: String, uses: [Use])) -> JSONValue {
        .object([
            ("identifier", .string(entry.identifier)),
            ("files", .array(entry.uses.map { use in
                .object([
                    ("path", .string(use.path)),
                    ("member", use.member.map(JSONValue.string) ?? .null),
                    ("lastUpdated", use.lastUpdated.map(JSONValue.string) ?? .null),
                ])
            })),
        ])
    }
}
