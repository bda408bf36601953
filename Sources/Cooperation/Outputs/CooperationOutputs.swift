public import IATI
public import Foundation

/// The cooperation outputs of a programme: what the activities in the inputs contribute to
/// each priority, outcome and output, with money, results, partners and places, and what
/// could not be mapped or converted.
///
/// Built by ``OutputsAggregator``; rendered as JSON, XML, CSV tables and an HTML report.
public struct CooperationOutputs: Sendable, Hashable {
    public var programme: Programme
    /// The framework file.
    public var frameworkSource: String
    public var run: RunSummary
    /// The priorities, each with its outcomes and outputs. Money is rolled up: a node's
    /// totals include its descendants'.
    public var priorities: [NodeOutputs]
    /// Activities not (or not wholly) allocated, with the reason; at most the list limit.
    public var unallocated: [UnallocatedActivity]
    /// Unallocated activities beyond the list limit (counted in totals, not listed).
    public var unallocatedOmitted: Int
    /// Unallocated money by reason, measure, year and currency.
    public var unallocatedTotals: [UnallocatedTotal]
    /// Grand totals of all priorities, per measure and currency: the sum of the priorities'
    /// funding rows (each allocated amount is counted once, at its priority).
    public var totals: [MeasureAmount]
    /// Grand totals in the target currency, per measure, when rates were given: the sum of the
    /// priorities' converted rows.
    public var convertedTotals: [MeasureAmount]
    /// The single-currency view: every allocated amount converted, with the rate and the
    /// rate's date used; at most the list limit.
    public var conversions: [ConvertedAmount]
    public var conversionsOmitted: Int
    /// Allocated amounts that could not be converted to the target currency: never counted
    /// as 0, listed here and counted per node.
    public var unconverted: [UnconvertedAmount]
    public var unconvertedOmitted: Int
    /// Per measure and currency: input total = allocated + unallocated.
    public var reconciliation: [ReconciliationRow]
    /// Inputs that could not be read (wholly or from some point on): none of their
    /// activities is counted.
    public var inputProblems: [InputProblem]
    /// Identifiers read more than once (across inputs or within one), each counted once.
    public var duplicates: [DuplicateActivity]
}

/// What the run read and found.
public struct RunSummary: Sendable, Hashable {
    /// When the outputs were made: ISO 8601, UTC, to the second.
    public var generatedAt: String
    /// The program that made them, with its version (`iatix 0.1.0`).
    public var generator: String
    /// The input files, in the order read (those that could not be read too).
    public var inputs: [InputFile]
    public var activities: Int
    /// Activities per mapping status.
    public var statusCounts: [ActivityMapping.Status: Int]
    /// The language of titles, names, reasons and labels.
    public var language: ReportLanguage
    /// The currency amounts are converted to, when rates were given.
    public var targetCurrency: String?
    public var ratesSource: String?
    /// Values whose amount is not a decimal: counted, never summed.
    public var invalidAmounts: Int
}

/// The outputs of one priority, outcome or output.
public struct NodeOutputs: Sendable, Hashable {
    public var level: FrameworkNode.Level
    public var code: String
    public var name: LocalizedText
    public var description: LocalizedText
    /// Money in original currencies, by measure and year, including descendants.
    public var funding: [FundingTotal]
    /// Money converted to the target currency (when rates were given), including descendants.
    public var converted: [ConvertedTotal]
    /// Allocated amounts (including descendants') that could not be converted.
    public var unconvertedCount: Int
    /// The activities that contribute, here or through a descendant (see ``Contribution/target``).
    public var contributions: [Contribution]
    public var contributionsOmitted: Int
    /// The framework's indicators for this node, with the activity indicators linked to them.
    public var indicators: [IndicatorOutputs]
    /// Indicators of contributing activities that no framework indicator claims.
    public var activityIndicators: [ActivityIndicator]
    public var activityIndicatorsOmitted: Int
    public var partners: [Partner]
    public var locations: [LocationSummary]
    public var children: [NodeOutputs]
}

/// An amount in one currency for a measure and a year.
public struct FundingTotal: Sendable, Hashable {
    /// See ``Measure``.
    public var measure: String
    /// Year of the transaction date or the period start; `nil` when unknown.
    public var year: Int?
    public var currency: String
    public var amount: Decimal
}

/// An amount in the target currency for a measure and a year.
public struct ConvertedTotal: Sendable, Hashable {
    public var measure: String
    public var year: Int?
    public var amount: Decimal
}

/// An activity's contribution to a node.
public struct Contribution: Sendable, Hashable {
    /// The node the activity is allocated to (this node or a descendant).
    public var target: String
    public var activity: String
    public var title: String?
    public var reportingOrg: String?
    public var file: String
    /// Percent of the in-scope activity allocated to ``target``.
    public var share: Decimal
    /// Percent of the activity in the programme's scope (its country share).
    public var scopeShare: Decimal
    public var rules: [String]
    public var tier: RuleTier
    public var confidence: Confidence
    public var isAmbiguous: Bool
    /// The allocated amounts, per measure and currency.
    public var amounts: [MeasureAmount]
}

