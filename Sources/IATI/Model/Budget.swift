public import LibXML

/// A budget for a period (`budget`).
public struct Budget: Sendable, Hashable {
    /// BudgetType code: 1 original, 2 revised; absent means 1.
    public var type: String?
    /// BudgetStatus code: 1 indicative, 2 committed; absent means 1.
    public var status: String?
    public var periodStart: IATIDate?
    public var periodEnd: IATIDate?
    public var value: MonetaryValue?
    /// Line of the element in the input.
    public var line: Int

    /// Decodes a `budget` element.
    public init(node: Node, context: DecodingContext) {
        type = node.value("type")
        status = node.value("status")
        periodStart = node.date(of: "period-start")
        periodEnd = node.date(of: "period-end")
        value = node.child("value").map { MonetaryValue(node: $0, context: context) }
        line = node.line
    }
}
