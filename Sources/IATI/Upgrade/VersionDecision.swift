public import LibXML

/// Which version a record is read as, and why when that is not what the file says.
public struct VersionDecision: Sendable, Hashable {
    /// The declaration that applies: the record's own `@version` (1.0x), else the root's;
    /// trimmed, `nil` when neither declares one.
    public var declared: String?
    /// Whether ``declared`` is the record's own `@version` rather than the root's.
    public var isDeclaredByRecord: Bool
    /// The version the record's content is read as.
    public var version: IATIVersion
    /// Why `version` is not the declared one (missing, unknown, contradicted by the content);
    /// `nil` when the declaration is used as it is.
    public var reason: String?

    /// Makes a decision.
    public init(declared: String?, isDeclaredByRecord: Bool = false, version: IATIVersion, reason: String? = nil) {
        self.declared = declared
        self.isDeclaredByRecord = isDeclaredByRecord
        self.version = version
        self.reason = reason
    }

    /// Whether the version was assumed rather than taken from the declaration.
    public var isAssumed: Bool { reason != nil }
}

/// Decides which version a record is written in, from its declarations and, when they are
/// missing, unknown or wrong, from what the content shows: `narrative` elements only exist
/// in 2.x; text directly inside elements that 2.x gives narratives, textual codes
/// (`start-planned`, `Funding`, transaction type `D`) and 1.0x-only elements
/// (`activity-website`, `location/coordinates`, ...) only in 1.0x.
public enum VersionDetector {
    /// What a record shows about its version: descriptions of the first few telling places.
    public struct Evidence: Sendable, Hashable {
        /// 1.0x content, e.g. `text directly in iati-activity/title`.
        public var version1: [String] = []
        /// 2.x content, e.g. `narrative in iati-activity/title`.
        public var version2: [String] = []

        /// Makes evidence.
        public init(version1: [String] = [], version2: [String] = []) {
            self.version1 = version1
            self.version2 = version2
        }
    }

    /// How many places of each kind are collected before the walk stops looking.
    static let evidenceLimit = 3

    /// The version of `record` (an `iati-activity` or `iati-organisation` as read), given what
    /// the root declares.
    public static func decide(fileDeclared: String?, record: Node, spec: ElementSpec) -> VersionDecision {
        let recordDeclared = record.attribute("version").map { String(Lexical.trimmed($0)) }.flatMap { $0.isEmpty ? nil : $0 }
        let fileText = fileDeclared.map { String(Lexical.trimmed($0)) }.flatMap { $0.isEmpty ? nil : $0 }
        // A record's own version counts when it names a 1.0x version (the only versions that had one).
        let recordVersion = recordDeclared.flatMap(IATIVersion.init(declared:)).flatMap { $0.isVersion1 ? $0 : nil }
        let declared = recordVersion != nil ? recordDeclared : fileText
        let byRecord = recordVersion != nil
        // A valid 2.x declaration can only be contradicted by 1.0x content: 2.x evidence is not needed.
        let declaredVersion2 = declared.flatMap(IATIVersion.init(declared:)).map { !$0.isVersion1 } ?? false
        let evidence = evidence(in: record, spec: spec, collectingVersion2: !declaredVersion2)
        let subject = spec.name == "iati-organisation" ? "this organisation" : "this activity"

        if let declared, let version = IATIVersion(declared: declared) {
            if !version.isVersion1, let marker = evidence.version1.first {
                return VersionDecision(
                    declared: declared, isDeclaredByRecord: byRecord, version: IATIVersion.latestVersion1,
                    reason: "version \(declared) is declared but \(subject) has 1.0x content (\(marker)); read with the 1.0x rules as \(IATIVersion.latestVersion1)")
            }
            if version.isVersion1, evidence.version1.isEmpty, let marker = evidence.version2.first {
                return VersionDecision(
                    declared: declared, isDeclaredByRecord: byRecord, version: .current,
                    reason: "version \(declared) is declared but \(subject) has 2.x content (\(marker)) and nothing of 1.0x; read as \(IATIVersion.current), which includes 2.01 and 2.02")
            }
            return VersionDecision(declared: declared, isDeclaredByRecord: byRecord, version: version)
        }
        let why = declared.map { "the declared version \"\($0)\" is not an IATI version" } ?? "no version is declared"
        if let marker = evidence.version1.first {
            return VersionDecision(
                declared: declared, isDeclaredByRecord: byRecord, version: IATIVersion.latestVersion1,
                reason: "\(why); \(subject) has 1.0x content (\(marker)): read with the 1.0x rules as \(IATIVersion.latestVersion1)")
        }
        if let marker = evidence.version2.first {
            return VersionDecision(
                declared: declared, isDeclaredByRecord: byRecord, version: .current,
                reason: "\(why); \(subject) has 2.x content (\(marker)): read as \(IATIVersion.current), which includes 2.01 and 2.02")
        }
        return VersionDecision(
            declared: declared, isDeclaredByRecord: byRecord, version: .current,
            reason: "\(why) and \(subject) has nothing version-specific: read as \(IATIVersion.current)")
    }

