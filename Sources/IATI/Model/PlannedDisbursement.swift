/// A disbursement planned for a period (`planned-disbursement`).
public struct PlannedDisbursement: Sendable, Hashable {
    /// The `planned-disbursement` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// BudgetType code: 1 original, 2 revised.
    public var type: String? { element.value("type") }
    public var periodStart: IATIDate? { element.date(of: "period-start") }
    public var periodEnd: IATIDate? { element.date(of: "period-end") }
    public var value: MonetaryValue? { element.child("value").map { MonetaryValue(element: $0, context: context) } }
    public var provider: OrganisationReference? { element.child("provider-org").map { OrganisationReference(element: $0, context: context) } }
    public var receiver: OrganisationReference? { element.child("receiver-org").map { OrganisationReference(element: $0, context: context) } }
    /// Line of the element in the input.
    public var line: Int { element.line }
}
