/// How serious a finding is, from least to most.
///
/// `critical` is what the official IATI Validator reserves for files that are not usable at
/// all (not XML, not IATI, an unsupported version, not valid against the schema); `error` for
/// what the standard says MUST hold; `warning` for SHOULD; `info` for advice.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case info
    case warning
    case error
    case critical

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        case .critical: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    public var description: String { rawValue }
}
