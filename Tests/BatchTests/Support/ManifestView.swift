import Foundation

/// A parsed `manifest.json`, with the accessors the tests need.
struct ManifestView {
    let root: [String: Any]

    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FixtureError("\(path) is not a JSON object")
        }
        self.root = root
    }

    var files: [[String: Any]] { root["files"] as? [[String: Any]] ?? [] }
    var totals: [String: Any] { root["totals"] as? [String: Any] ?? [:] }
    var failures: [[String: Any]] { root["failures"] as? [[String: Any]] ?? [] }
    var complete: Bool { root["complete"] as? Bool ?? false }

    func total(_ key: String) -> Int { totals[key] as? Int ?? -1 }
    func activityTotal(_ key: String) -> Int { (totals["activities"] as? [String: Any])?[key] as? Int ?? -1 }

    /// Records with this status.
    func files(_ status: String) -> [[String: Any]] { files.filter { $0["status"] as? String == status } }

    /// The record whose path (or member) ends with `suffix`.
    func file(endingWith suffix: String) -> [String: Any]? {
        files.first { (($0["member"] as? String) ?? ($0["path"] as? String) ?? "").hasSuffix(suffix) }
    }

    /// `path` or `path/member`.
    static func name(_ record: [String: Any]) -> String {
        let path = record["path"] as? String ?? ""
        return (record["member"] as? String).map { "\(path)/\($0)" } ?? path
    }

    static func activities(_ record: [String: Any], _ key: String) -> Int {
        (record["activities"] as? [String: Any])?[key] as? Int ?? -1
    }

    /// Whether totals are the sums of the records and read = written + rejected everywhere.
    func balances() -> Bool {
        var read = 0, written = 0, rejected = 0
        for record in files {
            let r = Self.activities(record, "read"), w = Self.activities(record, "written"), j = Self.activities(record, "rejected")
            let reasons = ((record["activities"] as? [String: Any])?["reasons"] as? [String: Int])?.values.reduce(0, +) ?? -1
            guard r == w + j, j == reasons else { return false }
            read += r
            written += w
            rejected += j
        }
        let statuses = ["converted", "unchanged", "failed", "not-done"].map { total($0) }.reduce(0, +)
        return read == activityTotal("read") && written == activityTotal("written") && rejected == activityTotal("rejected")
            && read == written + rejected && statuses == total("files") && total("files") == files.count
            && totals["balanced"] as? Bool == true
    }
}
