public import IATI
public import Foundation
public import Inputs
public import Platform

/// What `iatix outputs` does: which framework, which inputs, which rates, where to write.
public struct OutputsOptions: Sendable, Hashable {
    /// The outputs.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// `<name>.json`, described by `schemas/cooperation-outputs.schema.json`.
        case json
        /// `<name>.xml`, described by `schemas/cooperation-outputs.xsd`.
        case xml
        /// A folder `<name>-csv/` of CSV tables.
        case csv
        /// `<name>.html`, a self-contained report.
        case html
        /// `<name>.xlsx`, one workbook: a sheet per table of the CSV folder, amounts as numbers.
        case xlsx

        /// What is written when no format is named: JSON, XML, CSV and HTML.
        public static let defaults: Set<Format> = [.json, .xml, .csv, .html]
    }

    /// The framework YAML file.
    public var framework: String
    /// IATI activity files (`.xml`, `.xml.gz`, `-` for standard input), folders (walked
    /// recursively) and `.zip`, `.tar`, `.tar.gz` archives of them.
    public var inputs: [String]
    /// Patterns files in folders and archives must match (empty: `*.xml`, `*.xml.gz`).
    public var include: [Glob]
    /// Patterns that leave files, folders and archive members out.
    public var exclude: [Glob]
    /// The folder the outputs are written to (created when missing).
    public var outputDirectory: String
    /// File names start with this.
    public var baseName: String
    public var formats: Set<Format>
    /// A rates CSV (`date,currency,rate[,target]`) to convert amounts, or none.
    public var rates: String?
    /// The currency to convert to; taken from the rates file's `target` column when `nil`.
    public var targetCurrency: String?
    /// The language of every output's texts: titles and names chosen from the data's
    /// narratives, labels, CSV and XLSX headers, the HTML report.
    public var language: ReportLanguage
    /// Most entries kept in each list; the rest are counted.
    public var listLimit: Int
    /// The time written in the report's header (tests pass a fixed one).
    public var generatedAt: Date
    /// The program and version written in the report's header (`iatix 0.1.0`).
    public var generator: String
    /// Names to show for inputs, by path (see ``InputScanner/labels``).
    public var inputLabels: [String: String] = [:]
    /// Stops the reading of the inputs part-way when told to (see ``InputScanner/stop``).
    public var stop: StopSignal?

    /// Creates options; JSON, XML, CSV and HTML by default.
    public init(
        framework: String, inputs: [String], outputDirectory: String, baseName: String = "cooperation-outputs",
        formats: Set<Format> = Format.defaults, rates: String? = nil, targetCurrency: String? = nil,
        language: ReportLanguage = .en, listLimit: Int = OutputsAggregator.Options.default.listLimit,
        include: [Glob] = [], exclude: [Glob] = [], generatedAt: Date = Date(), generator: String = "iatix"
    ) {
        self.generatedAt = generatedAt
        self.generator = generator
        self.framework = framework
        self.inputs = inputs
        self.include = include
        self.exclude = exclude
        self.outputDirectory = outputDirectory
        self.baseName = baseName
        self.formats = formats
        self.rates = rates
        self.targetCurrency = targetCurrency
        self.language = language
        self.listLimit = listLimit
    }
}
