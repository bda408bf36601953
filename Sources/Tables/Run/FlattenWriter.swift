import IATI
import LibXML

/// The flat tables' end of the one road for records: a ``IATI/DocumentWriter`` that takes
/// each record ``IATI/Conversion`` hands it (canonical, upgraded to 2.03), decodes it into the
/// typed ``IATI/Activity`` and adds its rows to every table.
final class FlattenWriter: DocumentWriter {
    private let tables: TableSet
    private let converter: CurrencyConverter
    private let sectorVocabularies: [String]
    private let progress: ((Int) -> Void)?
    /// The document being read.
    private var file = ""
    private var version: String?
    private var language: String?
    private var currency: String?
    private(set) var activities = 0

    init(tables: TableSet, converter: CurrencyConverter, sectorVocabularies: [String], progress: ((Int) -> Void)?) {
        self.tables = tables
        self.converter = converter
        self.sectorVocabularies = sectorVocabularies
        self.progress = progress
    }

    /// Starts the next document.
    func start(file: String) {
        self.file = file
    }

    func begin(_ header: DocumentHeader) throws {
        guard header.rootSpec.name == "iati-activities" else {
            throw XMLError(file: file, line: header.line, message: "the root element is <\(header.rootSpec.name)>, not <iati-activities>: not an activity file")
        }
        version = header.version
        language = header.language
        currency = header.root.attribute("default-currency")
    }

    func write(record: Node) throws {
        let activity = Activity.decode(node: record, fileLanguage: language, fileCurrency: currency)
        activities += 1
        let rows = ActivityRows(activity: activity, position: activities, converter: converter, sectorVocabularies: sectorVocabularies)
        try rows.add(to: tables, file: file, version: version)
        if tables.wants("narratives") {
            try NarrativeRows(identifier: rows.identifier, position: rows.position, defaultLanguage: activity.language).add(record: record, to: tables)
        }
        if activities % 1000 == 0 { progress?(activities) }
    }

    /// Records come as nodes: the typed model decodes them.
    var recordEncoding: RecordEncoding? { nil }

    func write(encoded: [UInt8]) throws {
        throw XMLError(file: file, message: "internal error: flatten reads records as nodes, not already written")
    }

    func end(rootExtensions: [Node]) throws {}
}
