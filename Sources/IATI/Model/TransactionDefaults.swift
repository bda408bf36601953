/// What a transaction takes from its activity when it states none of its own: flow type,
/// finance type, aid types and tied status. Each default is decoded from the activity once,
/// when first asked for, whatever the number of transactions it serves.
///
/// Not `Sendable`: the defaults are decoded on first use, by the one thread that uses them.
public final class TransactionDefaults {
    private let activity: Activity
    private lazy var flowType = activity.defaultFlowType
    private lazy var financeType = activity.defaultFinanceType
    private lazy var aidTypes = activity.defaultAidTypes
    private lazy var tiedStatus = activity.defaultTiedStatus

    public init(_ activity: Activity) {
        self.activity = activity
    }

    /// The flow type of a transaction: its own, else the activity's default.
    public func flowType(of transaction: Transaction) -> String? {
        transaction.flowType ?? flowType
    }

    /// The finance type of a transaction: its own, else the activity's default.
    public func financeType(of transaction: Transaction) -> String? {
        transaction.financeType ?? financeType
    }

    /// The aid types of a transaction: its own, else the activity's defaults.
    public func aidTypes(of transaction: Transaction) -> [AidType] {
        let own = transaction.aidTypes
        return own.isEmpty ? aidTypes : own
    }

    /// The tied status of a transaction: its own, else the activity's default.
    public func tiedStatus(of transaction: Transaction) -> String? {
        transaction.tiedStatus ?? tiedStatus
    }
}
