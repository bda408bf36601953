/// A budget for a period (`budget`).
public struct Budget: Sendable, Hashable {
    /// The `budget` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// BudgetType code: 1 original, 2 revised; absent means 1.
    public var type: String? { element.value("type") }
    /// BudgetStatus code: 1 indicative, 2 committed; absent means 1.
    public var status: String? { element.value("status") }
    public var periodStart: IATIDate? { element.date(of: "period-start") }
    public var periodEnd: IATIDate? { element.date(of: "period-end") }
    public var value: MonetaryValue? { element.child("value").map { MonetaryValue(element: $0, context: context) } }
    /// Line of the element in the input.
    public var line: Int { element.line }
}
