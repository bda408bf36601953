import Foundation

/// Headless Chromium, for the tests that open the HTML reports as a person would.
public enum Browser {
    /// The browser, `nil` when none is installed (Debian: `apt-get install chromium`).
    public static let chromium: String? = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + ["/usr/bin"]
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            if let found = paths.map({ "\($0)/\(name)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
                return found
            }
        }
        return nil
    }()

    /// Runs the browser headless with these arguments and a fresh profile, which is also its
    /// temporary folder (so the folders it makes there go when the profile goes).
    public static func headless(_ arguments: [String]) throws -> CommandResult {
        let profile = try TemporaryFolder()
        return try Command.run(
            chromium ?? "/usr/bin/chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage",
                "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
            ] + arguments,
            environment: ["TMPDIR": profile.path])
    }

    /// The console errors in a run's log.
    public static func consoleErrors(_ result: CommandResult) -> [Substring] {
        result.standardError.split(separator: "\n").filter { $0.contains("CONSOLE") && $0.contains("ERROR") }
    }
}
