import LibXML

/// Collects the changes of one record's upgrade, in the order they are made.
struct UpgradeRecorder {
    private(set) var changes: [UpgradeChange] = []

    mutating func record(
        _ rule: UpgradeRule, line: Int, from: UpgradePlace?, to: UpgradePlace?, note: String? = nil
    ) {
        changes.append(UpgradeChange(rule: rule, line: line, from: from, to: to, note: note))
    }
}
