import Platform

/// A buffered output: standard output, a device or pipe written in place, or a file written
/// under a temporary name and renamed into place by ``commit()``, so that an interrupted or
/// failed run never leaves a partial file that looks whole. What is at the path decides
/// which (see ``OutputTarget``): a device or a named pipe is never replaced by a file, and a
/// folder is refused. A sink can also hand its bytes to a function (a network response):
/// see ``init(name:stream:)``.
///
/// Not `Sendable`: one sink belongs to one writer.
public final class ByteSink {
    /// The path as given, or `-` for standard output.
    public let path: String
    private let target: OutputTarget
    /// `nil` once closed (committed or discarded).
    private var file: FileDescriptor?
    /// Takes the bytes instead of a file (``init(name:stream:)``); `nil` once closed.
    private var stream: (([UInt8]) throws -> Void)?
    /// What is written and not yet flushed. A writer may append to it directly (the flat
    /// tables lay their rows out in it), then call ``flushIfFull()``.
    public let output = OutputBuffer(capacity: ByteSink.flushThreshold * 2)
    /// What the body given to ``append(_:)`` appends to, then copied to ``output``: reused for
    /// every record, on the writer's one thread: no run-time exclusivity checks (the body
    /// must not use the sink itself).
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    /// Whether ``commit()`` makes a file durable before putting it in place.
    private let durable: Bool
    /// Bytes written so far.
    public private(set) var count = 0
    /// Bytes of a file to be made durable whose writing out to the device has been started
    /// (see ``flush()``).
    private var writtenBack = 0

    /// How many bytes of a file to be made durable are written before their writing out to
    /// the device is started: a large output (the flat tables write hundreds of MB) is then
    /// mostly on the device by ``commit()``, which waits for the rest.
    static let writeBackSpan = 1 << 23

    @usableFromInline static let flushThreshold = 1 << 16

    /// Opens `path` for writing (`-`: standard output). A new or regular file appears only on
    /// ``commit()``; a device or named pipe is opened at once (a pipe waits for its reader).
    /// - Throws: an `XMLError` naming the path when it cannot be written, or must not be (a
    ///   folder, a block device).
    /// - Parameter durable: whether ``commit()`` makes a file durable (`fsync`) before putting
    ///   it in place; false for a scratch file read back at once and removed.
    public init(path: String, durable: Bool = true) throws(XMLError) {
        self.path = path
        self.durable = durable
        target = try OutputTarget(path: path)
        do {
            switch target {
            case .standardOutput: file = .standardOutput
            case .inPlace: file = try FileDescriptor.open(path, .existing)
            case .replaced(_, let temporary): file = try FileDescriptor.open(temporary, .replacing)
            case .stream: file = nil  // OutputTarget(path:) never gives it
            }
        } catch {
            throw XMLError(level: .fatal, file: path, message: "cannot write: \(error.reason); check that the folder exists and is writable")
        }
    }

    /// A sink whose bytes go to `stream`, in pieces of about 64 KiB, as they are flushed;
    /// ``commit()`` flushes the rest, ``discard()`` drops it. `name` labels errors; an error
    /// `stream` throws comes back as an `XMLError` naming it.
    public init(name: String, stream: @escaping ([UInt8]) throws -> Void) {
        self.path = name
        self.durable = false
        self.target = .stream
        self.stream = stream
    }

    public func write(_ string: String) throws(XMLError) {
        output.append(string)
        try flushIfFull()
    }

    public func write(_ bytes: [UInt8]) throws(XMLError) {
        output.append(bytes)
        try flushIfFull()
    }

    /// Lets `body` append to a byte array, then writes what it appended; `body` must not use
    /// the sink.
    public func append(_ body: (inout [UInt8]) throws -> Void) throws {
        try body(&scratch)
        output.append(scratch)
        scratch.removeAll(keepingCapacity: true)
        try flushIfFull()
    }

    /// Writes out what ``output`` holds once it holds enough for one write.
    @inlinable public func flushIfFull() throws(XMLError) {
        if output.count >= Self.flushThreshold { try flush() }
    }

    /// Writes out what is buffered.
    public func flush() throws(XMLError) {
        guard output.count > 0 else { return }
        if target == .stream {
            guard let stream else {
                throw XMLError(level: .fatal, file: path, message: "cannot write: the output was already closed")
            }
            do {
                try stream(Array(output.bytes))
            } catch {
                throw XMLError(level: .fatal, file: path, message: "cannot write: \(error)")
            }
            count += output.count
            output.removeAll()
            return
        }
        guard let file else {
            throw XMLError(level: .fatal, file: path, message: "cannot write: the output was already closed")
        }
        do {
            try file.write(output.bytes)
        } catch {
            throw XMLError(level: .fatal, file: path, message: "cannot write: \(error.reason)")
        }
        count += output.count
        output.removeAll()
        if durable, count - writtenBack >= Self.writeBackSpan, case .replaced = target {
            file.startWritingBack(offset: writtenBack, count: count - writtenBack)
            writtenBack = count
        }
    }

    /// Flushes a file that ``commit()`` will make durable and put in place, and makes what
    /// was written durable now, leaving it open: ``commit()`` then has little left to wait
    /// for. Nothing for any other output (a stream, a pipe, standard output).
    public func synchronize() throws(XMLError) {
        guard durable, case .replaced = target, let file else { return }
        try flush()
        do {
            try file.synchronize()
        } catch {
            throw XMLError(level: .fatal, file: path, message: "cannot write: \(error.reason)")
        }
    }

    /// Flushes; a file is then renamed to its final name, a device or pipe closed.
    public func commit() throws(XMLError) {
        try flush()
        if target == .stream {
            stream = nil
            return
        }
        guard target != .standardOutput, let file else { return }
        self.file = nil
        guard case .replaced(let final, let temporary) = target else {
            file.close()
            return
        }
        do {
            if durable { try file.synchronize() }
        } catch {
            file.close()
            FilePaths.remove(temporary)
            throw XMLError(level: .fatal, file: path, message: "cannot write: \(error.reason)")
        }
        file.close()
        do {
            try FilePaths.rename(temporary, to: final)
        } catch {
            FilePaths.remove(temporary)
            throw XMLError(level: .fatal, file: path, message: "cannot move the finished file into place: \(error.reason)")
        }
    }

    /// Drops an output that was not committed: a file's temporary is removed, a device or
    /// pipe closed without what is still buffered.
    public func discard() {
        output.removeAll()
        stream = nil
        guard target != .standardOutput, let file else { return }
        self.file = nil
        file.close()
        if case .replaced(_, let temporary) = target { FilePaths.remove(temporary) }
    }

    deinit {
        if target == .standardOutput {
            try? flush()
        } else {
            discard()
        }
    }
}
