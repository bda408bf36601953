import IATI
import LibXML

/// The flat tables' end of the one road for records: a ``IATI/DocumentWriter`` that takes
/// each record ``IATI/Conversion`` hands it (canonical, upgraded to 2.03), reads it through
/// the typed ``IATI/Activity`` and adds its rows to every table.
///
/// With `threads` over 1 and an output whose tables are written apart, the money tables'
/// rows are made on a second thread (``MoneyRowsThread``); call ``finish()`` after the last
/// document.
final class FlattenWriter: RecordTreeWriter {
    /// The tables made on this thread.
    private let share: TableShare
    private let wantsNarratives: Bool
    private let converter: CurrencyConverter
    private var money: MoneyRowsThread?
    private let sectorVocabularies: [String]
    /// The budget quarters' cells, for the budget tables when this thread makes them.
    private let quarterCells = QuarterCells()
    private let progress: ((Int) -> Void)?
    /// The document being read.
    private(set) var file = ""
    private var version: String?
    private var language: String?
    private var currency: String?
    private(set) var activities = 0

    /// - Parameters:
    ///   - tables: the run's tables, named in `names`.
    ///   - threads: 2 to make the money tables on a thread of their own (when `tables` are
    ///     written apart and some are asked for).
    init(
        tables: TableSet, names: [String], writtenApart: Bool, threads: Int, converter: CurrencyConverter, sectorVocabularies: [String],
        progress: ((Int) -> Void)?
    ) {
        let moneyShare = TableShare(tables, names: MoneyRowsThread.tables)
        if threads > 1, writtenApart, !moneyShare.isEmpty {
            money = MoneyRowsThread(share: moneyShare, converter: converter.sibling(), sectorVocabularies: sectorVocabularies)
            share = moneyShare.rest(of: names)
        } else {
            share = TableShare(tables, names: Set(names))
        }
        wantsNarratives = tables.wants("narratives")
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
        version = header.declaredVersion
        language = header.language
        currency = header.root.attribute("default-currency")
    }

    func write(tree: RecordTree) throws {
        activities += 1
        try money?.add(record: tree, position: activities, language: language, currency: currency)
        let activity = Activity(record: tree, fileLanguage: language, fileCurrency: currency)
        let rows = ActivityRows(
            activity: activity, position: activities, converter: converter, sectorVocabularies: sectorVocabularies, quarterCells: quarterCells)
        try rows.add(to: share, file: file, version: version)
        if wantsNarratives {
            try NarrativeRows(identifier: rows.identifier, position: rows.position, defaultLanguage: activity.language).add(record: tree.root, to: share)
        }
        if activities % 1000 == 0 { progress?(activities) }
    }

    func end(rootExtensions: [Node]) throws {}

    /// Waits for the money tables' rows of every activity written, and counts the amounts
    /// made there that could not be converted.
    /// - Throws: what stopped the second thread (a table that cannot be written).
    func finish() throws {
        guard let money else { return }
        self.money = nil
        converter.count(try money.finish())
    }
}
