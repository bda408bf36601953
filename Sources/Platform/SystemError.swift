#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed C library call: its `errno` and the system's description of it.
package struct SystemError: Error, Sendable, Equatable {
    /// The `errno` value (`EISDIR`, `ENOSPC`, ...).
    package let code: Int32

    /// The error of the last failed call on this thread (`errno`).
    package static var current: SystemError { SystemError(code: errno) }

    package init(code: Int32) { self.code = code }

    /// `strerror(code)`, lowercased to sit inside a sentence ("no space left on device").
    package var reason: String { String(cString: strerror(code)).lowercased() }

    /// Whether the call was interrupted by a signal and can be made again (`EINTR`).
    package var isInterruption: Bool { code == EINTR }

    /// Whether the call was refused for an argument the system or the file does not take
    /// (`EINVAL`): a write around the page cache that a device does not take, say.
    package var isInvalidArgument: Bool { code == EINVAL }
}
