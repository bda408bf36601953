import IATI

/// The activity's defaults that a transaction without its own value takes (flow, finance
/// and aid type, tied status), each decoded once per activity when first needed rather than
/// once per transaction.
final class TransactionDefaults {
    private let activity: Activity
    private(set) lazy var flowType = activity.defaultFlowType
    private(set) lazy var financeType = activity.defaultFinanceType
    /// The code of the default aid type of vocabulary 1 (OECD DAC).
    private(set) lazy var aidType = Self.dacCode(of: activity.defaultAidTypes)
    private(set) lazy var tiedStatus = activity.defaultTiedStatus

    init(activity: Activity) {
        self.activity = activity
    }

    /// `transaction`'s flow type, finance type, aid type (vocabulary 1) and tied status: its
    /// own, else the activity's (as ``IATI/Activity/flowType(of:)`` and its kin give them).
    func classifications(of transaction: Transaction) -> (flow: String?, finance: String?, aid: String?, tied: String?) {
        let ownAid = transaction.aidTypes
        return (
            transaction.flowType ?? flowType, transaction.financeType ?? financeType,
            ownAid.isEmpty ? aidType : Self.dacCode(of: ownAid), transaction.tiedStatus ?? tiedStatus
        )
    }

    private static func dacCode(of aidTypes: [AidType]) -> String? {
        aidTypes.first { $0.effectiveVocabulary == "1" }?.code
    }
}
