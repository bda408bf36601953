import IATI
import LibXML

/// Which records of a file are read as 1.0x, and their content upgraded to 2.03 for checking:
/// the same decision and the same upgrade as `iatix convert` (``Upgrader``, which asks
/// ``VersionDetector``), so that a 1.0x record is checked alike whether its version was
/// declared, missing, not an IATI version or contradicted by the content.
///
/// Only files that do not declare a 2.x version are looked into: their records are copied to
/// be decided. A record of a file declaring 2.x is read as 2.x (``detects`` is `false`).
struct RecordVersioning {
    /// The root's `version`, sorted.
    let declared: DeclaredVersion
    /// The root's attributes as `convert` writes them (`version="2.03"`, empty attributes that
    /// 2.03 rejects dropped): what the root is checked with once its records are read as 1.0x.
    let upgradedRootAttributes: [Attribute]
    private let upgrader: Upgrader
    private let recordSpec: ElementSpec
    private let language: String?

    /// The versioning of the file whose root is `root`; `nil` when the catalogue does not know
    /// the root.
    init?(root: ElementStart, declared: DeclaredVersion) {
        guard let rootSpec = Catalogue.spec(forRoot: root.name), let recordSpec = rootSpec.children.first?.element else { return nil }
        var upgrade = DocumentUpgrade(file: "")
        var node = Node(name: root.name, attributes: root.attributes, line: root.line)
        let language = Upgrader.language(ofRoot: node)
        upgrade.upgrade(root: &node, spec: rootSpec)
        self.declared = declared
        self.upgradedRootAttributes = node.attributes
        self.upgrader = Upgrader(fileVersion: upgrade.declaredVersion, fileLanguage: language)
        self.recordSpec = recordSpec
        self.language = language
    }

    /// Whether records are decided one by one (the file declares no 2.x version).
    var detects: Bool {
        if case .supported = declared { return false }
        return true
    }

    /// A record read as 1.0x: upgraded to 2.03 and in canonical order (1.0x had no order),
    /// lines kept, with the decision that read it so; `nil` when the record is read as 2.x and
    /// is checked as written.
    /// - Parameter record: the record as read.
    func upgraded(_ record: Node) -> (record: Node, decision: VersionDecision)? {
        let (upgraded, log) = upgrader.upgrade(record, spec: recordSpec)
        guard log.decision.version.isVersion1 else { return nil }
        var notices = NoticeLog()
        return (Canonicaliser().canonical(upgraded, spec: recordSpec, inherited: .init(language: language), log: &notices), log.decision)
    }
}
