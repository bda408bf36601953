import ArgumentParser
import LibXML

/// `iatix`: IATI data exchange for the Viet Nam–ILO Decent Work Country Programme.
@main
struct Iatix: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iatix",
        abstract: "Convert and check IATI activity files (versions 1.0x–2.03).",
        discussion: """
            Exit status: 0 success, 1 an input failed (or validation found what --fail-on names), 2 wrong usage.
            """,
        version: "\(version) (\(Allocator.description))",
        subcommands: [Convert.self, Validate.self, Batch.self, Outputs.self, Flatten.self, LoadCommand.self, ServeCommand.self]
    )

    /// iatix's version, as `--version` and the outputs' header show it.
    static let version = "0.1.0"

    /// Runs the command line with exit status 2 for usage errors (ArgumentParser's default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Terminal.standardError(fullMessage(for: error))
                Terminal.standardError("Run 'iatix help' for usage.")
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