    /// The telling places of `record`, a few of each kind.
    /// - Parameter collectingVersion2: `false` to look for 1.0x content only (faster).
    public static func evidence(in record: Node, spec: ElementSpec, collectingVersion2: Bool = true) -> Evidence {
        var evidence = Evidence()
        if record.attribute("version") != nil {
            evidence.version1.append("\(record.name)/@version, which only 1.0x has")
        }
        scan(record, spec: spec, path: record.name, version2Limit: collectingVersion2 ? evidenceLimit : 0, into: &evidence)
        return evidence
    }

    private static func scan(_ node: Node, spec: ElementSpec, path: String, version2Limit: Int, into evidence: inout Evidence) {
        var components = [path]
        scan(node, spec: spec, path: &components, version2Limit: version2Limit, into: &evidence)
    }

    /// Walks the record; the path is kept as components and joined only for evidence found.
    private static func scan(_ node: Node, spec: ElementSpec, path: inout [String], version2Limit: Int, into evidence: inout Evidence) {
        if evidence.version1.count >= evidenceLimit && evidence.version2.count >= version2Limit { return }
        if !node.text.isEmpty, spec.child("narrative") != nil, !Lexical.trimmed(node.text).isEmpty, evidence.version1.count < evidenceLimit {
            evidence.version1.append("text directly in \(path.joined(separator: "/"))")
        }
        // The spec's own traits (its name is the node's, but for a record read under another
        // element's spec): three look-ups by name saved on every element.
        let traits = spec.name == node.name ? spec.version1 : Version1Traits(element: node.name)
        let codeMappings = traits.codeMappings
        let oldAttributes = traits.attributes
        if codeMappings != nil || oldAttributes != nil {
            for attribute in node.attributes where attribute.namespace == nil {
                if let mapping = codeMappings?[attribute.name], let code = V1Codes.textualCode(mapping, value: attribute.value),
                    evidence.version1.count < evidenceLimit
                {
                    evidence.version1.append("\(path.joined(separator: "/"))/@\(attribute.name)=\"\(code)\", a 1.0x code")
                }
                if oldAttributes?.contains(attribute.name) == true, evidence.version1.count < evidenceLimit {
                    evidence.version1.append("\(path.joined(separator: "/"))/@\(attribute.name), which only 1.0x has")
                }
            }
        }
        let oldChildren = traits.children
        for child in node.children where child.namespace == nil {
            if child.name == "narrative" {
                if evidence.version2.count < version2Limit { evidence.version2.append("narrative in \(path.joined(separator: "/"))") }
                continue
            }
            if oldChildren?.contains(child.name) == true {
                if evidence.version1.count < evidenceLimit { evidence.version1.append("\(path.joined(separator: "/"))/\(child.name), which only 1.0x has") }
                continue
            }
            if let childSpec = spec.child(child.name)?.element {
                path.append(child.name)
                scan(child, spec: childSpec, path: &path, version2Limit: version2Limit, into: &evidence)
                path.removeLast()
            }
        }
    }
}
