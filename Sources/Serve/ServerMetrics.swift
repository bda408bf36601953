import Prometheus

/// The server's Prometheus metrics, served at `/metrics`: requests by route and status, their
/// durations, bytes in and out, findings by severity, jobs running and requests turned away.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let jobs: Gauge
    private let rejections: Counter

    init() {
        jobs = registry.makeGauge(descriptor: Self.name("jobs", "running", "Jobs admitted (running or waiting for a thread)"))
        rejections = registry.makeCounter(
            descriptor: Self.name("requests", "rejected_total", "Requests answered 503 because every job place was taken"))
    }

    private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "iatix", metricName: metric, unitName: unit, helpText: help)
    }

    /// One request done: `route` is the endpoint's path pattern (never the raw path, which
    /// would make a series per URL).
    func request(route: String, method: String, status: Int, seconds: Double, bytesIn: Int, bytesOut: Int?) {
        let labels = [("route", route), ("method", method), ("status", String(status))]
        registry.makeCounter(descriptor: Self.name("http_requests", "total", "HTTP requests answered"), labels: labels).increment()
        registry.makeDurationHistogram(
            descriptor: Self.name("http_request_duration", "seconds", "Time from the request to the end of its response"),
            labels: [("route", route)], buckets: Self.buckets
        ).record(.nanoseconds(Int64(seconds * 1e9)))
        registry.makeCounter(descriptor: Self.name("http_request_body", "bytes_total", "Bytes of request bodies received"), labels: [("route", route)])
            .increment(by: Int64(bytesIn))
        if let bytesOut {
            registry.makeCounter(descriptor: Self.name("http_response_body", "bytes_total", "Bytes of response bodies sent"), labels: [("route", route)])
                .increment(by: Int64(bytesOut))
        }
    }

    /// Findings a validation reported, by severity.
    func findings(critical: Int, error: Int, warning: Int, info: Int) {
        for (severity, count) in [("critical", critical), ("error", error), ("warning", warning), ("info", info)] where count > 0 {
            registry.makeCounter(descriptor: Self.name("validation_findings", "total", "Findings of validations, by severity"), labels: [("severity", severity)])
                .increment(by: Int64(count))
        }
    }

    func jobStarted() { jobs.increment() }
    func jobEnded() { jobs.decrement() }
    func rejected() { rejections.increment() }

    /// The exposition text.
    func text() -> String { registry.emitToString() }

    private static let buckets: [Duration] = [
        .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(300),
    ]
}
