/// A problem with the run itself (the output folder, the manifest), not with one input.
public struct BatchError: Error, Sendable, CustomStringConvertible {
    /// The folder or file concerned.
    public var path: String
    /// What went wrong.
    public var message: String

    /// Makes an error about `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
