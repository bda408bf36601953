import Foundation
public import Inputs
public import Tables

/// What `iatix load` is asked to do.
public struct LoadOptions: Sendable {
    /// What happens to what the database already has.
    public enum Mode: String, Sendable, CaseIterable {
        /// A file already loaded (same SHA-256) is skipped; a new version of a file loaded
        /// before (same path, or same member path in an archive) replaces it.
        case update
        /// Every table is emptied first.
        case replace
        /// New versions are added beside the earlier ones (identical bytes are still skipped);
        /// `current_activities` keeps the latest of each activity.
        case append
    }

    public var inputs: [String]
    public var database: DatabaseURL
    public var mode: Mode = .update
    /// Target currencies of the converted amounts (needs ``rates``).
    public var currencies: [String] = []
    public var rates: String?
    /// Languages of the narrative columns: fixed for a database (the narratives table has every language).
    public var languages: [String] = ["en", "vi"]
    /// Sector vocabularies to split by; empty: 1, else 2, per amount.
    public var sectorVocabularies: [String] = []
    public var include: [Glob] = []
    public var exclude: [Glob] = []
    /// Rows kept in memory before they are sent to the database.
    public var batchRows = 20_000
    /// Recorded in `datasets.iatix_version`.
    public var iatixVersion = "unknown"
    /// Seconds a load into SQLite waits for another writer of the file (another `iatix load`)
    /// to finish its transaction before it stops, saying the database is in use.
    public var lockWait = LoadOptions.defaultLockWait
    public static let defaultLockWait: Double = 60

    public init(inputs: [String], database: DatabaseURL) {
        self.inputs = inputs
        self.database = database
    }
}

/// What a load read and kept.
public struct LoadSummary: Sendable {
    /// What was read: activities, files read to their end, problems, skipped inputs, unconverted amounts.
    public var read: FlattenSummary
    /// What happened to each document, in order.
    public var datasets: [DatasetEvent]
    /// Rows committed per table, in table order.
    public var rows: [(table: String, count: Int)]
    /// Activity identifiers found in more than one dataset of the database, with how many.
    public var repeated: [(identifier: String, datasets: Int)]
    /// Values in number columns that were not numbers (`1,000`), loaded as NULL.
    public var nonNumbersAsNull = 0
}

/// Why a load could not start or finish.
public enum LoadError: Error, Sendable, CustomStringConvertible {
    case database(String)
    case run(FlattenError)

    public var description: String {
        switch self {
        case .database(let message): message
        case .run(let error): error.description
        }
    }

    /// Whether the command line was wrong.
    public var isUsage: Bool {
        if case .run(.usage) = self { return true }
        return false
    }
}

/// Something a load reports as it goes.
public enum LoadProgress: Sendable {
    /// Activities read so far, in `file`.
    case reading(file: String, activities: Int)
    case dataset(DatasetEvent)
}

/// Loads every activity of the inputs into the database: one transaction per input document.
///
/// Synchronous, and waits on the database server: call it from a thread of your own (as the
/// command does), or use ``runLoadAsync(_:progress:)`` from async code.
/// - Throws: ``LoadError``: the database cannot be opened or its schema made, or the run cannot
///   start (see ``Tables/runFlatten(_:into:progress:)``). A document that fails is in
///   ``LoadSummary/datasets`` and ``FlattenSummary/problems``; the run goes on.
public func runLoad(_ options: LoadOptions, progress: (@Sendable (LoadProgress) -> Void)? = nil) throws(LoadError) -> LoadSummary {
    let database: any LoadDatabase
    do {
        database = try openDatabase(options.database, lockWait: options.lockWait)
    } catch {
        // DatabaseInUse names the file itself.
        throw .database(error is DatabaseInUse ? "\(error)" : "\(options.database): \(error)")
    }
    // A database's languages stay, first, whatever a later run asks for: every row fills the
    // same columns, and `title` means the same language in all of them.
    let languages: [String]
    do {
        let held = try Schema.languages(in: database)
        languages = held + options.languages.map { $0.lowercased() }.filter { !held.contains($0) }
    } catch {
        database.close()
        throw .database("\(options.database): \(error)")
    }
    let schema = Schema(dialect: database.dialect, definitions: TableCatalogue.all, languages: languages, currencies: options.currencies.map { $0.uppercased() })
    var events: [DatasetEvent] = []
    let output = DatabaseOutput(database: database, schema: schema, mode: options.mode, iatixVersion: options.iatixVersion, batchRows: options.batchRows) { event in
        events.append(event)
        progress?(.dataset(event))
    }
    defer { output.discard() }
    var flatten = FlattenOptions(inputs: options.inputs, outputDirectory: "")
    flatten.currencies = options.currencies
    flatten.rates = options.rates
    flatten.languages = languages
    flatten.sectorVocabularies = options.sectorVocabularies
    flatten.include = options.include
    flatten.exclude = options.exclude
    let read: FlattenSummary
    do {
        read = try runFlatten(flatten, into: output) { file, activities in progress?(.reading(file: file, activities: activities)) }
    } catch {
        throw .run(error)
    }
    var summary = LoadSummary(read: read, datasets: events, rows: output.committedRows, repeated: output.repeated)
    summary.nonNumbersAsNull = output.nonNumbersLoadedAsNull
    return summary
}

/// ``runLoad(_:progress:)`` on a thread of its own, for async callers (tests, servers).
public func runLoadAsync(_ options: LoadOptions, progress: (@Sendable (LoadProgress) -> Void)? = nil) async throws(LoadError) -> LoadSummary {
    let result = await onThreadOfItsOwn { Result { () throws(LoadError) -> LoadSummary in try runLoad(options, progress: progress) } }
    return try result.get()
}

/// Runs synchronous work that may wait on the database (see ``blocking(_:)``) on a new thread,
/// leaving Swift's cooperative pool free, and returns its result.
func onThreadOfItsOwn<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

func openDatabase(_ url: DatabaseURL, lockWait: Double = LoadOptions.defaultLockWait) throws -> any LoadDatabase {
    switch url {
    case .sqlite(let path): try SQLiteDatabase(path: path, lockWait: lockWait)
    case .postgresql(let address): try PostgresDatabase(address)
    }
}
