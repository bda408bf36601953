import IATIValidation
import Logging

/// What every endpoint shares: the options, the job pool, the metrics, the rules.
struct ServerCore: Sendable {
    /// The version `GET /api/pub/version` and the reports give.
    static let version = "0.1.0"

    let options: ServeOptions
    let pool: JobPool
    let metrics: ServerMetrics
    let rules: RulesProvider?
    let keys: AccessKeys?

    /// Checking threads per validation besides the job's own: the processors the jobs do not
    /// take already.
    var checkingThreads: Int { max(0, ServeOptions.defaultConcurrency / max(1, options.concurrency) - 1) }
}
