import IATI
import Platform

/// The tables of one run: routes each row to its table, lays it out in columns (narratives in
/// one column per language, converted amounts per currency) and writes it.
///
/// With languages given, every table is opened at once and rows are written as they come.
/// Without, the languages are those the input has: tables with narratives keep their rows in a
/// ``RowSpool`` until the end, when their columns are known.
///
/// Two threads may add rows at once (``TableShare``), each to tables of its own: a table's
/// state, the languages its rows met included, is touched by one thread; the set of tables is
/// fixed when it is made.
final class TableSet: RowSink {
    /// One table's state: a reference, so that a row updates it in place on the hot path.
    private final class Table {
        let definition: TableDefinition
        var writer: (any RowWriter)? {
            didSet { text = writer as? TextRowWriter }
        }
        /// The writer when it is a text table's (rows laid out as they are made).
        private(set) var text: TextRowWriter?
        var spool: RowSpool?
        /// Made on first use, for rows made cell by cell.
        var builder: RowBuilder?
        /// Rows added as fields (those of the builder apart).
        var fieldRows = 0
        /// The languages of the narratives of rows spooled, lowercase.
        var languages: Set<String> = []
        /// The language of the last narrative spooled, as written: most narratives of a
        /// table are in the language of the one before, already in ``languages``.
        var lastLanguage: String?
        var rows: Int { fieldRows + (builder?.rows ?? 0) }

        init(definition: TableDefinition) { self.definition = definition }
    }

    private let output: any TableOutput
    private let currencies: [String]
    /// The languages asked for, lowercase; `nil`: those found.
    private let requestedLanguages: [String]?
    private var tables: [String: Table] = [:]
    private let order: [String]

    /// - Parameters:
    ///   - spoolFolder: where rows wait for their columns (the output folder).
    init(
        output: any TableOutput, definitions: [TableDefinition], languages: [String]?, currencies: [String], spoolFolder: String
    ) throws {
        self.output = output
        self.currencies = currencies
        self.requestedLanguages = languages?.map { $0.lowercased() }
        order = definitions.map(\.name)
        try output.prepare(tables: order)
        for definition in definitions {
            let table = Table(definition: definition)
            if let languages = requestedLanguages ?? (definition.hasNarratives ? nil : []) {
                table.writer = try output.open(table: definition.name, columns: definition.expand(languages: languages, currencies: currencies))
            } else {
                table.spool = try RowSpool(path: "\(spoolFolder)/.iatix-spool-\(FilePaths.processID)-\(definition.name)")
            }
            tables[definition.name] = table
        }
    }

    func wants(_ table: String) -> Bool { tables[table] != nil }

    func add(_ name: String, _ values: [FieldValue]) throws {
        guard let table = tables[name] else { return }
        table.fieldRows += 1
        if let writer = table.writer {
            try Self.write(values, languages: requestedLanguages ?? [], to: writer, text: table.text)
        } else if let spool = table.spool {
            for case .narratives(let narratives) in values {
                for narrative in narratives {
                    guard let language = narrative.language, language != table.lastLanguage else { continue }
                    table.languages.insert(language.lowercased())
                    table.lastLanguage = language
                }
            }
            try spool.append(values)
        }
    }

    func builder(_ name: String) -> RowBuilder? {
        guard let table = tables[name] else { return nil }
        if let builder = table.builder { return builder }
        let builder: RowBuilder
        if let writer = table.writer {
            builder = RowBuilder(writer: writer)
        } else if let spool = table.spool {
            builder = RowBuilder { cells in try spool.append(cells.map(FieldValue.cell)) }
        } else {
            return nil
        }
        table.builder = builder
        return builder
    }

    /// Writes the spooled tables and puts every output in place.
    /// - Parameter threads: 2 writes the spooled tables two at a time when the output writes
    ///   tables apart (each table by one thread: the same bytes).
    /// - Returns: the rows written per table, in table order, and the paths written.
    func finish(threads: Int = 1) throws -> (rows: [(table: String, count: Int)], paths: [String]) {
        let languages = tables.values.reduce(into: Set<String>()) { $0.formUnion($1.languages) }.sorted()
        // Opened here, in table order: the output keeps its tables in the order they open.
        var spooled: [SpooledTable] = []
        for name in order {
            guard let table = tables[name], let spool = table.spool else { continue }
            let writer = try output.open(table: name, columns: table.definition.expand(languages: languages, currencies: currencies))
            spooled.append(SpooledTable(spool: spool, writer: writer, languages: languages))
        }
        // The tables written as their rows came are whole: made durable on a thread of their
        // own while the spooled ones are written (a failure shows again on commit).
        let complete = order.filter { tables[$0]?.writer != nil }
        let syncing =
            output.writesTablesApart && !complete.isEmpty && !spooled.isEmpty
            ? WorkerThreads(count: 1) { [output = UncheckedOutput(output)] _ in
                for name in complete { try? output.output.complete(table: name) }
            } : nil
        defer { syncing?.join() }
        if threads > 1, output.writesTablesApart, spooled.count > 1 {
            try SpooledTable.writeAll(spooled, threads: threads)
        } else {
            for table in spooled { try table.write() }
        }
        syncing?.join()
        let paths = try output.commit()
        return (order.compactMap { name in tables[name].map { (name, $0.rows) } }, paths)
    }

    /// Drops every output and spool.
    func discard() {
        for table in tables.values { table.spool?.discard() }
        output.discard()
    }

