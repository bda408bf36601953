import Foundation
import Load
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
}
