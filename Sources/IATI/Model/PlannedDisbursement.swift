public import LibXML

/// A disbursement planned for a period (`planned-disbursement`).
public struct PlannedDisbursement: Sendable, Hashable {
    /// BudgetType code: 1 original, 2 revised.
    public var type: String?
    public var periodStart: IATIDate?
    public var periodEnd: IATIDate?
    public var value: MonetaryValue?
    public var provider: OrganisationReference?
    public var receiver: OrganisationReference?
    /// Line of the element in the input.
    public var line: Int

    /// Decodes a `planned-disbursement` element.
    public init(node: Node, context: DecodingContext) {
        type = node.value("type")
        periodStart = node.date(of: "period-start")
        periodEnd = node.date(of: "period-end")
        value = node.child("value").map { MonetaryValue(node: $0, context: context) }
        provider = node.child("provider-org").map { OrganisationReference(node: $0, context: context) }
        receiver = node.child("receiver-org").map { OrganisationReference(node: $0, context: context) }
        line = node.line
    }
}
