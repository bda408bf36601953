/// The kinds of money the outputs total: budgets, planned disbursements and each transaction
/// type, as stable keys.
public enum Measure {
    /// An original (or untyped) budget.
    public static let budget = "budget"
    /// A revised budget (BudgetType 2); totalled apart so no period is counted twice.
    public static let revisedBudget = "budget-revised"
    public static let plannedDisbursement = "planned-disbursement"

    /// Key of a TransactionType code.
    public static func transaction(_ code: String?) -> String {
        guard let code else { return "transaction-unknown" }
        return transactionKeys[code] ?? "transaction-\(code)"
    }

    static let transactionKeys: [String: String] = [
        "1": "incoming-funds", "2": "commitment", "3": "disbursement", "4": "expenditure",
        "5": "interest-payment", "6": "loan-repayment", "7": "reimbursement", "8": "purchase-of-equity",
        "9": "sale-of-equity", "10": "credit-guarantee", "11": "incoming-commitment", "12": "outgoing-pledge",
        "13": "incoming-pledge",
    ]

    /// All known keys in report order.
    public static let ordered: [String] = [
        budget, revisedBudget, plannedDisbursement, "incoming-commitment", "incoming-funds", "commitment", "disbursement",
        "expenditure", "incoming-pledge", "outgoing-pledge", "interest-payment", "loan-repayment", "reimbursement",
        "purchase-of-equity", "sale-of-equity", "credit-guarantee",
    ]

    /// Position of a key in reports; unknown keys last, by name.
    static func rank(_ key: String) -> Int {
        ordered.firstIndex(of: key) ?? ordered.count
    }
}
