import LibXML

/// The namespace in which an upgrade keeps what 2.03 no longer has (`iati-activity/@version`,
/// `other-identifier/@owner-name`, `location/coordinates/@precision`, text of elements that
/// lost their text, ...), so that nothing of the input is lost and the output stays valid:
/// the 2.03 schema accepts elements and attributes of other namespaces almost everywhere.
public enum LegacyNamespace {
    /// The namespace URI.
    public static let uri = "https://iatix.example/ns/legacy"
    /// The prefix iatix writes for it.
    public static let prefix = "iatix"
    /// The local name under which an element's former text is kept.
    public static let textName = "text"

    /// `node` and every element below it in no namespace moved into the legacy namespace;
    /// attributes stay as they are (unqualified attributes of a foreign element are its own).
    static func moved(_ node: Node) -> Node {
        var copy = node
        if copy.namespace == nil {
            copy.namespace = uri
            copy.prefix = prefix
        }
        copy.children = node.children.map(moved)
        return copy
    }

    /// An attribute in the legacy namespace.
    static func attribute(_ name: String, value: String) -> Attribute {
        Attribute(name: name, namespace: uri, prefix: prefix, value: value)
    }

    /// An element in the legacy namespace holding `text`.
    static func element(_ name: String, text: String, line: Int) -> Node {
        Node(name: name, namespace: uri, prefix: prefix, text: text, line: line)
    }
}
