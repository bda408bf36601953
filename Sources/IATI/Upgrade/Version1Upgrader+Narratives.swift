import LibXML

extension Version1Upgrader {
    /// Elements that 1.0x repeated once per language and 2.03 writes once with a narrative per
    /// language.
    static let mergeable: Set<String> = [
        "title", "description", "comment", "name", "activity-description", "organisation", "department",
        "person-name", "job-title", "mailing-address", "condition",
    ]

    /// Merges sibling text elements that say the same thing in different languages: same name
    /// and attributes, narratives only, no language in common. Where 2.03 allows only one such
    /// element, all of them are merged.
    mutating func mergeNarratives(_ children: [Node], spec: ElementSpec, path: UpgradePath, language: String?) -> [Node] {
        var result: [Node] = []
        var groups: [String: [Int]] = [:]
        var languages: [Int: Set<String>] = [:]
        for child in children {
            guard child.namespace == nil, Self.mergeable.contains(child.name), let slot = spec.child(child.name),
                slot.element.child("narrative") != nil, !child.children.isEmpty,
                child.children.allSatisfy({ $0.name == "narrative" && $0.namespace == nil }),
                Lexical.trimmed(child.text).isEmpty
            else {
                result.append(child)
                continue
            }
            let key = Self.mergeKey(child)
            let own = Set(child.children.map { Self.language(of: $0) ?? language ?? "" })
            let target = groups[key]?.first { index in
                slot.maxOccurs == 1 || (languages[index] ?? []).isDisjoint(with: own)
            }
            guard let target else {
                groups[key, default: []].append(result.count)
                languages[result.count] = own
                result.append(child)
                continue
            }
            let shared = (languages[target] ?? []).intersection(own)
            result[target].children += child.children
            languages[target, default: []].formUnion(own)
            let text = child.children.map(\.text).joined(separator: " | ")
            var note = "merged into the <\(child.name)> at line \(result[target].line)"
            if !shared.isEmpty {
                note += "; 2.03 allows one <\(child.name)> here, so narratives in the same language (\(shared.sorted().joined(separator: ", "))) are kept side by side"
            }
            recorder.record(.narrativesMerged, line: child.line, from: UpgradePlace(path: "\(path)/" + child.name, value: text),
                to: UpgradePlace(path: "\(path)/" + child.name + "/narrative", value: text), note: note)
        }
        return result
    }

    /// Name and attributes (other than `xml:lang`), which merged elements must share.
    private static func mergeKey(_ node: Node) -> String {
        let attributes = node.attributes
            .filter { !($0.namespace == XMLNamespace.xml && $0.name == "lang") }
            .map { "\($0.namespace ?? "")|\($0.name)=\($0.value)" }
            .sorted()
        return ([node.name] + attributes).joined(separator: "\u{1F}")
    }
}
