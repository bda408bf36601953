import IATI
import Foundation

/// An inline SVG bar chart of funding per year: for each year, one bar per series.
struct SVGChart {
    struct Series {
        var label: String
        var colour: String
        /// Amount per year.
        var values: [Int: Decimal]
    }

    var title: String
    var currency: String
    var series: [Series]
    var labels: Labels

    /// The `<svg>` element, or `nil` when there is nothing to draw.
    func render() -> String? {
        let years = Set(series.flatMap(\.values.keys)).sorted()
        guard !years.isEmpty else { return nil }
        let largest = series.flatMap(\.values.values).map { NSDecimalNumber(decimal: $0).doubleValue }.max() ?? 0
        guard largest > 0 else { return nil }
        let maximum = Self.niceCeiling(largest)
        let left = 78.0, top = 28.0, plotHeight = 160.0, bottom = 44.0
        let barWidth = 16.0, gap = 4.0, groupGap = 22.0
        let groupWidth = Double(series.count) * (barWidth + gap) - gap
        let plotWidth = left + Double(years.count) * (groupWidth + groupGap) + 20
        let legendWidth = legendEntryWidths.max() ?? 0
        let width = max(plotWidth, Self.minimumWidth, legendWidth + 2 * Self.legendMargin)
        let legend = legendLayout(width: width)
        let height = top + plotHeight + bottom + Double(legend.rows) * Self.legendRowHeight
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" aria-label="\(HTML.escape(title))">
            <title>\(HTML.escape(title))</title>

            """
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            let y = top + plotHeight - plotHeight * Double(step) / 4
            svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - 10)\" y2=\"\(y)\" stroke=\"#d0d7de\" stroke-width=\"1\"/>\n"
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\" font-size=\"11\" fill=\"#444\">\(HTML.escape(compact(value)))</text>\n"
        }
        for (index, year) in years.enumerated() {
            let x0 = left + 10 + Double(index) * (groupWidth + groupGap)
            for (offset, item) in series.enumerated() {
                guard let amount = item.values[year] else { continue }
                let value = NSDecimalNumber(decimal: amount).doubleValue
                let barHeight = max(0, plotHeight * value / maximum)
                let x = x0 + Double(offset) * (barWidth + gap)
                let y = top + plotHeight - barHeight
                let tooltip = "\(item.label), \(year): \(labels.number("\(amount)")) \(currency)"
                svg += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(barWidth)\" height=\"\(fmt(barHeight))\" fill=\"\(item.colour)\"><title>\(HTML.escape(tooltip))</title></rect>\n"
            }
            let label = year == Int.min ? labels["unknown-year"] : String(year)
            svg += "<text x=\"\(fmt(x0 + groupWidth / 2))\" y=\"\(top + plotHeight + 16)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#222\">\(HTML.escape(label))</text>\n"
        }
        for (item, position) in zip(series, legend.positions) {
            let legendY = top + plotHeight + 36 + Double(position.row) * Self.legendRowHeight
            svg += "<rect x=\"\(fmt(position.x))\" y=\"\(legendY - 10)\" width=\"12\" height=\"12\" fill=\"\(item.colour)\"/>\n"
            svg += "<text x=\"\(fmt(position.x + 16))\" y=\"\(legendY)\" font-size=\"12\" fill=\"#222\">\(HTML.escape(item.label))</text>\n"
        }
        svg += "<text x=\"\(left)\" y=\"16\" font-size=\"12\" fill=\"#222\">\(HTML.escape(currency))</text>\n"
        svg += "</svg>"
        return svg
    }

    /// The narrowest chart: room for a short legend even with one year.
    static let minimumWidth = 320.0
    static let legendMargin = 10.0
    static let legendRowHeight = 20.0

    /// Estimated width of a 12 px text: wide letters (capitals, m, w) count more, narrow ones
    /// (i, l, t, f, j, r, punctuation, spaces) less; Vietnamese letters with their marks are
    /// as wide as their base letters. On the generous side, so that no legend is cut.
    static func textWidth(_ text: String) -> Double {
        text.reduce(0) { width, character in
            let base = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first.map(Character.init) ?? character
            if "mwMW".contains(base) { return width + 10.5 }
            if base.isUppercase || base.isNumber { return width + 8.2 }
            if "iljtfr.,;:'!| ()".contains(base) { return width + 4.2 }
            return width + 7.0
        }
    }

    /// Each legend entry's width: swatch, text, gap.
    private var legendEntryWidths: [Double] { series.map { 16 + Self.textWidth($0.label) + 18 } }

    /// Legend entries left to right, on as many rows as needed to fit `width`.
    private func legendLayout(width: Double) -> (positions: [(x: Double, row: Int)], rows: Int) {
        var positions: [(x: Double, row: Int)] = []
        var x = Self.legendMargin
        var row = 0
        for entry in legendEntryWidths {
            if x > Self.legendMargin, x + entry > width - Self.legendMargin {
                row += 1
                x = Self.legendMargin
            }
            positions.append((x, row))
            x += entry
        }
        return (positions, row + 1)
    }

    /// The smallest of 1, 2, 2.5, 4, 5, 8 or 10 times a power of ten that is at least `value`,
    /// so that quarter ticks fall on round numbers.
    static func niceCeiling(_ value: Double) -> Double {
        let power = pow(10, floor(log10(value)))
        for step in [1.0, 2, 2.5, 4, 5, 8, 10] where step * power >= value {
            return step * power
        }
        return 10 * power
    }

    private func fmt(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    /// 1.2M, 350k, 12.
    private func compact(_ value: Double) -> String {
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]
        for (size, suffix) in units where value >= size {
            let scaled = value / size
            let text = scaled >= 100 ? String(format: "%.0f", scaled) : String(format: "%.1f", scaled)
            return (language == .vi ? text.replacingOccurrences(of: ".", with: ",") : text) + suffix
        }
        return String(format: "%.0f", value)
    }

    private var language: ReportLanguage { labels.language }
}
