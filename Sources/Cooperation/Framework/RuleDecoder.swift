import Foundation
import IATI
internal import Yams

extension FrameworkDecoder {
    /// Keys of a rule that are conditions, with how to read each.
    static let conditionKeys = [
        "identifiers", "identifier-suffixes", "tags", "result-references", "indicator-references", "sectors",
        "sdg-goals", "sdg-targets", "participating-orgs", "recipient-countries", "keywords",
    ]

    static func decodeRule(_ node: Yams.Node, reader: inout YAMLReader) -> MappingRule? {
        let allowed = ["id", "target", "share", "confidence", "note"] + conditionKeys
        guard let entries = reader.mapping(node, allowed: allowed, what: "a rule") else { return nil }
        let id = reader.required(entries, "id", in: "a rule", at: node)
        let what = "rule \(id ?? "")"
        let target = reader.required(entries, "target", in: what, at: node)
        var share: Decimal?
        if let shareNode = entries["share"], let text = reader.string(shareNode, what: "share") {
            let value = DecimalValue(text: text.hasSuffix("%") ? String(text.dropLast()) : text).value
            if let value, value > 0, value <= 100 {
                share = value
            } else {
                reader.problem("share of \(what) must be a percentage above 0 and at most 100, not \"\(text)\"", at: shareNode)
            }
        }
        var confidence: Confidence?
        if let confidenceNode = entries["confidence"], let text = reader.string(confidenceNode, what: "confidence") {
            confidence = Confidence(rawValue: text)
            if confidence == nil {
                reader.problem("confidence of \(what) must be high, medium or low, not \"\(text)\"", at: confidenceNode)
            }
        }
        var conditions: [RuleCondition] = []
        for key in conditionKeys {
            guard let value = entries[key] else { continue }
            if let condition = decodeCondition(key, value, what: what, reader: &reader) {
                conditions.append(condition)
            }
        }
        if conditions.isEmpty {
            reader.problem("\(what) has no condition; give at least one of: \(conditionKeys.joined(separator: ", "))", at: node)
        }
        guard let id, let target, !conditions.isEmpty else { return nil }
        return MappingRule(
            id: id, target: target, share: share, confidence: confidence, conditions: conditions,
            note: reader.string(entries["note"], what: "note"), line: node.line)
    }

    private static func decodeCondition(_ key: String, _ value: Yams.Node, what: String, reader: inout YAMLReader) -> RuleCondition? {
        let label = "\(key) of \(what)"
        func nonEmpty<T>(_ items: [T]) -> [T]? {
            if items.isEmpty { reader.problem("\(label) is empty", at: value) }
            return items.isEmpty ? nil : items
        }
        switch key {
        case "identifiers":
            return nonEmpty(reader.strings(value, what: label)).map(RuleCondition.identifiers)
        case "identifier-suffixes":
            return nonEmpty(reader.strings(value, what: label)).map(RuleCondition.identifierSuffixes)
        case "tags", "result-references", "indicator-references":
            let references = reader.sequence(value, what: label).compactMap { decodeReference($0, reader: &reader) }
            if key == "tags", references.contains(where: { $0.vocabulary == nil }) {
                reader.problem("every tag of \(what) needs its \"vocabulary\" (tag codes mean nothing without it)", at: value)
                return nil
            }
            guard let references = nonEmpty(references) else { return nil }
            switch key {
            case "tags": return .tags(references)
            case "result-references": return .resultReferences(references)
            default: return .indicatorReferences(references)
            }
        case "sectors":
            let codes = reader.strings(value, what: label)
            for code in codes where !(code.count == 5 || code.count == 3) || !code.allSatisfy(\.isASCIIDigit) {
                reader.problem("sector \"\(code)\" in \(what) is not a DAC 5-digit or 3-digit code", at: value)
            }
            return nonEmpty(codes).map(RuleCondition.sectors)
        case "sdg-goals":
            let goals = reader.strings(value, what: label)
            for goal in goals where Int(goal).map({ !(1...17).contains($0) }) ?? true {
                reader.problem("SDG goal \"\(goal)\" in \(what) must be a number from 1 to 17", at: value)
            }
            return nonEmpty(goals).map(RuleCondition.sdgGoals)
        case "sdg-targets":
            let targets = reader.strings(value, what: label)
            for target in targets where !isSDGTarget(target) {
                reader.problem("SDG target \"\(target)\" in \(what) must look like 8.7 or 8.b", at: value)
            }
            return nonEmpty(targets).map(RuleCondition.sdgTargets)
        case "participating-orgs":
            let organisations = reader.sequence(value, what: label).compactMap { item -> OrganisationMatch? in
                if case .scalar = item { return reader.string(item, what: label).map { OrganisationMatch(ref: $0) } }
                guard let entries = reader.mapping(item, allowed: ["ref", "role"], what: "an organisation of \(what)"),
                    let ref = reader.required(entries, "ref", in: "an organisation of \(what)", at: item)
                else { return nil }
                return OrganisationMatch(ref: ref, role: reader.string(entries["role"], what: "role"))
            }
            return nonEmpty(organisations).map(RuleCondition.participatingOrgs)
        case "recipient-countries":
            return nonEmpty(reader.strings(value, what: label)).map(RuleCondition.recipientCountries)
        case "keywords":
            guard let entries = reader.mapping(value, allowed: ["en", "vi"], what: label) else { return nil }
            let english = reader.strings(entries["en"], what: "en \(label)")
            let vietnamese = reader.strings(entries["vi"], what: "vi \(label)")
            for phrase in english + vietnamese where TextFolding.words(phrase).isEmpty {
                reader.problem("keyword \"\(phrase)\" in \(what) has no letters or digits", at: value)
            }
            guard nonEmpty(english + vietnamese) != nil else { return nil }
            return .keywords(en: english, vi: vietnamese)
        default:
            return nil
        }
    }

    private static func isSDGTarget(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let goal = Int(parts[0]), (1...17).contains(goal) else { return false }
        let target = parts[1]
        return !target.isEmpty && target.count <= 2 && target.allSatisfy { $0.isASCII && ($0.isNumber || $0.isLetter) }
    }
}

extension Character {
    /// An ASCII digit 0–9.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
