import Foundation
import IATI
internal import Yams

/// Turns the YAML tree of a framework file into a ``Framework``.
enum FrameworkDecoder {
    static func decode(_ root: Yams.Node, reader: inout YAMLReader) -> Framework? {
        guard let top = reader.mapping(
            root, allowed: ["framework-version", "programme", "scope", "allocation", "priorities", "rules"], what: "the framework")
        else { return nil }
        if let version = top["framework-version"], let text = reader.string(version, what: "framework-version"), text != "1" {
            reader.problem("framework-version \(text) is not supported; this iatix reads version 1", at: version)
        }
        guard let programmeNode = top["programme"] else {
            reader.problem("the framework needs a \"programme\"", at: root)
            return nil
        }
        let programme = decodeProgramme(programmeNode, reader: &reader)
        var scope = FrameworkScope()
        if let node = top["scope"], let entries = reader.mapping(node, allowed: ["recipient-countries"], what: "scope") {
            scope.recipientCountries = reader.strings(entries["recipient-countries"], what: "recipient-countries")
        }
        var allocation = AllocationPolicy()
        if let node = top["allocation"], let entries = reader.mapping(node, allowed: ["ambiguous"], what: "allocation"),
            let value = entries["ambiguous"], let text = reader.string(value, what: "ambiguous")
        {
            if let policy = AllocationPolicy.Ambiguous(rawValue: text) {
                allocation.ambiguous = policy
            } else {
                reader.problem("ambiguous must be \"unallocated\" or \"equal-split\", not \"\(text)\"", at: value)
            }
        }
        let priorityNodes = reader.sequence(top["priorities"], what: "priorities")
        if priorityNodes.isEmpty { reader.problem("the framework needs at least one priority under \"priorities\"", at: root) }
        let priorities = priorityNodes.compactMap { decodeNode($0, level: .priority, reader: &reader) }
        let rules = reader.sequence(top["rules"], what: "rules").compactMap { decodeRule($0, reader: &reader) }
        return Framework(
            programme: programme ?? Programme(id: "", name: LocalizedText()), scope: scope, allocation: allocation,
            priorities: priorities, rules: rules, source: reader.file)
    }

    private static func decodeProgramme(_ node: Yams.Node, reader: inout YAMLReader) -> Programme? {
        guard let entries = reader.mapping(
            node, allowed: ["id", "name", "country", "period", "note", "signed", "parties"], what: "programme")
        else { return nil }
        let id = reader.required(entries, "id", in: "programme", at: node) ?? ""
        let name = reader.localized(entries["name"], what: "name of the programme")
        if name.isEmpty { reader.problem("programme needs a \"name\" (en and vi)", at: node) }
        var programme = Programme(
            id: id, name: name, country: reader.string(entries["country"], what: "country"),
            note: reader.localized(entries["note"], what: "note of the programme"))
        _ = reader.string(entries["signed"], what: "signed")
        _ = reader.strings(entries["parties"], what: "parties")
        if let period = entries["period"], let parts = reader.mapping(period, allowed: ["start", "end"], what: "period") {
            programme.periodStart = reader.string(parts["start"], what: "start of the period")
            programme.periodEnd = reader.string(parts["end"], what: "end of the period")
            for (key, value) in [("start", programme.periodStart), ("end", programme.periodEnd)] {
                if let value, !IATIDate(text: value).isValid {
                    reader.problem("\(key) of the period must be a date YYYY-MM-DD, not \"\(value)\"", at: parts[key])
                }
            }
            if let start = programme.periodStart.map(IATIDate.init(text:)), let end = programme.periodEnd.map(IATIDate.init(text:)),
                let first = start.dayNumber, let last = end.dayNumber, last < first
            {
                reader.problem("the period ends (\(end.isoString)) before it starts (\(start.isoString)): swap start and end, or correct the year", at: parts["end"])
            }
        }
        return programme
    }

    private static func decodeNode(_ node: Yams.Node, level: FrameworkNode.Level, reader: inout YAMLReader) -> FrameworkNode? {
        let childKey: String? =
            switch level {
            case .priority: "outcomes"
            case .outcome: "outputs"
            case .output: nil
            }
        let allowed = ["code", "name", "description", "indicators"] + (childKey.map { [$0] } ?? [])
        guard let entries = reader.mapping(node, allowed: allowed, what: "a \(level.rawValue)") else { return nil }
        let code = reader.required(entries, "code", in: "a \(level.rawValue)", at: node)
        let name = reader.localized(entries["name"], what: "name of \(level.rawValue) \(code ?? "")")
        if name.isEmpty { reader.problem("\(level.rawValue) \(code ?? "") needs a \"name\" (en and vi)", at: node) }
        let indicators = reader.sequence(entries["indicators"], what: "indicators").compactMap { decodeIndicator($0, reader: &reader) }
        var children: [FrameworkNode] = []
        if let childKey, let childLevel = level.childLevel {
            children = reader.sequence(entries[childKey], what: childKey).compactMap { decodeNode($0, level: childLevel, reader: &reader) }
        }
        guard let code else { return nil }
        return FrameworkNode(
            level: level, code: code, name: name,
            description: reader.localized(entries["description"], what: "description of \(code)"),
            indicators: indicators, children: children, line: node.line)
    }

    private static func decodeIndicator(_ node: Yams.Node, reader: inout YAMLReader) -> FrameworkIndicator? {
        guard let entries = reader.mapping(
            node, allowed: ["code", "name", "unit", "baseline", "targets", "references"], what: "an indicator")
        else { return nil }
        guard let code = reader.required(entries, "code", in: "an indicator", at: node) else { return nil }
        let name = reader.localized(entries["name"], what: "name of indicator \(code)")
        let baseline = entries["baseline"].flatMap { decodePoint($0, reader: &reader) }
        let targets = reader.sequence(entries["targets"], what: "targets").compactMap { decodePoint($0, reader: &reader) }
        let references = reader.sequence(entries["references"], what: "references").compactMap { decodeReference($0, reader: &reader) }
        return FrameworkIndicator(
            code: code, name: name, unit: reader.string(entries["unit"], what: "unit"),
            baseline: baseline, targets: targets, references: references, line: node.line)
    }

    private static func decodePoint(_ node: Yams.Node, reader: inout YAMLReader) -> IndicatorPoint? {
        guard let entries = reader.mapping(node, allowed: ["year", "value", "note"], what: "a baseline or target") else { return nil }
        return IndicatorPoint(
            year: reader.string(entries["year"], what: "year"), value: reader.string(entries["value"], what: "value"),
            note: reader.localized(entries["note"], what: "note"))
    }

    static func decodeReference(_ node: Yams.Node, reader: inout YAMLReader) -> CodeReference? {
        if case .scalar = node {
            return reader.string(node, what: "a code").map { CodeReference(code: $0) }
        }
        guard let entries = reader.mapping(node, allowed: ["vocabulary", "code"], what: "a code reference") else { return nil }
        guard let code = reader.required(entries, "code", in: "a code reference", at: node) else { return nil }
        return CodeReference(vocabulary: reader.string(entries["vocabulary"], what: "vocabulary"), code: code)
    }
}

extension FrameworkNode.Level {
    /// The level of this level's children.
    var childLevel: FrameworkNode.Level? {
        switch self {
        case .priority: .outcome
        case .outcome: .output
        case .output: nil
        }
    }
}
