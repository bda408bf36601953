public import LibXML

/// The ruleset's findings on a whole file, element by element, as the official validator
/// checks a file: each `iati-activity` (or `iati-organisation`) on its own, inside a copy of the
/// file's root element.
public struct RuleFileResult: Sendable, Hashable {
    /// One activity or organisation and its findings.
    public struct Element: Sendable, Hashable {
        /// The identifier as the official validator reports it: the `iati-identifier` (or
        /// `organisation-identifier`) text, `noIdentifier` when empty or missing, with a suffix
        /// such as `(2)` on a repeat.
        public var identifier: String
        /// The line of the element's start tag.
        public var line: Int
        /// The failed cases, in ruleset order.
        public var findings: [RuleFinding]
    }

    /// An identifier met again (the official validator's file-level error 1.1.2).
    public struct DuplicateIdentifier: Sendable, Hashable {
        /// The repeated identifier (`noIdentifier` for elements without one, as officially).
        public var identifier: String
        /// The line of the repeating element.
        public var line: Int
        /// Which occurrence this is (2 for the first repeat).
        public var occurrence: Int
    }

    /// The root element's name (`iati-activities`, `iati-organisations`); `nil` for a file
    /// without elements.
    public var rootName: String?
    /// Every activity or organisation, in file order.
    public var elements: [Element]
    /// Identifiers used more than once, at each repeat.
    public var duplicateIdentifiers: [DuplicateIdentifier]

    /// All findings, element by element.
    public var findings: [RuleFinding] { elements.flatMap(\.findings) }
}

extension RuleEngine {
    /// Evaluates the ruleset on each activity (or organisation) of an IATI file, streaming: one
    /// element in memory at a time.
    ///
    /// The file's root decides the elements: `iati-activity` under `iati-activities`,
    /// `iati-organisation` under `iati-organisations`; another root gives no elements.
    /// - Parameters:
    ///   - path: the file (`-` for standard input; gzip is read too).
    ///   - parseOptions: how the XML is read.
    /// - Throws: an ``XMLError`` when the file cannot be read or is not well-formed; a
    ///   ``RulesetError`` when an expression of the ruleset fails on the data.
    public func evaluate(file path: String, parseOptions: ParseOptions = .default) throws -> RuleFileResult {
        let reader = try XMLReader(path: path, options: parseOptions)
        var result = RuleFileResult(rootName: nil, elements: [], duplicateIdentifiers: [])
        var rootNode = Node(name: "iati-activities")
        var childName: String?
        var identifierName = ""
        var seen: [String: Int] = [:]
        let copier = XMLNodeCopier()
        while let start = try reader.nextElement() {
            if start.depth == 0 {
                rootNode = Node(
                    name: start.name, namespace: start.namespace, prefix: start.prefix, attributes: start.attributes,
                    line: start.line)
                result.rootName = start.name
                switch start.name {
                case "iati-activities":
                    childName = "iati-activity"
                    identifierName = "iati-identifier"
                case "iati-organisations":
                    childName = "iati-organisation"
                    identifierName = "organisation-identifier"
                default:
                    return result
                }
                continue
            }
            guard start.depth == 1, start.name == childName else { continue }
            // Evaluated in place, as the validator does, and read in place for its identifier.
            let record = try reader.detach()
            let identifierElement = record.element(using: copier).children.first {
                $0.name == identifierName && $0.namespace == nil
            }
            var identifier = identifierElement.map(Self.stringValue) ?? ""
            if identifier.isEmpty { identifier = "noIdentifier" }
            let count = (seen[identifier] ?? 0) + 1
            seen[identifier] = count
            if count > 1 {
                result.duplicateIdentifiers.append(
                    RuleFileResult.DuplicateIdentifier(identifier: identifier, line: record.line, occurrence: count))
                identifier += "(\(count))"
            }
            let findings = try evaluate(record: record, root: rootNode)
            result.elements.append(
                RuleFileResult.Element(identifier: identifier, line: record.line, findings: findings))
        }
        return result
    }

    /// An element's XPath string-value: its text, then its children's, depth first.
    static func stringValue<Element: CheckedElement>(_ element: Element) -> String {
        element.children.reduce(element.text) { $0 + stringValue($1) }
    }
}
