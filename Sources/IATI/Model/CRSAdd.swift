public import LibXML

/// Additional data for the OECD DAC Creditor Reporting System (`crs-add`).
public struct CRSAdd: Sendable, Hashable {
    /// `other-flags`: CRSAddOtherFlags codes with their significance.
    public var otherFlags: [OtherFlag]
    public var loanTerms: LoanTerms?
    public var loanStatuses: [LoanStatus]
    /// `channel-code` text.
    public var channelCode: String?

    /// Decodes a `crs-add` element.
    public init(node: Node, context: DecodingContext) {
        otherFlags = node.children(named: "other-flags").map {
            OtherFlag(code: $0.value("code"), significance: $0.value("significance"))
        }
        loanTerms = node.child("loan-terms").map(LoanTerms.init(node:))
        loanStatuses = node.children(named: "loan-status").map { LoanStatus(node: $0, context: context) }
        channelCode = node.child("channel-code")?.trimmedText
    }

    /// A CRS flag (`other-flags`).
    public struct OtherFlag: Sendable, Hashable {
        public var code: String?
        public var significance: String?
    }

    /// Terms of a loan (`loan-terms`).
    public struct LoanTerms: Sendable, Hashable {
        public var rate1: DecimalValue?
        public var rate2: DecimalValue?
        public var repaymentType: String?
        public var repaymentPlan: String?
        public var commitmentDate: IATIDate?
        public var repaymentFirstDate: IATIDate?
        public var repaymentFinalDate: IATIDate?

        /// Decodes a `loan-terms` element.
        public init(node: Node) {
            rate1 = node.decimal("rate-1")
            rate2 = node.decimal("rate-2")
            repaymentType = node.code(of: "repayment-type")
            repaymentPlan = node.code(of: "repayment-plan")
            commitmentDate = node.date(of: "commitment-date")
            repaymentFirstDate = node.date(of: "repayment-first-date")
            repaymentFinalDate = node.date(of: "repayment-final-date")
        }
    }

    /// The state of a loan in a year (`loan-status`); its amounts share its currency.
    public struct LoanStatus: Sendable, Hashable {
        public var year: String?
        public var interestReceived: MonetaryValue?
        public var principalOutstanding: MonetaryValue?
        public var principalArrears: MonetaryValue?
        public var interestArrears: MonetaryValue?

        /// Decodes a `loan-status` element.
        public init(node: Node, context: DecodingContext) {
            year = node.value("year")
            let stated = node.value("currency")
            let fallback = context.defaultCurrency
            let valueDate = node.value("value-date").map(IATIDate.init(text:))
            func amount(_ name: String) -> MonetaryValue? {
                node.child(name).map {
                    MonetaryValue(
                        text: $0.text, currency: stated ?? fallback?.code,
                        currencySource: stated != nil ? .explicit : (fallback?.source ?? .missing),
                        valueDate: valueDate, line: $0.line)
                }
            }
            interestReceived = amount("interest-received")
            principalOutstanding = amount("principal-outstanding")
            principalArrears = amount("principal-arrears")
            interestArrears = amount("interest-arrears")
        }
    }
}
