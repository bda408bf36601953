import Foundation
import Load
import Testing

/// `iatix load` into a real PostgreSQL server: a throwaway cluster started for the test and
/// stopped after it. Skipped when PostgreSQL's programs are not installed.
@Suite struct PostgresLoadTests {
    @Test(.enabled(if: PostgresCluster.binaries != nil, "PostgreSQL's programs (initdb, pg_ctl) not found under /usr/lib/postgresql: PostgreSQL tests skipped"))
    func everyScenario() async throws {
        let cluster = try PostgresCluster(bin: PostgresCluster.binaries ?? "")
        defer { cluster.stop() }
        let scenarios = LoadScenarios { name in try await cluster.newDatabase(name) }
        try await scenarios.countsAndSplits()
        try await scenarios.loadTwice()
        try await scenarios.changedFileReplaces()
        try await scenarios.brokenFileInTheMiddle()
        try await scenarios.readmeQuery()
        try await scenarios.keysAndIndexesAfterEachLoad()
        try await scenarios.replacedInTheSameRun()
        try await scenarios.amountsNotANumber()
        try await scenarios.laterLanguages()
    }
}
