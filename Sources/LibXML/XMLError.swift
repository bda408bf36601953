/// A problem with an input, with where it is: one that libxml2 reported (copied out of its
/// `xmlError`), or one found by the code reading the document (wrong root, bad JSON shape).
///
/// Maps libxml2's `xmlError`: `level` is `xmlErrorLevel`, `code` is `xmlParserErrors`,
/// `line` is `line`, `column` is `int2`.
public struct XMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// How serious libxml2 considers the problem (`xmlErrorLevel`).
    public enum Level: Int, Sendable, Hashable, Comparable {
        case warning = 1, error = 2, fatal = 3

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var level: Level
    /// libxml2's numeric error code (`xmlParserErrors`), 0 for errors raised by this module.
    public var code: Int
    /// The input's name as the caller gave it (a path, `-` for standard input, an archive member).
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// What the input turned out to be, when it is not XML (or not the XML expected) and the
    /// message names it rather than repeating libxml2's words; see ``InputKind``.
    public var inputKind: InputKind?

    /// The ``code`` of a warning that an external entity or DTD was not loaded (not one of
    /// libxml2's codes: the readers refuse to load them, and say so).
    public static let externalNotLoaded = 100_001
    /// The ``code`` of an input whose bytes could not be read (damaged compressed data, a
    /// read error): not a fault of its XML.
    public static let unreadable = 100_002

    public init(level: Level, code: Int = 0, file: String, line: Int = 0, column: Int = 0, message: String, inputKind: InputKind? = nil) {
        self.inputKind = inputKind
        self.level = level
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// A fatal problem found by the code reading a document (not by libxml2).
    public init(file: String, line: Int = 0, column: Int = 0, message: String) {
        self.init(level: .fatal, file: file, line: line, column: column, message: message)
    }

    /// `file:line:column: message`, the form compilers and editors understand.
    public var description: String {
        "\(SourceLocation.text(file: file, line: line, column: column)): \(message)"
    }
}

/// Where something is in an input, written as compilers and editors expect.
public enum SourceLocation {
    /// `file`, `file:line` or `file:line:column` (a 0 line or column is left out).
    public static func text(file: String, line: Int, column: Int) -> String {
        guard line > 0 else { return file }
        return column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)"
    }
}
