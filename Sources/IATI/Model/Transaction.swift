/// A financial transaction (`transaction`): a commitment, disbursement, expenditure, ...
public struct Transaction: Sendable, Hashable {
    /// The `transaction` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    public var ref: String? { element.value("ref") }
    /// `humanitarian` as written (`xsd:boolean`).
    public var humanitarian: String? { element.value("humanitarian") }
    /// TransactionType code (`transaction-type/@code`): 1 incoming funds, 2 outgoing
    /// commitment, 3 disbursement, 4 expenditure, 11 incoming commitment, ...
    public var type: String? { element.code(of: "transaction-type") }
    /// `transaction-date/@iso-date`.
    public var date: IATIDate? { element.date(of: "transaction-date") }
    public var value: MonetaryValue? { element.child("value").map { MonetaryValue(element: $0, context: context) } }
    public var description: [Narrative] { element.narratives(of: "description", context) }
    public var provider: OrganisationReference? { element.child("provider-org").map { OrganisationReference(element: $0, context: context) } }
    public var receiver: OrganisationReference? { element.child("receiver-org").map { OrganisationReference(element: $0, context: context) } }
    /// DisbursementChannel code.
    public var disbursementChannel: String? { element.code(of: "disbursement-channel") }
    public var sectors: [Sector] { element.children(named: "sector").map { Sector(element: $0, context: context) } }
    public var recipientCountry: RecipientCountry? { element.child("recipient-country").map { RecipientCountry(element: $0, context: context) } }
    public var recipientRegion: RecipientRegion? { element.child("recipient-region").map { RecipientRegion(element: $0, context: context) } }
    /// FlowType code stated on the transaction (see ``Activity/defaultFlowType``).
    public var flowType: String? { element.code(of: "flow-type") }
    public var financeType: String? { element.code(of: "finance-type") }
    public var aidTypes: [AidType] { element.children(named: "aid-type").map(AidType.init(element:)) }
    public var tiedStatus: String? { element.code(of: "tied-status") }
    /// Line of the element in the input.
    public var line: Int { element.line }

    /// `humanitarian` as a boolean, `nil` when absent or not an `xsd:boolean`.
    public var isHumanitarian: Bool? { XSDBoolean.parse(humanitarian) }
}
