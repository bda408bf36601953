/// An expanded element: its name, attributes, element children and text, copied out of
/// libxml2 into Swift values.
public struct Node: Sendable, Hashable {
    /// Local name, without prefix.
    public var name: String
    /// Namespace URI, `nil` for no namespace.
    public var namespace: String?
    /// The prefix the input used, kept so output can reuse it.
    public var prefix: String?
    public var attributes: [Attribute]
    public var children: [Node]
    /// The element's own character data (text and CDATA children joined), untrimmed.
    public var text: String
    /// Line of the start tag in the input, 0 when the node was built in code.
    public var line: Int
    /// Column of the start tag's `<` on ``line``, 0 when unknown: only a record copied with its
    /// positions (``XMLSubtree/node(using:positions:)``) has them.
    public var column: Int

    public init(
        name: String, namespace: String? = nil, prefix: String? = nil,
        attributes: [Attribute] = [], children: [Node] = [], text: String = "", line: Int = 0, column: Int = 0
    ) {
        self.name = name
        self.namespace = namespace
        self.prefix = prefix
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
        self.column = column
    }

    /// Where the start tag's `<` is: ``line`` and ``column``.
    public var position: SourcePosition { SourcePosition(line: line, column: column) }

    /// The value of the attribute with this local name and namespace.
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        attributes.first { $0.name == name && $0.namespace == namespace }?.value
    }

    /// Element children with this local name and namespace.
    public func children(named name: String, namespace: String? = nil) -> [Node] {
        children.filter { $0.name == name && $0.namespace == namespace }
    }

    /// The first element child with this local name and namespace.
    public func child(_ name: String, namespace: String? = nil) -> Node? {
        children.first { $0.name == name && $0.namespace == namespace }
    }

    /// `prefix:name`, or the local name when there is no prefix.
    public var qualifiedName: String {
        if let prefix, !prefix.isEmpty { return "\(prefix):\(name)" }
        return name
    }
}

/// An attribute of a ``Node``.
public struct Attribute: Sendable, Hashable {
    public var name: String
    public var namespace: String?
    public var prefix: String?
    public var value: String
    /// Where the attribute's name starts in the input; unknown unless the attribute was read
    /// with positions (a root start tag, a record copied with its positions).
    public var position: SourcePosition

    public init(name: String, namespace: String? = nil, prefix: String? = nil, value: String, position: SourcePosition = .unknown) {
        self.name = name
        self.namespace = namespace
        self.prefix = prefix
        self.value = value
        self.position = position
    }

    public var qualifiedName: String {
        if let prefix, !prefix.isEmpty { return "\(prefix):\(name)" }
        return name
    }
}

/// Namespace URIs the XML specification reserves.
public enum XMLNamespace {
    /// The `xml:` prefix (`xml:lang`, `xml:space`).
    public static let xml = "http://www.w3.org/XML/1998/namespace"
    public static let xmlns = "http://www.w3.org/2000/xmlns/"
}
