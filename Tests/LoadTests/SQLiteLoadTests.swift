import Foundation
@testable import Load
import Tables
import Testing

/// `iatix load` into SQLite files.
@Suite struct SQLiteLoadTests {
    let scenarios = LoadScenarios { name in
        .sqlite(path: try LoadScenarios.temporaryFolder() + "/\(name).db")
    }

    @Test func countsEqualFlattenAndSplitsAddUp() async throws { try await scenarios.countsAndSplits() }
    @Test func loadingTwiceChangesNothing() async throws { try await scenarios.loadTwice() }
    @Test func aChangedFileReplacesItsRows() async throws { try await scenarios.changedFileReplaces() }
    @Test func aBrokenFileLeavesNoRows() async throws { try await scenarios.brokenFileInTheMiddle() }
    @Test func theREADMEQuery() async throws { try await scenarios.readmeQuery() }
    @Test func keysAndIndexesAfterEachLoad() async throws { try await scenarios.keysAndIndexesAfterEachLoad() }
    @Test func aMemberReplacedInTheSameRun() async throws { try await scenarios.replacedInTheSameRun() }
    @Test func amountsNotANumberAreNull() async throws { try await scenarios.amountsNotANumber() }
    @Test func laterRunsKeepTheDatabasesLanguages() async throws { try await scenarios.laterLanguages() }

    /// A database another writer holds (as a second `iatix load` found the first): a new
    /// database with one file loaded, and a connection in the middle of a write transaction.
    private func heldDatabase(_ name: String) async throws -> (path: String, holder: SQLiteDatabase) {
        let path = try LoadScenarios.temporaryFolder() + "/\(name).db"
        _ = try await runLoadAsync(LoadOptions(inputs: [LoadScenarios.sample], database: .sqlite(path: path)))
        let holder = try SQLiteDatabase(path: path, lockWait: 1)
        try holder.begin()
        return (path, holder)
    }

    @Test("a second writer waits for the first to finish its transaction instead of failing the file")
    func aSecondWriterWaits() async throws {
        let (path, holder) = try await heldDatabase("waits")
        let started = ContinuousClock.now
        let loading = Task { try await runLoadAsync(LoadOptions(inputs: [LoadScenarios.older], database: .sqlite(path: path))) }
        try await Task.sleep(for: .seconds(1))
        holder.rollback()
        holder.close()
        let summary = try await loading.value
        #expect(ContinuousClock.now - started >= .seconds(1))
        #expect(summary.read.problems.isEmpty, "\(summary.read.problems)")
        #expect(summary.datasets.count == 1)
        #expect(try await LoadScenarios.query(.sqlite(path: path), "SELECT count(*) FROM datasets").first?.first == "2")
    }

    @Test("a writer that waited too long stops, saying the database is in use and to run again, not blaming its input")
    func aWriterThatWaitedTooLong() async throws {
        let (path, holder) = try await heldDatabase("in-use")
        defer { holder.close() }
        var options = LoadOptions(inputs: [LoadScenarios.older], database: .sqlite(path: path))
        options.lockWait = 0.5
        let error = try await #require(throws: LoadError.self) { try await runLoadAsync(options) }
        #expect(error.description.contains("is in use by another writer"), "\(error)")
        #expect(error.description.contains("run this load again"), "\(error)")
        #expect(!error.description.contains("could be read"), "\(error)")
        #expect(!error.isUsage)
        holder.rollback()
        #expect(try await LoadScenarios.query(.sqlite(path: path), "SELECT count(*) FROM datasets").first?.first == "1")
    }
}
