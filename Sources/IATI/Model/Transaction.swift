public import LibXML

/// A financial transaction (`transaction`): a commitment, disbursement, expenditure, ...
public struct Transaction: Sendable, Hashable {
    public var ref: String?
    /// `humanitarian` as written (`xsd:boolean`).
    public var humanitarian: String?
    /// TransactionType code (`transaction-type/@code`): 1 incoming funds, 2 outgoing
    /// commitment, 3 disbursement, 4 expenditure, 11 incoming commitment, ...
    public var type: String?
    /// `transaction-date/@iso-date`.
    public var date: IATIDate?
    public var value: MonetaryValue?
    public var description: [Narrative]
    public var provider: OrganisationReference?
    public var receiver: OrganisationReference?
    /// DisbursementChannel code.
    public var disbursementChannel: String?
    public var sectors: [Sector]
    public var recipientCountry: RecipientCountry?
    public var recipientRegion: RecipientRegion?
    /// FlowType code stated on the transaction (see ``Activity/defaultFlowType``).
    public var flowType: String?
    public var financeType: String?
    public var aidTypes: [AidType]
    public var tiedStatus: String?
    /// Line of the element in the input.
    public var line: Int

    /// Decodes a `transaction` element.
    public init(node: Node, context: DecodingContext) {
        ref = node.value("ref")
        humanitarian = node.value("humanitarian")
        type = node.code(of: "transaction-type")
        date = node.date(of: "transaction-date")
        value = node.child("value").map { MonetaryValue(node: $0, context: context) }
        description = node.narratives(of: "description", context)
        provider = node.child("provider-org").map { OrganisationReference(node: $0, context: context) }
        receiver = node.child("receiver-org").map { OrganisationReference(node: $0, context: context) }
        disbursementChannel = node.code(of: "disbursement-channel")
        sectors = node.children(named: "sector").map { Sector(node: $0, context: context) }
        recipientCountry = node.child("recipient-country").map { RecipientCountry(node: $0, context: context) }
        recipientRegion = node.child("recipient-region").map { RecipientRegion(node: $0, context: context) }
        flowType = node.code(of: "flow-type")
        financeType = node.code(of: "finance-type")
        aidTypes = node.children(named: "aid-type").map(AidType.init(node:))
        tiedStatus = node.code(of: "tied-status")
        line = node.line
    }

    /// `humanitarian` as a boolean, `nil` when absent or not an `xsd:boolean`.
    public var isHumanitarian: Bool? { XSDBoolean.parse(humanitarian) }
}
