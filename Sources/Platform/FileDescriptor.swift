#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file descriptor: the project's one way of writing bytes through the C library
/// (`open`, `write`, `fsync`, `close`). A value, not an owner: whoever opens one closes it.
package struct FileDescriptor: Sendable, Equatable {
    /// The C descriptor.
    package let raw: Int32

    package init(raw: Int32) { self.raw = raw }

    package static let standardOutput = FileDescriptor(raw: STDOUT_FILENO)
    package static let standardError = FileDescriptor(raw: STDERR_FILENO)

    /// How ``open(_:_:)`` opens a path for writing.
    package enum Opening: Sendable {
        /// Creates the file, or empties it if it exists (`O_CREAT | O_TRUNC`), mode 0644.
        case replacing
        /// Opens what exists, as it is (a device, a named pipe): nothing is created or emptied.
        case existing
        /// Creates the file or appends to it (`O_CREAT | O_APPEND`), mode 0644.
        case appending

        fileprivate var flags: Int32 {
            switch self {
            case .replacing: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
            case .existing: O_WRONLY | O_CLOEXEC
            case .appending: O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC
            }
        }
    }

    /// Opens `path` for writing; blocks on a named pipe until a reader opens it.
    /// - Throws: the `open` error.
    package static func open(_ path: String, _ opening: Opening) throws(SystemError) -> FileDescriptor {
        try open(path, flags: opening.flags)
    }

    /// Opens `path` for reading.
    /// - Throws: the `open` error.
    package static func openForReading(_ path: String) throws(SystemError) -> FileDescriptor {
        try open(path, flags: O_RDONLY | O_CLOEXEC)
    }

    /// `open(path, flags, 0644)`, made again when interrupted.
    private static func open(_ path: String, flags: Int32) throws(SystemError) -> FileDescriptor {
        while true {
            let fd = systemOpen(path, flags)
            if fd >= 0 { return FileDescriptor(raw: fd) }
            let error = SystemError.current
            if !error.isInterruption { throw error }
        }
    }

    /// Reads at most `buffer.count` bytes; 0 at the end.
    /// - Throws: the `read` error.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = systemRead(raw, base, buffer.count)
            if count >= 0 { return count }
            let error = SystemError.current
            if !error.isInterruption { throw error }
        }
    }

    /// Writes some of `bytes` (one `write` call, made again when interrupted); how many.
    /// - Throws: the `write` error.
    package func writeOnce(_ bytes: UnsafeRawBufferPointer) throws(SystemError) -> Int {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        while true {
            let written = systemWrite(raw, base, bytes.count)
            if written > 0 { return written }
            if written == 0 { throw SystemError(code: EIO) }
            let error = SystemError.current
            if !error.isInterruption { throw error }
        }
    }

    /// Writes all of `bytes`, however many calls it takes.
    /// - Throws: the `write` error (a full disk, a closed pipe).
    package func write(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            offset += try writeOnce(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        }
    }

    /// Writes all of `bytes`.
    package func write(_ bytes: [UInt8]) throws(SystemError) {
        // A typed throw cannot cross withUnsafeBytes, so the error is carried out.
        let failure: SystemError? = bytes.withUnsafeBytes { raw in
            do throws(SystemError) {
                try write(raw)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Makes what was written durable (`fsync`); descriptors that cannot be synchronised
    /// (pipes, devices: `EINVAL`) pass.
    package func synchronize() throws(SystemError) {
        if fsync(raw) != 0 {
            let error = SystemError.current
            if error.code != EINVAL && error.code != EROFS { throw error }
        }
    }

    /// Starts writing `count` bytes from `offset` out to the device without waiting for them
    /// (Linux `sync_file_range` with `SYNC_FILE_RANGE_WRITE`), so that a later
    /// ``synchronize()`` has less left to wait for. A hint: where the call is missing or
    /// fails, nothing happens, and ``synchronize()`` still makes everything durable.
    package func startWritingBack(offset: Int, count: Int) {
        _ = Self.syncFileRange?(raw, Int64(offset), Int64(count), Self.syncFileRangeWrite)
    }

    private static let syncFileRangeWrite: UInt32 = 2

    /// `sync_file_range`, which the C headers declare only for GNU sources: found by name.
    private static let syncFileRange: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
        #if os(Linux)
        // RTLD_DEFAULT: the symbols of the program and the libraries it loaded.
        guard let symbol = dlsym(nil, "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// Creates `path` or empties it, mode 0644, for writing around the page cache (`O_DIRECT`:
    /// each write goes to the device from the writer's memory, which must be aligned, see
    /// ``directAlignment``). `nil` where the file system or the system has no such writing.
    /// - Throws: the `open` error, when the path cannot be opened at all.
    package static func openDirect(_ path: String) throws(SystemError) -> FileDescriptor? {
        guard let direct = directFlag else { return nil }
        do {
            return try open(path, flags: Opening.replacing.flags | direct)
        } catch where error.isInvalidArgument {
            return nil
        }
    }

    /// What the address, length and file offset of a write around the page cache are
    /// multiples of: the page size, a multiple of the logical block size of common devices
    /// (512 or 4,096 bytes). A device that wants more refuses the write (`EINVAL`).
    package static let directAlignment = 4096

    /// Makes later writes go through the page cache (clears `O_DIRECT`): for a file's last
    /// bytes, which are not a whole block.
    /// - Throws: the `fcntl` error.
    package func stopWritingDirect() throws(SystemError) {
        guard let direct = Self.directFlag else { return }
        let flags = fcntl(raw, F_GETFL)
        if flags < 0 || fcntl(raw, F_SETFL, flags & ~direct) < 0 { throw SystemError.current }
    }

    /// Whether writes go around the page cache (`O_DIRECT` is set).
    /// - Throws: the `fcntl` error.
    package var isWritingDirect: Bool {
        get throws(SystemError) {
            guard let direct = Self.directFlag else { return false }
            let flags = fcntl(raw, F_GETFL)
            if flags < 0 { throw SystemError.current }
            return flags & direct != 0
        }
    }

    /// `O_DIRECT`, which the C headers declare only for GNU sources; its value depends on the
    /// processor.
    private static let directFlag: Int32? = {
        #if os(Linux) && (arch(x86_64) || arch(i386))
        return 0o40000
        #elseif os(Linux) && (arch(arm64) || arch(arm))
        return 0o200000
        #else
        return nil
        #endif
    }()

    /// Closes the descriptor.
    package func close() {
        systemClose(raw)
    }

    /// Whether the descriptor is a terminal.
    package var isTerminal: Bool { isatty(raw) == 1 }
}

// The C calls whose names the methods above reuse, reached without naming the C module.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags, 0o644) }
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
private func systemClose(_ fd: Int32) { _ = close(fd) }
private func systemRead(_ fd: Int32, _ bytes: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, bytes, count) }
