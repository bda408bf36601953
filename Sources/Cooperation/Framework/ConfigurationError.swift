import LibXML

/// Problems found in a framework or rates file, each with where and what to fix.
///
/// Thrown before any input is read, with every problem found in the file, not just the first.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [ConfigurationProblem]

    /// Creates an error.
    public init(problems: [ConfigurationProblem]) {
        self.problems = problems
    }

    /// One problem a line, `file:line:column: message`.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

/// One problem in a configuration file.
public struct ConfigurationProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line, 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based column, 0 when unknown.
    public var column: Int
    public var message: String

    /// Creates a problem.
    public init(file: String, line: Int = 0, column: Int = 0, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String {
        "\(SourceLocation.text(file: file, line: line, column: column)): \(message)"
    }
}
