public import Foundation

/// How one activity maps onto the framework: which nodes get which share, by which rules.
public struct ActivityMapping: Sendable, Hashable {
    /// What the rules made of the activity.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// All of the activity is allocated.
        case mapped
        /// Rules matched, but part of the activity is covered by none of them.
        case partial
        /// Several nodes matched at the same tier and no share separates them.
        case ambiguous
        /// No rule matched.
        case unmapped
        /// The activity is not for the programme's country (see ``FrameworkScope``).
        case outOfScope = "out-of-scope"
    }

    public var status: Status
    /// The nodes the activity contributes to, in framework order.
    public var allocations: [Allocation]
    /// Percent of the in-scope activity that no node receives.
    public var unallocatedShare: Decimal
    /// For ambiguous activities: the nodes that compete.
    public var candidates: [String]
    /// Why part or all of the activity is unallocated.
    public var reason: MappingReason?

    /// Creates a mapping.
    public init(status: Status, allocations: [Allocation], unallocatedShare: Decimal, candidates: [String] = [], reason: MappingReason? = nil) {
        self.status = status
        self.allocations = allocations
        self.unallocatedShare = unallocatedShare
        self.candidates = candidates
        self.reason = reason
    }
}

/// A share of an activity given to one node of the framework.
public struct Allocation: Sendable, Hashable {
    /// Code of the priority, outcome or output.
    public var target: String
    /// Percent of the in-scope activity.
    public var share: Decimal
    /// Ids of the rules that matched, in framework order.
    public var rules: [String]
    /// The tier the rules matched at.
    public var tier: RuleTier
    /// The lowest confidence among the rules.
    public var confidence: Confidence
    /// Whether the share comes from an equal split of an ambiguous match.
    public var isAmbiguous: Bool

    /// Creates an allocation.
    public init(target: String, share: Decimal, rules: [String], tier: RuleTier, confidence: Confidence, isAmbiguous: Bool = false) {
        self.target = target
        self.share = share
        self.rules = rules
        self.tier = tier
        self.confidence = confidence
        self.isAmbiguous = isAmbiguous
    }
}
