import IATI
import LibXML

/// The `details` member of a finding in the JSON report, written when details are asked for
/// (`iatix validate --format json --details`, `details=true` on `/api/pub/validate`), in the
/// shape the official validator's `details=true` gives:
///
/// - a rule's finding: `ruleName`, `xpathContext` (`xpath`, `lineNumber`, `columnNumber` of
///   the element the rule ran on), `caseContext` (`paths`: the nodes the finding is about, each
///   with `xpath`, `name`, `value`, `lineNumber`, `columnNumber`; the dates `less`, `more`,
///   `date`, `start`, `end` it compared, with `parsedDate`) and `failContext` (the elements a
///   `oneOrAll` case found at fault). iatix gives one finding per element at fault, so its
///   `paths` hold that element's nodes, not every node the case selected.
/// - a codelist finding: `xpath` and `codelist`.
/// - a structure finding (`0.3.1`, merged per message): one `{"error": …}` per place, with
///   `message`, `line` and `column`.
/// - a file that is not well-formed: `line` and `column`.
enum JSONDetails {
    /// The `details` value of a finding (merged with `positions` for a structure finding);
    /// `nil` for findings the official validator gives none for.
    static func value(of finding: Finding, positions: [SourcePosition]) -> JSONValue? {
        if let details = finding.ruleDetails { return rule(finding, details) }
        if let codelist = finding.codelist {
            return .object([("xpath", .string(finding.location)), ("codelist", .string(codelist))])
        }
        switch finding.ruleID {
        case RuleID.structure:
            return .array(positions.map { position in
                .object([("error", .object([("message", .string(finding.message))] + place(position, "line", "column")))])
            })
        case RuleID.notWellFormed:
            return .object(place(finding.position, "line", "column"))
        default:
            return nil
        }
    }

    private static func rule(_ finding: Finding, _ details: RuleDetails) -> JSONValue {
        let context = finding.contextElement?.position ?? .unknown
        let xpathContext: JSONValue = .object([("xpath", .string(finding.location))] + place(context, "lineNumber", "columnNumber"))
        var caseContext: [(key: String, value: JSONValue)] = []
        let paths = details.nodes.filter { $0.role == .paths }
        if !paths.isEmpty { caseContext.append(("paths", .array(paths.map(pathValue)))) }
        for node in details.nodes where ![.paths, .failure].contains(node.role) {
            caseContext.append((node.role.rawValue, dateValue(node)))
        }
        let failures = details.nodes.filter { $0.role == .failure }.map { node -> JSONValue in
            .object([("element", .string(node.name)), ("value", .string(node.value))] + place(node.position, "lineNumber", "columnNumber"))
        }
        return .object([
            ("ruleName", .string(details.ruleName)), ("xpathContext", xpathContext),
            ("caseContext", .object(caseContext)), ("failContext", .array(failures)),
        ])
    }

    private static func pathValue(_ node: RuleNode) -> JSONValue {
        .object(
            [("xpath", .string(node.xpath)), ("name", .string(node.name)), ("value", .string(node.value))]
                + place(node.position, "lineNumber", "columnNumber"))
    }

    /// A date as the official `parseDate` gives it: its time as JavaScript prints it, and where
    /// it is; with the expression and the value as written.
    private static func dateValue(_ node: RuleNode) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("xpath", .string(node.xpath)), ("value", .string(node.value))]
        if let time = JSCompat.date(node.value) { members.append(("parsedDate", .string(JSCompat.isoString(time)))) }
        return .object(members + place(node.position, "lineNumber", "columnNumber"))
    }

    /// The known parts of `position` under the given keys.
    private static func place(_ position: SourcePosition, _ lineKey: String, _ columnKey: String) -> [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        if position.line > 0 { members.append((lineKey, .int(position.line))) }
        if position.column > 0 { members.append((columnKey, .int(position.column))) }
        return members
    }
}
