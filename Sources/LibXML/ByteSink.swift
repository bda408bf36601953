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
    public let output: OutputBuffer
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
    /// Whether the file is written around the page cache (see ``init(path:durable:)``), in
    /// whole blocks that ``writer`` writes on a thread of its own.
    private var direct = false
    private var writer: BlockWriter?
    /// How much ``output`` holds before ``flushIfFull()`` writes it out.
    @usableFromInline let flushSize: Int

    /// How many bytes of a file to be made durable are written before their writing out to
    /// the device is started: a large output (the flat tables write hundreds of MB) is then
    /// mostly on the device by ``commit()``, which waits for the rest.
    static let writeBackSpan = 1 << 23

    @usableFromInline static let flushThreshold = 1 << 16
    /// The size of a write around the page cache: large, as each waits for the device.
    static let directFlushThreshold = 1 << 19

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
            case .replaced(_, let temporary):
                // A file made durable is written around the page cache where the system can:
                // the cache would only copy it on its way to the device (hundreds of MB of
                // tables), and fill memory with it.
                if durable, let opened = try FileDescriptor.openDirect(temporary) {
                    file = opened
                    direct = true
                } else {
                    file = try FileDescriptor.open(temporary, .replacing)
                }
            case .stream: file = nil  // OutputTarget(path:) never gives it
            }
        } catch {
            throw XMLError(level: .fatal, file: path, message: "cannot write: \(error.reason); check that the folder exists and is writable")
        }
        flushSize = direct ? Self.directFlushThreshold : Self.flushThreshold
        output = OutputBuffer(capacity: flushSize * 2, alignment: direct ? FileDescriptor.directAlignment : 1)
    }

    /// A sink whose bytes go to `stream`, in pieces of about 64 KiB, as they are flushed;
    /// ``commit()`` flushes the rest, ``discard()`` drops it. `name` labels errors; an error
    /// `stream` throws comes back as an `XMLError` naming it.
    public init(name: String, stream: @escaping ([UInt8]) throws -> Void) {
        self.path = name
        self.durable = false
        self.target = .stream
        self.stream = stream
        flushSize = Self.flushThreshold
        output = OutputBuffer(capacity: flushSize * 2)
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
        if output.count >= flushSize { try flush() }
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
        if direct {
            try writeBlocks(to: file)
            return
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

    /// Hands the whole blocks of ``output`` to the file's ``BlockWriter`` (started with the
    /// first), keeping the rest, less than a block, in the memory it gives back.
    private func writeBlocks(to file: FileDescriptor) throws(XMLError) {
        let blocks = output.count & ~(FileDescriptor.directAlignment - 1)
        guard blocks > 0 else { return }
        let writer = self.writer ?? BlockWriter(file: file, depth: 2)
        self.writer = writer
        let storage = output.storage
        let empty: BlockWriter.Block
        do {
            empty = try writer.write(.init(base: storage.base, capacity: storage.capacity, count: blocks))
        } catch {
            throw XMLError(level: .fatal, file: path, message: "cannot write: \(error.reason)")
        }
        output.exchange(for: empty.base, capacity: empty.capacity, keepingFrom: blocks)
        count += blocks
    }

    /// Waits for the blocks handed to the writer to be written and ends its thread; the file
    /// is written through the page cache from then on (its last bytes, less than a block).
    private func closeWriter(_ file: FileDescriptor) throws(XMLError) {
        do {
            try writer?.close()
            writer = nil
            if direct {
                direct = false
                // What was written went straight to the device: only what follows is left
                // for the page cache to write back.
                writtenBack = count
                try file.stopWritingDirect()
            }
        } catch {
            throw XMLError(level: .fatal, file: path, message: "cannot write: \(error.reason)")
        }
    }

    /// Flushes a file that ``commit()`` will make durable and put in place, and makes what
    /// was written durable now, leaving it open: ``commit()`` then has little left to wait
    /// for. Nothing for any other output (a stream, a pipe, standard output).
    public func synchronize() throws(XMLError) {
        guard durable, case .replaced = target, let file else { return }
        try flush()
        do {
            try writer?.drain()
            try file.synchronize()
        } catch {
            throw XMLError(level: .fatal, file: path, message: "cannot write: \(error.reason)")
        }
    }

    /// Flushes; a file is then renamed to its final name, a device or pipe closed.
    public func commit() throws(XMLError) {
        if let file { try closeWriter(file) }
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
        try? writer?.close()
        writer = nil
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
