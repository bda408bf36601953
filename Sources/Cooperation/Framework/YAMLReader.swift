import Foundation
internal import Yams

/// Reads a composed YAML tree into Swift values, collecting problems with their position.
struct YAMLReader {
    let file: String
    private(set) var problems: [ConfigurationProblem] = []

    init(file: String) {
        self.file = file
    }

    mutating func problem(_ message: String, at node: Yams.Node?) {
        problems.append(ConfigurationProblem(
            file: file, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, message: message))
    }

    mutating func problem(_ message: String, line: Int, column: Int = 0) {
        problems.append(ConfigurationProblem(file: file, line: line, column: column, message: message))
    }

    /// The entries of a mapping by key, checking keys against `allowed` (unknown keys are
    /// reported with the keys that are allowed).
    mutating func mapping(_ node: Yams.Node, allowed: [String], what: String) -> [String: Yams.Node]? {
        guard case .mapping(let mapping) = node else {
            problem("\(what) must be a mapping (key: value lines)", at: node)
            return nil
        }
        var result: [String: Yams.Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                problem("keys of \(what) must be plain words", at: key)
                continue
            }
            if !allowed.contains(scalar.string) {
                let suggestion = allowed.sorted().joined(separator: ", ")
                problem("unknown key \"\(scalar.string)\" in \(what); allowed keys: \(suggestion)", at: key)
                continue
            }
            if result[scalar.string] != nil {
                problem("key \"\(scalar.string)\" appears twice in \(what)", at: key)
                continue
            }
            result[scalar.string] = value
        }
        return result
    }

    /// A scalar's text; problems for mappings, sequences and empty values.
    mutating func string(_ node: Yams.Node?, what: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            problem("\(what) must be a single value", at: node)
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || (scalar.style == .plain && (text == "~" || text == "null")) {
            problem("\(what) is empty", at: node)
            return nil
        }
        return text
    }

    /// A required scalar.
    mutating func required(_ entries: [String: Yams.Node], _ key: String, in what: String, at node: Yams.Node) -> String? {
        guard let value = entries[key] else {
            problem("\(what) needs \"\(key)\"", at: node)
            return nil
        }
        return string(value, what: "\"\(key)\" of \(what)")
    }

    /// A list of scalars; a single scalar is read as a list of one.
    mutating func strings(_ node: Yams.Node?, what: String) -> [String] {
        guard let node else { return [] }
        switch node {
        case .scalar:
            return string(node, what: what).map { [$0] } ?? []
        case .sequence(let sequence):
            return sequence.compactMap { string($0, what: "an item of \(what)") }
        default:
            problem("\(what) must be a value or a list of values", at: node)
            return []
        }
    }

    /// The items of a sequence.
    mutating func sequence(_ node: Yams.Node?, what: String) -> [Yams.Node] {
        guard let node else { return [] }
        guard case .sequence(let sequence) = node else {
            problem("\(what) must be a list (lines starting with \"- \")", at: node)
            return []
        }
        return Array(sequence)
    }

    /// A text in English and Vietnamese: a mapping with `en` and `vi`, or a plain value (English).
    mutating func localized(_ node: Yams.Node?, what: String) -> LocalizedText {
        guard let node else { return LocalizedText() }
        if case .scalar = node { return LocalizedText(en: string(node, what: what)) }
        guard let entries = mapping(node, allowed: ["en", "vi"], what: what) else { return LocalizedText() }
        return LocalizedText(
            en: string(entries["en"], what: "\"en\" of \(what)"),
            vi: string(entries["vi"], what: "\"vi\" of \(what)"))
    }
}

extension Yams.Node {
    /// 1-based line of the node, 0 when unknown.
    var line: Int { mark?.line ?? 0 }
}
