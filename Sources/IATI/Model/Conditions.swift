/// Conditions attached to the activity (`conditions`).
public struct Conditions: Sendable, Hashable {
    /// The `conditions` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// `attached` as written (`xsd:boolean`).
    public var attached: String? { element.value("attached") }
    public var items: [Condition] { element.children(named: "condition").map { Condition(element: $0, context: context) } }

    /// `attached` as a boolean, `nil` when absent or not an `xsd:boolean`.
    public var isAttached: Bool? { XSDBoolean.parse(attached) }
}

/// One condition (`condition`).
public struct Condition: Sendable, Hashable {
    /// The `condition` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// ConditionType code: 1 policy, 2 performance, 3 fiduciary.
    public var type: String? { element.value("type") }
    public var narratives: [Narrative] { element.narratives(context) }
}
