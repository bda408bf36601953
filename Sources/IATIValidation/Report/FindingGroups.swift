/// Findings of one file grouped as reports show them: file-level findings first, then each
/// activity (or organisation) in the order it first appears, each group sorted by line.
struct FindingGroups {
    struct Group {
        /// `nil` for file-level findings.
        var record: String?
        var findings: [Finding]
    }

    let groups: [Group]

    init(_ findings: [Finding]) {
        var order: [String?] = []
        var byRecord: [String?: [Finding]] = [:]
        for finding in findings {
            if byRecord[finding.record] == nil { order.append(finding.record) }
            byRecord[finding.record, default: []].append(finding)
        }
        // File-level findings lead, as in the official report; records follow in document
        // order (the line of their first finding), whatever order the checks ran in.
        let firstLine = byRecord.mapValues { $0.map(\.line).min() ?? 0 }
        order = order.enumerated().sorted { lhs, rhs in
            let left = (lhs.element == nil ? 0 : 1, firstLine[lhs.element] ?? 0, lhs.offset)
            let right = (rhs.element == nil ? 0 : 1, firstLine[rhs.element] ?? 0, rhs.offset)
            return left < right
        }.map(\.element)
        groups = order.map { record in
            let members = byRecord[record] ?? []
            // Stable sort by line: findings of the same line keep the order they were found.
            let sorted = members.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
            return Group(record: record, findings: sorted)
        }
    }
}

/// Singular or plural wording for counts.
enum Plural {
    static func of(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : (plural ?? singular + "s"))"
    }
}
