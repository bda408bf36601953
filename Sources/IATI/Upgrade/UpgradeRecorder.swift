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

/// Paths of elements below a record: names from the record down, `[n]` marking the position
/// among same-named siblings when there are several.
enum UpgradePath {
    /// The path of each of `children` below `path`, in order.
    static func childPaths(of children: [Node], below path: String) -> [String] {
        var totals: [String: Int] = [:]
        for child in children { totals[child.qualifiedName, default: 0] += 1 }
        var seen: [String: Int] = [:]
        return children.map { child in
            let name = child.qualifiedName
            let position = seen[name, default: 0] + 1
            seen[name] = position
            return path + "/" + ((totals[name] ?? 0) > 1 ? "\(name)[\(position)]" : name)
        }
    }

    /// `path/@name` (with the prefix for a namespaced attribute).
    static func attribute(_ attribute: Attribute, of path: String) -> String {
        path + "/@" + (attribute.namespace == XMLNamespace.xml ? "xml:" + attribute.name : attribute.qualifiedName)
    }
}
