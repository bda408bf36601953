/// Where a node starts in its input: the line and column of an element's `<`, of an
/// attribute's name, of the first character of a text.
///
/// Both are 1-based; columns count characters (Unicode scalars, a tab as one), as libxml2
/// counts them in its own error positions. 0 means unknown: a node built in code, or a place
/// the reader could not tell for sure (it gives no number rather than a wrong one).
public struct SourcePosition: Sendable, Hashable {
    /// 1-based line, 0 when unknown.
    public var line: Int
    /// 1-based column, 0 when unknown (the line may still be known).
    public var column: Int

    /// A position; 0 for what is unknown.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Nothing known.
    public static let unknown = SourcePosition(line: 0, column: 0)

    /// Whether the line is known.
    public var isKnown: Bool { line > 0 }
}