    /// The cells of a row for `languages`: a narrative field gives the text in the first of
    /// them there is (else the first narrative), then the text in each language (several
    /// narratives of one language joined by a line break).
    static func layout(_ values: [FieldValue], languages: [String]) -> [Cell] {
        var cells: [Cell] = []
        cells.reserveCapacity(values.count + languages.count * 2)
        forEachCell(of: values, languages: languages) { cells.append($0) }
        return cells
    }

    /// Gives `body` each cell of ``layout(_:languages:)``, in order, without making the row.
    static func forEachCell(of values: [FieldValue], languages: [String], _ body: (Cell) throws -> Void) rethrows {
        for value in values {
            switch value {
            case .cell(let cell): try body(cell)
            case .converted(let converted): for cell in converted { try body(cell) }
            case .narratives(let narratives):
                try forEachNarrativeColumn(count: narratives.count, languages: languages, isIn: { matches(narratives[$0].language, $1) }) { holds in
                    let texts = narratives.indices.filter(holds).map { narratives[$0].text }
                    try body(.optional(texts.isEmpty ? nil : texts.joined(separator: "\n")))
                }
            }
        }
    }

    /// Writes a row of `values` for `languages` into `writer`: a text table's laid out as it
    /// goes, any other's as cells.
    static func write(_ values: [FieldValue], languages: [String], to writer: any RowWriter, text: TextRowWriter?) throws {
        if let text {
            try text.write { append in forEachCell(of: values, languages: languages, append) }
        } else {
            try writer.write(layout(values, languages: languages))
        }
    }

    /// The columns of a narrative field of `count` narratives, `isIn(narrative, language)`
    /// saying whether a narrative is in a language (see ``matches(_:_:)-swift.type.method``):
    /// `column` is called once per column with which narratives it holds (their texts joined by
    /// a line break; none: an empty cell). First the field's own column: the narratives in the
    /// first of `languages` there is (as that language's column holds them), else the first
    /// narrative; then one column per language, with every narrative in it.
    static func forEachNarrativeColumn(
        count: Int, languages: [String], isIn: (Int, String) -> Bool, _ column: (_ holds: (Int) -> Bool) throws -> Void
    ) rethrows {
        try withoutActuallyEscaping(isIn) { isIn in
            if let preferred = languages.first(where: { wanted in (0..<count).contains { isIn($0, wanted) } }) {
                try column { isIn($0, preferred) }
            } else {
                try column { $0 == 0 }
            }
            for wanted in languages { try column { isIn($0, wanted) } }
        }
    }

    /// Whether a narrative's language `own` is `language` (lowercase): the same code, or a
    /// regional variant (`en-GB` for `en`), whatever the case of `own`.
    static func matches(_ own: String?, _ language: String) -> Bool {
        guard var own else { return false }
        return own.withUTF8 { matches(UnsafeRawBufferPointer($0), language) }
    }

    /// ``matches(_:_:)-swift.type.method`` for the UTF-8 bytes of a language code: byte by
    /// byte for an ASCII one (every code written as BCP 47 has it), else by its lowercased string.
    static func matches(_ own: UnsafeRawBufferPointer, _ language: String) -> Bool {
        guard !own.contains(where: { $0 >= 0x80 }) else {
            let lowered = String(decoding: own, as: UTF8.self).lowercased()
            return lowered == language || lowered.hasPrefix(language + "-")
        }
        var language = language
        return language.withUTF8 { wanted in
            guard own.count == wanted.count || (own.count > wanted.count && own[wanted.count] == UInt8(ascii: "-")) else { return false }
            for index in 0..<wanted.count {
                var byte = own[index]
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte |= 0x20 }
                if byte != wanted[index] { return false }
            }
            return true
        }
    }
}

/// A spooled table to write out at the end: its rows read back and laid out for its languages.
///
/// `@unchecked Sendable`: each is written by one thread, and nothing else touches its spool
/// or its writer meanwhile.
private final class SpooledTable: @unchecked Sendable {
    let spool: RowSpool
    let writer: any RowWriter
    let languages: [String]

    init(spool: RowSpool, writer: any RowWriter, languages: [String]) {
        self.spool = spool
        self.writer = writer
        self.languages = languages
    }

    func write() throws {
        if let text = writer as? TextRowWriter {
            try spool.readBack(into: text, languages: languages)
        } else {
            try spool.readBack { values in try writer.write(TableSet.layout(values, languages: languages)) }
        }
    }

    /// Writes every table, `threads` at a time, each taking the next table not yet taken,
    /// the largest spools first (so that the last table to start is a short one).
    /// - Throws: the first failure met (in table order).
    static func writeAll(_ tables: [SpooledTable], threads: Int) throws {
        let order = tables.indices.sorted { tables[$0].spool.size > tables[$1].spool.size }
        let next = Locked(0)
        let failures = Locked([Int: any Error]())
        WorkerThreads.run(count: min(threads, tables.count)) { _ in
            while let index = next.withLock({ taken -> Int? in
                guard taken < order.count else { return nil }
                defer { taken += 1 }
                return order[taken]
            }) {
                do { try tables[index].write() } catch { failures.withLock { $0[index] = error } }
            }
        }
        if let first = failures.withLock({ $0.min { $0.key < $1.key } }) { throw first.value }
    }
}

/// An output handed to the thread that makes finished tables durable, which touches only
/// those tables' files while other threads write the rest.
private struct UncheckedOutput: @unchecked Sendable {
    let output: any TableOutput
    init(_ output: any TableOutput) { self.output = output }
}
