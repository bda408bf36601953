/// A cooperation framework: a programme, its priorities, outcomes and outputs, and the rules
/// that map IATI activities onto them.
///
/// Load one with ``Framework/load(path:)``; every code is unique and every rule points at a
/// node of the framework.
public struct Framework: Sendable, Hashable {
    public var programme: Programme
    /// Which activities the programme covers; the rest are listed as out of scope.
    public var scope: FrameworkScope
    /// How money is allocated when the rules do not settle it.
    public var allocation: AllocationPolicy
    /// The priorities, each with its outcomes and their outputs.
    public var priorities: [FrameworkNode]
    /// Mapping rules, in file order.
    public var rules: [MappingRule]
    /// The file the framework was read from, for messages.
    public var source: String

    /// Creates a framework; call ``validate()`` to check codes and rule targets.
    public init(
        programme: Programme, scope: FrameworkScope = .init(), allocation: AllocationPolicy = .init(),
        priorities: [FrameworkNode], rules: [MappingRule], source: String = ""
    ) {
        self.programme = programme
        self.scope = scope
        self.allocation = allocation
        self.priorities = priorities
        self.rules = rules
        self.source = source
    }

    /// Every node, priorities first in file order, each followed by its descendants.
    public var allNodes: [FrameworkNode] {
        priorities.flatMap { [$0] + $0.descendants }
    }

    /// The node with this code.
    public func node(_ code: String) -> FrameworkNode? {
        allNodes.first { $0.code == code }
    }

    /// Codes of the node and its ancestors, from the priority down: `["P1", "P1-W2", ...]`.
    public func path(to code: String) -> [String]? {
        for priority in priorities {
            if let path = priority.path(to: code) { return path }
        }
        return nil
    }
}

/// The programme a framework describes.
public struct Programme: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    /// ISO 3166-1 alpha-2 code of the partner country.
    public var country: String?
    /// First and last day of the programme (`YYYY-MM-DD`).
    public var periodStart: String?
    public var periodEnd: String?
    /// Free text about the file's status (e.g. that it is a working structure).
    public var note: LocalizedText

    /// Creates a programme description.
    public init(id: String, name: LocalizedText, country: String? = nil, periodStart: String? = nil, periodEnd: String? = nil, note: LocalizedText = .init()) {
        self.id = id
        self.name = name
        self.country = country
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.note = note
    }
}

/// Which activities a framework covers.
public struct FrameworkScope: Sendable, Hashable {
    /// Recipient countries (ISO alpha-2). When set, an activity contributes only its share of
    /// these countries (its `recipient-country` percentages, or a transaction's own country),
    /// and activities for none of them are out of scope. Empty: every activity is in scope.
    public var recipientCountries: [String]

    /// Creates a scope.
    public init(recipientCountries: [String] = []) {
        self.recipientCountries = recipientCountries
    }
}

/// How money is allocated when matching rules disagree.
public struct AllocationPolicy: Sendable, Hashable {
    /// What happens to the rest of an activity when several nodes match at the same tier and
    /// no share separates them.
    public enum Ambiguous: String, Sendable, Hashable, CaseIterable {
        /// The money stays unallocated; the activity is listed as ambiguous with the candidates.
        case unallocated
        /// The money is split equally between the candidates, flagged as ambiguous.
        case equalSplit = "equal-split"
    }

    public var ambiguous: Ambiguous

    /// Creates a policy.
    public init(ambiguous: Ambiguous = .unallocated) {
        self.ambiguous = ambiguous
    }
}
