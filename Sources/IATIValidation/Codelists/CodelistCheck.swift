import Foundation
import IATI
import LibXML

/// One codelist an attribute (or an element's text) is checked against, with the condition
/// under which it applies and the rule a failure reports.
///
/// Severity: the official validator reports every codelist failure as an `error`, whether
/// the codelist is embedded (part of the schema version) or not (maintained outside it);
/// `data-quality-rules.csv` lists all its codelist rules as Error. Withdrawn codes are still
/// codes there, and here.
final class CodelistCheck: Sendable {
    /// When the mapping applies, from its `condition` in `mapping.xml`.
    enum Condition: Sendable, Hashable {
        case always
        /// `@name = 'value'`, or with `orMissing` `@name = 'value' or not(@name)`.
        case attribute(String, equals: String, orMissing: Bool)
        /// `../@name = 'value'`: an attribute of the parent element.
        case parentAttribute(String, equals: String)
        /// A condition this checker cannot read: the check is not made.
        case unsupported(String)

        init(_ text: String?) {
            guard let text else {
                self = .always
                return
            }
            let parts = text.components(separatedBy: " or ")
            guard let first = parts.first, let (name, value, parent) = Condition.equality(first) else {
                self = .unsupported(text)
                return
            }
            if parent {
                self = parts.count == 1 ? .parentAttribute(name, equals: value) : .unsupported(text)
            } else if parts.count == 1 {
                self = .attribute(name, equals: value, orMissing: false)
            } else if parts.count == 2, parts[1].trimmingCharacters(in: .whitespaces) == "not(@\(name))" {
                self = .attribute(name, equals: value, orMissing: true)
            } else {
                self = .unsupported(text)
            }
        }

        /// `@name = 'value'` or `../@name = 'value'`.
        private static func equality(_ text: String) -> (String, String, Bool)? {
            var rest = Substring(text.trimmingCharacters(in: .whitespaces))
            var parent = false
            if rest.hasPrefix("../") {
                parent = true
                rest = rest.dropFirst(3)
            }
            guard rest.hasPrefix("@") else { return nil }
            let sides = rest.dropFirst().components(separatedBy: "=")
            guard sides.count == 2 else { return nil }
            let name = sides[0].trimmingCharacters(in: .whitespaces)
            let quoted = sides[1].trimmingCharacters(in: .whitespaces)
            guard quoted.count >= 2, quoted.hasPrefix("'"), quoted.hasSuffix("'") else { return nil }
            return (name, String(quoted.dropFirst().dropLast()), parent)
        }

        /// Whether the condition holds for an element with these attributes.
        func holds(_ attributes: [Attribute], parent: [Attribute]) -> Bool {
            switch self {
            case .always:
                return true
            case .attribute(let name, let value, let orMissing):
                // As the official validator: an empty vocabulary counts as none.
                guard let actual = attributes.first(where: { $0.name == name && $0.namespace == nil })?.value, !actual.isEmpty else {
                    return orMissing
                }
                return actual == value
            case .parentAttribute(let name, let value):
                return parent.first { $0.name == name && $0.namespace == nil }?.value == value
            case .unsupported:
                return false
            }
        }

        /// `@vocabulary = 2`, for the finding's context.
        var summary: String? {
            switch self {
            case .always, .unsupported: nil
            case .attribute(let name, let value, _): "@\(name) = \(value)"
            case .parentAttribute(let name, let value): "../@\(name) = \(value)"
            }
        }
    }

    let codelist: Codelist
    let condition: Condition
    let ruleID: String
    let category: Category
    let isEmbedded: Bool

    init(codelist: Codelist, condition: Condition, ruleID: String, category: Category, isEmbedded: Bool) {
        self.codelist = codelist
        self.condition = condition
        self.ruleID = ruleID
        self.category = category
        self.isEmbedded = isEmbedded
    }

    /// The severity of a failure in an embedded codelist (official: error).
    static let embeddedSeverity = Severity.error
    /// The severity of a failure in a non-embedded codelist (official: error as well).
    static let nonEmbeddedSeverity = Severity.error

    /// The severity of a failure of this check.
    var severity: Severity { isEmbedded ? Self.embeddedSeverity : Self.nonEmbeddedSeverity }

    /// The checks that apply to an attribute (`nil`: the text) of the element at `elementPath`
    /// (names from the root) in `version`.
    static func checks(elementPath: [String], attribute: String?, version: IATIVersion) -> [CodelistCheck] {
        var result: [CodelistCheck] = []
        for mapping in Codelists.mappings(elementPath: elementPath, attribute: attribute) {
            guard let list = Codelists.named(mapping.codelist),
                let rule = CodelistRuleTable.rule(path: mapping.path, condition: mapping.condition)
            else { continue }
            result.append(CodelistCheck(
                codelist: list, condition: Condition(mapping.condition), ruleID: rule.id,
                category: rule.category, isEmbedded: list.isEmbedded))
        }
        if version < .v2_03 {
            for extra in CodelistRuleTable.before203 {
                let mapping = CodelistMapping(path: extra.path, codelist: extra.codelist, condition: extra.condition)
                guard mapping.matches(elementPath: elementPath, attribute: attribute), let list = Codelists.named(extra.codelist) else { continue }
                result.append(CodelistCheck(
                    codelist: list, condition: Condition(extra.condition), ruleID: extra.entry.id,
                    category: extra.entry.category, isEmbedded: list.isEmbedded))
            }
        }
        return result
    }
}

extension String {
    /// The value without the XML white space around it.
    var trimmedXML: Substring {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { !XMLSpace.contains($0) }), let last = utf8.lastIndex(where: { !XMLSpace.contains($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}

/// The XML white space characters.
enum XMLSpace {
    @inline(__always) static func contains(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Whether `text` holds anything but white space.
    static func hasContent(_ text: String) -> Bool {
        text.utf8.contains { !contains($0) }
    }
}
