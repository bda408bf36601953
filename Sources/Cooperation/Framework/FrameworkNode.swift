/// A priority, an outcome or an output of a framework.
public struct FrameworkNode: Sendable, Hashable {
    /// Where a node sits in the framework.
    public enum Level: String, Sendable, Hashable, CaseIterable {
        case priority
        case outcome
        case output
    }

    public var level: Level
    /// A code unique in the framework.
    public var code: String
    public var name: LocalizedText
    public var description: LocalizedText
    public var indicators: [FrameworkIndicator]
    /// Outcomes of a priority, outputs of an outcome; none for an output.
    public var children: [FrameworkNode]
    /// Line of the node in the framework file, 0 when built in code.
    public var line: Int

    /// Creates a node.
    public init(
        level: Level, code: String, name: LocalizedText, description: LocalizedText = .init(),
        indicators: [FrameworkIndicator] = [], children: [FrameworkNode] = [], line: Int = 0
    ) {
        self.level = level
        self.code = code
        self.name = name
        self.description = description
        self.indicators = indicators
        self.children = children
        self.line = line
    }

    /// All nodes below this one, depth first.
    public var descendants: [FrameworkNode] {
        children.flatMap { [$0] + $0.descendants }
    }

    /// Codes from this node down to the node with `code`, `nil` when it is not below.
    func path(to code: String) -> [String]? {
        if self.code == code { return [code] }
        for child in children {
            if let path = child.path(to: code) { return [self.code] + path }
        }
        return nil
    }
}

/// An indicator the programme tracks, with its baseline and targets.
public struct FrameworkIndicator: Sendable, Hashable {
    public var code: String
    public var name: LocalizedText
    /// Unit of measure, free text (`persons`, `%`).
    public var unit: String?
    public var baseline: IndicatorPoint?
    public var targets: [IndicatorPoint]
    /// Indicator references (`indicator/reference` vocabulary and code) that identify this
    /// indicator in activities' results: matching activity indicators are reported under it.
    public var references: [CodeReference]
    public var line: Int

    /// Creates an indicator.
    public init(
        code: String, name: LocalizedText, unit: String? = nil, baseline: IndicatorPoint? = nil,
        targets: [IndicatorPoint] = [], references: [CodeReference] = [], line: Int = 0
    ) {
        self.code = code
        self.name = name
        self.unit = unit
        self.baseline = baseline
        self.targets = targets
        self.references = references
        self.line = line
    }
}

/// A value of an indicator in a year (a baseline or a target), kept as written.
public struct IndicatorPoint: Sendable, Hashable {
    public var year: String?
    public var value: String?
    public var note: LocalizedText

    /// Creates a point.
    public init(year: String? = nil, value: String? = nil, note: LocalizedText = .init()) {
        self.year = year
        self.value = value
        self.note = note
    }
}

/// A code in a vocabulary: a tag, a result or indicator reference.
public struct CodeReference: Sendable, Hashable {
    /// The vocabulary; `nil` matches any vocabulary.
    public var vocabulary: String?
    public var code: String

    /// Creates a reference.
    public init(vocabulary: String? = nil, code: String) {
        self.vocabulary = vocabulary
        self.code = code
    }

    /// Whether an element's vocabulary and code match this reference.
    func matches(vocabulary other: String?, code otherCode: String?) -> Bool {
        guard let otherCode, otherCode == code else { return false }
        guard let vocabulary else { return true }
        return vocabulary == other
    }
}
