/// What ``InputScanner`` found: the documents to read, in order; what it left out and why;
/// what it could not read.
public struct InputScan: Sendable {
    /// The documents, in the order of the inputs (folders in byte order of names, archives in
    /// archive order).
    public var documents: [InputDocument] = []
    /// Paths left out (hidden, not matching `--include`, excluded, …).
    public var skipped: [SkippedInput] = []
    /// Inputs that could not be read or listed.
    public var problems: [UnreadableInput] = []

    /// An empty scan.
    public init() {}
}
