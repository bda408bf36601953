/// Additional data for the OECD DAC Creditor Reporting System (`crs-add`).
public struct CRSAdd: Sendable, Hashable {
    /// The `crs-add` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// `other-flags`: CRSAddOtherFlags codes with their significance.
    public var otherFlags: [OtherFlag] {
        element.children(named: "other-flags").map {
            OtherFlag(code: $0.value("code"), significance: $0.value("significance"))
        }
    }
    public var loanTerms: LoanTerms? { element.child("loan-terms").map(LoanTerms.init(element:)) }
    public var loanStatuses: [LoanStatus] { element.children(named: "loan-status").map { LoanStatus(element: $0, context: context) } }
    /// `channel-code` text.
    public var channelCode: String? { element.child("channel-code")?.trimmedText }

    /// A CRS flag (`other-flags`).
    public struct OtherFlag: Sendable, Hashable {
        public var code: String?
        public var significance: String?
    }

    /// Terms of a loan (`loan-terms`).
    public struct LoanTerms: Sendable, Hashable {
        /// The `loan-terms` element read.
        public let element: RecordElement

        public var rate1: DecimalValue? { element.decimal("rate-1") }
        public var rate2: DecimalValue? { element.decimal("rate-2") }
        public var repaymentType: String? { element.code(of: "repayment-type") }
        public var repaymentPlan: String? { element.code(of: "repayment-plan") }
        public var commitmentDate: IATIDate? { element.date(of: "commitment-date") }
        public var repaymentFirstDate: IATIDate? { element.date(of: "repayment-first-date") }
        public var repaymentFinalDate: IATIDate? { element.date(of: "repayment-final-date") }
    }

    /// The state of a loan in a year (`loan-status`); its amounts share its currency.
    public struct LoanStatus: Sendable, Hashable {
        public var year: String?
        public var interestReceived: MonetaryValue?
        public var principalOutstanding: MonetaryValue?
        public var principalArrears: MonetaryValue?
        public var interestArrears: MonetaryValue?

        /// Decodes a `loan-status` element.
        public init(element: RecordElement, context: DecodingContext) {
            year = element.value("year")
            let stated = element.value("currency")
            let fallback = context.defaultCurrency
            let valueDate = element.value("value-date").map(IATIDate.init(text:))
            func amount(_ name: String) -> MonetaryValue? {
                element.child(name).map {
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
