/// How the activity maps onto the recipient's budget (`country-budget-items`).
public struct CountryBudgetItems: Sendable, Hashable {
    /// The `country-budget-items` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// BudgetIdentifierVocabulary code.
    public var vocabulary: String? { element.value("vocabulary") }
    public var items: [BudgetItem] { element.children(named: "budget-item").map { BudgetItem(element: $0, context: context) } }
}

/// One budget line (`budget-item`) with its share.
public struct BudgetItem: Sendable, Hashable {
    /// The `budget-item` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    public var code: String? { element.value("code") }
    public var percentage: DecimalValue? { element.decimal("percentage") }
    public var description: [Narrative] { element.narratives(of: "description", context) }
}
