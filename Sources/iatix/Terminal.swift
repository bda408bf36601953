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
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(STDERR_FILENO, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if written <= 0 { return }
            offset += written
        }
    }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

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
