public import LibXML

/// Conditions attached to the activity (`conditions`).
public struct Conditions: Sendable, Hashable {
    /// `attached` as written (`xsd:boolean`).
    public var attached: String?
    public var items: [Condition]

    /// Decodes a `conditions` element.
    public init(node: Node, context: DecodingContext) {
        attached = node.value("attached")
        items = node.children(named: "condition").map { Condition(node: $0, context: context) }
    }

    /// `attached` as a boolean, `nil` when absent or not an `xsd:boolean`.
    public var isAttached: Bool? { XSDBoolean.parse(attached) }
}

/// One condition (`condition`).
public struct Condition: Sendable, Hashable {
    /// ConditionType code: 1 policy, 2 performance, 3 fiduciary.
    public var type: String?
    public var narratives: [Narrative]

    /// Decodes a `condition` element.
    public init(node: Node, context: DecodingContext) {
        type = node.value("type")
        narratives = node.narratives(context)
    }
}
