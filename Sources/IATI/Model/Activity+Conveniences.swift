extension Activity {
    /// `humanitarian` as a boolean, `nil` when absent or not an `xsd:boolean`.
    public var isHumanitarian: Bool? { XSDBoolean.parse(humanitarian) }

    /// `hierarchy` as a number; 1 when absent, `nil` when not a number.
    public var hierarchyLevel: Int? { hierarchy.map { Int($0) } ?? 1 }

    /// The narratives of the general descriptions (type 1 or no type), in order.
    public var description: [Narrative] {
        descriptions.filter { $0.type == nil || $0.type == "1" }.flatMap(\.narratives)
    }

    /// The first date of this ActivityDateType (`1` planned start ... `4` actual end).
    public func date(ofType type: String) -> IATIDate? {
        dates.first { $0.type == type }?.date
    }

    /// The flow type of a transaction: its own, else the activity's default (see
    /// ``TransactionDefaults``, which decodes the defaults once for many transactions).
    public func flowType(of transaction: Transaction) -> String? {
        TransactionDefaults(self).flowType(of: transaction)
    }

    /// The finance type of a transaction: its own, else the activity's default.
    public func financeType(of transaction: Transaction) -> String? {
        TransactionDefaults(self).financeType(of: transaction)
    }

    /// The aid types of a transaction: its own, else the activity's defaults.
    public func aidTypes(of transaction: Transaction) -> [AidType] {
        TransactionDefaults(self).aidTypes(of: transaction)
    }

    /// The tied status of a transaction: its own, else the activity's default.
    public func tiedStatus(of transaction: Transaction) -> String? {
        TransactionDefaults(self).tiedStatus(of: transaction)
    }
}
