/// A folder or file that cannot be listed, read or created, as a value.
public struct PathError: Error, Sendable, Hashable, CustomStringConvertible {
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
