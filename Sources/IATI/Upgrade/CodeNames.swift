/// Comparing values with the names of codes.
enum CodeNames {
    /// Lower case, white space collapsed.
    static func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The one code of `list` whose name is `value` (any case, white space collapsed).
    static func code(named value: String, in list: Codelist) -> String? {
        let wanted = normalised(value)
        guard !wanted.isEmpty else { return nil }
        let matches = list.codes.filter { !$0.name.isEmpty && normalised($0.name) == wanted }
        let distinct = Set(matches.map(\.code))
        return distinct.count == 1 ? distinct.first : nil
    }
}