/// An amount for a measure in one currency.
public struct MeasureAmount: Sendable, Hashable {
    public var measure: String
    public var currency: String
    public var amount: Decimal
}

/// A framework indicator with what activities report against it.
public struct IndicatorOutputs: Sendable, Hashable {
    public var indicator: FrameworkIndicator
    public var reported: [ActivityIndicator]
}

/// An indicator of a contributing activity, with baseline, targets and actuals per period.
public struct ActivityIndicator: Sendable, Hashable {
    public var activity: String
    public var resultTitle: String?
    public var title: String?
    /// IndicatorMeasure code.
    public var measure: String?
    public var ascending: Bool
    public var baselineYear: String?
    public var baselineValue: String?
    public var periods: [IndicatorPeriodOutputs]
    /// References as `vocabulary:code`.
    public var references: [String]
}

/// One period of an activity indicator.
public struct IndicatorPeriodOutputs: Sendable, Hashable {
    public var start: String?
    public var end: String?
    public var target: String?
    public var actual: String?
    /// (actual − baseline) / (target − baseline) in percent, for numeric values; `nil` otherwise.
    public var progress: Decimal?
}

/// An organisation taking part in contributing activities.
public struct Partner: Sendable, Hashable {
    /// `funding`, `accountable`, `extending`, `implementing`, or the role code when unknown.
    public var role: String
    public var ref: String?
    public var name: String?
    /// Number of contributing activities naming the organisation in this role.
    public var activities: Int
}

/// A place contributing activities are for.
public struct LocationSummary: Sendable, Hashable {
    /// `country`, `region` or `location`.
    public var kind: String
    public var code: String?
    public var name: String?
    /// `latitude longitude`, for points.
    public var point: String?
    public var activities: Int
}

/// An activity whose money is not (or not wholly) allocated.
public struct UnallocatedActivity: Sendable, Hashable {
    public var activity: String
    public var title: String?
    public var file: String
    public var line: Int
    public var status: ActivityMapping.Status
    public var reason: String
    public var candidates: [String]
    /// Percent of the in-scope activity not allocated.
    public var unallocatedShare: Decimal
    /// The unallocated amounts, per measure and currency.
    public var amounts: [MeasureAmount]
}

/// Unallocated money for a reason, a measure, a year and a currency.
public struct UnallocatedTotal: Sendable, Hashable {
    /// `unmapped`, `partial`, `ambiguous` or `out-of-scope`.
    public var reason: String
    public var measure: String
    public var year: Int?
    public var currency: String
    public var amount: Decimal
}

/// An allocated amount converted to the target currency.
public struct ConvertedAmount: Sendable, Hashable {
    public var activity: String
    /// The node it is allocated to.
    public var target: String
    public var measure: String
    public var year: Int?
    /// The original currency and amount.
    public var currency: String
    public var amount: Decimal
    /// Units of ``currency`` per unit of the target currency: ``converted`` is ``amount`` ÷
    /// rate, rounded to cents.
    public var rate: Decimal
    /// The date of the rate used (`YYYY-MM-DD`); `nil` when the amount is in the target currency.
    public var rateDate: String?
    public var converted: Decimal
    public var line: Int
}

/// An allocated amount that could not be converted.
public struct UnconvertedAmount: Sendable, Hashable {
    public var activity: String
    public var target: String
    public var measure: String
    public var currency: String
    public var amount: Decimal
    public var valueDate: String?
    public var line: Int
    public var reason: String
}

/// Reconciliation of one measure in one currency.
public struct ReconciliationRow: Sendable, Hashable {
    public var measure: String
    public var currency: String
    /// The sum of the amounts read.
    public var input: Decimal
    /// The sum allocated to nodes (each amount counted at one node, not rolled up).
    public var allocated: Decimal
    public var unallocated: Decimal

    /// Whether input = allocated + unallocated.
    public var balances: Bool { input == allocated + unallocated }
}

/// An input that could not be read, wholly or from some point on.
public struct InputProblem: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var message: String
}

/// An input file of the run.
public struct InputFile: Sendable, Hashable {
    /// As named in every message (`archive.zip/member.xml` for archive members).
    public var name: String
    /// SHA-256 of the document's bytes (after gzip decompression, as `iatix batch`'s
    /// manifest), in lowercase hex; `nil` when it could not be read to its end.
    public var sha256: String?
    /// Activities read from it (before choosing between duplicates).
    public var activities: Int
    /// Whether its activities are counted: `false` when it failed (all or nothing per file).
    public var counted: Bool

    /// Describes an input.
    public init(name: String, sha256: String?, activities: Int, counted: Bool) {
        self.name = name
        self.sha256 = sha256
        self.activities = activities
        self.counted = counted
    }
}

/// An identifier read more than once: one version counted, the others left out.
public struct DuplicateActivity: Sendable, Hashable {
    public var activity: String
    /// Every version, in reading order; exactly one is kept.
    public var versions: [ActivityVersion]
}

/// One version of a duplicated activity.
public struct ActivityVersion: Sendable, Hashable {
    public var file: String
    public var line: Int
    /// `last-updated-datetime` as written; `nil` when absent.
    public var lastUpdated: String?
    /// Whether this version is the one counted.
    public var kept: Bool
}
