/// One table mapping the codes of a 1.0x codelist to a 2.03 codelist, for the attributes that
/// use it. The facts come from the IATI 2.01 changelog (language-neutral codelists) and from the
/// codes' names in the 1.05 and 2.03 codelists, which the tests compare.
public struct CodeMapping: Sendable {
    /// The 1.05 codelist (`TransactionType`, `Vocabulary`, `GazetteerAgency`).
    public let codelist105: String
    /// The 2.03 codelist the codes go to.
    public let codelist203: String
    /// Where the codes are found in 1.0x, as `element/@attribute`
    /// (`transaction-type/@code`, `sector/@vocabulary`).
    public let places: [String]
    /// 1.0x code → 2.03 code; `nil` where 2.03 has no equivalent (reported, not guessed).
    public let codes: [(from: String, to: String?)]

    init(_ codelist105: String, to codelist203: String, at places: [String], _ codes: [(from: String, to: String?)]) {
        self.codelist105 = codelist105
        self.codelist203 = codelist203
        self.places = places
        self.codes = codes
    }

    /// The 2.03 code for a 1.0x code: `.some(nil)` when the code is known to have no
    /// equivalent, `nil` when the table does not know the code.
    public func target(of code: String) -> String?? {
        guard let entry = codes.first(where: { $0.from == code }) else { return nil }
        return .some(entry.to)
    }

    /// Whether the table changes codes (rather than confirming that they stay the same).
    public var changesCodes: Bool { codes.contains { $0.from != $0.to } }
}
