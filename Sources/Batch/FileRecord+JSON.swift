import IATI

extension FileRecord {
    /// The manifest entry, keys in a fixed order.
    var json: JSONValue {
        let activities: JSONValue = .object([
            ("read", .number(String(read))),
            ("written", .number(String(written))),
            ("rejected", .number(String(rejected))),
            ("reasons", JSONValue.counts(reasons)),
        ])
        var members: [(key: String, value: JSONValue)] = []
        members.append(("path", .string(path)))
        members.append(("member", JSONValue.optional(member)))
        members.append(("output", JSONValue.optional(output)))
        members.append(("status", .string(status.rawValue)))
        members.append(("size", JSONValue.optional(size)))
        members.append(("sha256", JSONValue.optional(sha256)))
        members.append(("version", JSONValue.optional(version)))
        members.append(("activities", activities))
        members.append(("notices", JSONValue.counts(notices)))
        members.append(("leftOut", .array(leftOut.map(JSONValue.string))))
        members.append(("validation", validation.json))
        members.append(("error", JSONValue.optional(error)))
        members.append(("duration", .number(JSONValue.seconds(duration))))
        return .object(members)
    }

    /// Reads an entry written by ``json``; `nil` when required members are missing.
    init?(json: JSONValue) {
        guard case .string(let path)? = json["path"],
            case .string(let statusText)? = json["status"], let status = Status(rawValue: statusText)
        else { return nil }
        self.init(path: path, member: json["member"]?.stringValue, output: json["output"]?.stringValue, status: status)
        size = json["size"]?.intValue
        sha256 = json["sha256"]?.stringValue
        version = json["version"]?.stringValue
        let activities = json["activities"]
        read = activities?["read"]?.intValue ?? 0
        written = activities?["written"]?.intValue ?? 0
        rejected = activities?["rejected"]?.intValue ?? 0
        reasons = activities?["reasons"]?.countsValue ?? [:]
        notices = json["notices"]?.countsValue ?? [:]
        if case .array(let items)? = json["leftOut"] { leftOut = items.compactMap(\.stringValue) }
        validation = json["validation"].map(ValidationOutcome.init(json:)) ?? .notRequested
        error = json["error"]?.stringValue
        if case .number(let text)? = json["duration"] { duration = Double(text) ?? 0 }
    }
}

extension ValidationOutcome {
    var json: JSONValue {
        switch self {
        case .notRequested: .string("not requested")
        case .notAvailable: .string("not available")
        case .findings(let counts): JSONValue.counts(counts)
        }
    }

    init(json: JSONValue) {
        switch json {
        case .string("not available"): self = .notAvailable
        case .object: self = .findings(json.countsValue ?? [:])
        default: self = .notRequested
        }
    }
}

extension JSONValue {
    /// Counts as an object with keys in byte order.
    static func counts(_ counts: [String: Int]) -> JSONValue {
        .object(counts.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, .number(String($0.value))) })
    }

    /// A string, or `null`.
    static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    /// A number, or `null`.
    static func optional(_ number: Int?) -> JSONValue {
        number.map { .number(String($0)) } ?? .null
    }

    /// Seconds with millisecond precision.
    static func seconds(_ value: Double) -> String {
        let milliseconds = Int((max(0, value) * 1000).rounded())
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var intValue: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }

    var countsValue: [String: Int]? {
        guard case .object(let members) = self else { return nil }
        var counts: [String: Int] = [:]
        for member in members {
            if let value = member.value.intValue { counts[member.key] = value }
        }
        return counts
    }
}
