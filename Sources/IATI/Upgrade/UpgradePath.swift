import LibXML

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
