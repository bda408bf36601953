public import LibXML

/// How the activity maps onto the recipient's budget (`country-budget-items`).
public struct CountryBudgetItems: Sendable, Hashable {
    /// BudgetIdentifierVocabulary code.
    public var vocabulary: String?
    public var items: [BudgetItem]

    /// Decodes a `country-budget-items` element.
    public init(node: Node, context: DecodingContext) {
        vocabulary = node.value("vocabulary")
        items = node.children(named: "budget-item").map { BudgetItem(node: $0, context: context) }
    }
}

/// One budget line (`budget-item`) with its share.
public struct BudgetItem: Sendable, Hashable {
    public var code: String?
    public var percentage: DecimalValue?
    public var description: [Narrative]

    /// Decodes a `budget-item` element.
    public init(node: Node, context: DecodingContext) {
        code = node.value("code")
        percentage = node.decimal("percentage")
        description = node.narratives(of: "description", context)
    }
}
