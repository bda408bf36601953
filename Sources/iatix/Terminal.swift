import Platform
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to standard error, and whether it is a terminal.
enum Terminal {
    static func standardError(_ line: String) {
        write(line + "\n")
    }

    private static func write(_ text: String) {
        // Standard error that cannot be written has no one left to tell.
        try? FileDescriptor.standardError.write(Array(text.utf8))
    }

    static var standardErrorIsTerminal: Bool { FileDescriptor.standardError.isTerminal }

    /// Rewrites the current terminal line (progress); no-op when stderr is not a terminal.
    static func status(_ line: String) {
        guard standardErrorIsTerminal else { return }
        write("\r\u{1B}[K\(line)")
    }

    static func clearStatus() {
        guard standardErrorIsTerminal else { return }
        write("\r\u{1B}[K")
    }

    /// Seconds on a monotonic clock.
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
