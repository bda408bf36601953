/// One code of a codelist, as the IATI reference publishes it.
public struct Code: Sendable, Hashable {
    /// The code itself, as it appears in IATI XML (`USD`, `16020`, `start-planned`).
    public let code: String
    /// The English name; empty when the reference gives none (some `FileFormat` and `Version` codes).
    public let name: String
    /// `true` when the reference marks the code `status="withdrawn"`: still known, no longer to be used.
    public let isWithdrawn: Bool
    /// The code's category in the list's category codelist (a `Sector`'s DAC 3-digit group), if any.
    public let category: String?

    /// Makes a code.
    public init(code: String, name: String, isWithdrawn: Bool = false, category: String? = nil) {
        self.code = code
        self.name = name
        self.isWithdrawn = isWithdrawn
        self.category = category
    }
}

/// A named list of codes, such as `Currency` or `Sector`.
public struct Codelist: Sendable {
    /// The codelist's name in the reference (`Currency`, `UNSDG-Goals`).
    public let name: String
    /// Embedded codelists belong to the schema version; the others are maintained outside it.
    public let isEmbedded: Bool
    /// The codelist the codes' ``Code/category`` values come from (`Sector` → `SectorCategory`).
    public let categoryCodelist: String?
    /// The codes in reference order. A few lists repeat a code; lookups see its first entry.
    public let codes: [Code]
    private let index: [String: Int]

    /// Makes a codelist; a code given twice is found by ``code(_:)`` at its first position.
    public init(name: String, isEmbedded: Bool, categoryCodelist: String? = nil, codes: [Code]) {
        self.name = name
        self.isEmbedded = isEmbedded
        self.categoryCodelist = categoryCodelist
        self.codes = codes
        var index: [String: Int] = [:]
        for (position, code) in codes.enumerated() where index[code.code] == nil {
            index[code.code] = position
        }
        self.index = index
    }

    /// The entry for a code (exact, case-sensitive match), withdrawn or not.
    public func code(_ code: String) -> Code? {
        index[code].map { codes[$0] }
    }

    /// Whether the list has this code (exact, case-sensitive match), withdrawn or not.
    public func contains(_ code: String) -> Bool {
        index[code] != nil
    }
}

extension Codelist: CustomStringConvertible {
    /// `Currency (178 codes)`: short, for messages.
    public var description: String { "\(name) (\(codes.count) codes)" }
}
