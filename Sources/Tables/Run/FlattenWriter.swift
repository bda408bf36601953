import IATI
import LibXML

/// The flat tables' end of the one road for records: a ``IATI/DocumentWriter`` that takes
/// each record ``IATI/Conversion`` hands it (canonical, upgraded to 2.03), reads it through
/// the typed ``IATI/Activity`` and adds its rows to every table.
final class FlattenWriter: RecordTreeWriter {
    private let tables: TableSet
    private let converter: CurrencyConverter
    private let sectorVocabularies: [String]
    private let progress: ((Int) -> Void)?
    /// The document being read.
    private(set) var file = ""
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

    func write(tree: RecordTree) throws {
        let activity = Activity(record: tree, fileLanguage: language, fileCurrency: currency)
        activities += 1
        let rows = ActivityRows(activity: activity, position: activities, converter: converter, sectorVocabularies: sectorVocabularies)
        try rows.add(to: tables, file: file, version: version)
        if tables.wants("narratives") {
            try NarrativeRows(identifier: rows.identifier, position: rows.position, defaultLanguage: activity.language).add(record: tree.root, to: tables)
        }
        if activities % 1000 == 0 { progress?(activities) }
    }

    func end(rootExtensions: [Node]) throws {}
}
