import Foundation
import IATI

extension ActivityIndicator {
    /// Summarises an activity's indicator: the first baseline, and per period the target and
    /// actual (the value without dimensions, else the sum of the values of the first dimension).
    /// Titles are chosen by `narratives`.
    init(activity: String, result: ActivityResult, indicator: Indicator, narratives: NarrativeChoice) {
        let baseline = indicator.baselines.first { $0.dimensions.isEmpty } ?? indicator.baselines.first
        self.init(
            activity: activity, resultTitle: narratives.text(result.title), title: narratives.text(indicator.title), measure: indicator.measure,
            ascending: indicator.isAscending, baselineYear: baseline?.year, baselineValue: baseline?.value?.text,
            periods: indicator.periods.map { period in
                let target = Self.total(period.targets)
                let actual = Self.total(period.actuals)
                return IndicatorPeriodOutputs(
                    start: period.start?.text, end: period.end?.text, target: target?.text, actual: actual?.text,
                    progress: Self.progress(baseline: baseline?.value?.value, target: target?.value, actual: actual?.value))
            },
            references: indicator.references.map { "\($0.vocabulary ?? ""):\($0.code ?? "")" })
    }

    private static func total(_ values: [IndicatorValue]) -> DecimalValue? {
        if let plain = values.first(where: { $0.dimensions.isEmpty }) { return plain.value }
        guard let dimension = values.first?.dimensions.first?.name else { return nil }
        let same = values.filter { $0.dimensions.count == 1 && $0.dimensions.first?.name == dimension }
        var sum: Decimal = 0
        for value in same {
            guard let number = value.value?.value else { return nil }
            sum += number
        }
        return same.isEmpty ? nil : DecimalValue(sum)
    }

    /// (actual − baseline) / (target − baseline) × 100, rounded to one place.
    static func progress(baseline: Decimal?, target: Decimal?, actual: Decimal?) -> Decimal? {
        guard let target, let actual else { return nil }
        let start = baseline ?? 0
        guard target != start else { return nil }
        return ((actual - start) / (target - start) * 100).rounded(scale: 1)
    }
}
