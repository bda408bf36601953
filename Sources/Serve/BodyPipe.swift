import LibXML
import NIOCore
import Platform

/// A request body on its way from the network (an async task sending what arrives) to the
/// parser (a worker thread reading it as a ``ByteSource``), holding at most about `capacity`
/// bytes: the sender waits while it is full, so an upload of any size passes through in
/// constant memory at the speed the parser reads it.
///
/// Either side can end it: the sender with ``finish(throwing:)`` (the end of the body, or what
/// went wrong receiving it), the reader's side with ``cancel(_:)`` (the job stopped, the time
/// limit, the client gone), after which sending throws and reading throws, and so does the
/// reading of a file spooled from the body (``stopping``).
final class BodyPipe: ByteSource, Sendable {
    private struct State {
        var chunks: [ByteBuffer] = []
        var first = 0
        var buffered = 0
        var finished = false
        var failure: (any Error)?
        var waitingSender: CheckedContinuation<Void, any Error>?
    }

    private let state = Locked(State())
    private let capacity: Int
    /// Stopped when the pipe is cut from the reader's side (``cancel(_:)``), with its reason:
    /// a job that spooled the body to a file stops its reading of that file too.
    let stopping = StopSignal()

    init(capacity: Int = 4 << 20) {
        self.capacity = capacity
    }

    // MARK: the network's side

    /// Hands on `buffer`; waits while the pipe is full.
    /// - Throws: what ended the pipe from the reader's side.
    func send(_ buffer: ByteBuffer) async throws {
        guard buffer.readableBytes > 0 else { return }
        try state.withLock(waking: .all) { state in
            if let failure = state.failure { throw failure }
            state.chunks.append(buffer)
            state.buffered += buffer.readableBytes
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome: Result<Void, any Error>? = state.withLock { state in
                if let failure = state.failure { return .failure(failure) }
                if state.buffered <= capacity { return .success(()) }
                state.waitingSender = continuation
                return nil
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    /// The body is complete (`error == nil`) or could not be received whole; once only (the
    /// first call counts).
    /// - Returns: whether the reader sees `error`: `false` when the pipe had already ended (the
    ///   body was complete, or the reader's side cancelled it: the job ended, its time limit passed).
    @discardableResult
    func finish(throwing error: (any Error)? = nil) -> Bool {
        let (sender, seen): (CheckedContinuation<Void, any Error>?, Bool) = state.withLock(waking: .all) { state in
            guard !state.finished else { return (nil, false) }
            var seen = false
            if let error, state.failure == nil {
                state.failure = error
                seen = true
            }
            state.finished = true
            defer { state.waitingSender = nil }
            return (state.waitingSender, seen)
        }
        if let error { sender?.resume(throwing: error) } else { sender?.resume() }
        return seen
    }

    /// Ends the pipe from the reader's side: the sender's next ``send(_:)`` throws `error`.
    func cancel(_ error: any Error) {
        stopping.stop(error)
        let sender: CheckedContinuation<Void, any Error>? = state.withLock(waking: .all) { state in
            if state.failure == nil { state.failure = error }
            state.chunks.removeAll()
            state.buffered = 0
            defer { state.waitingSender = nil }
            return state.waitingSender
        }
        sender?.resume(throwing: error)
    }

    // MARK: the parser's side

    /// Blocks until bytes arrive or the body ends; 0 at its end.
    /// - Throws: what ended the pipe early.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        let (count, sender) = try state.withLock(when: { !$0.chunks.isEmpty || $0.finished || $0.failure != nil }) {
            state -> (Int, CheckedContinuation<Void, any Error>?) in
            if let failure = state.failure { throw failure }
            guard state.first < state.chunks.count else { return (0, nil) }
            let count = state.chunks[state.first].withUnsafeReadableBytes { bytes in
                let count = min(bytes.count, buffer.count)
                buffer.baseAddress?.copyMemory(from: bytes.baseAddress!, byteCount: count)
                return count
            }
            state.chunks[state.first].moveReaderIndex(forwardBy: count)
            if state.chunks[state.first].readableBytes == 0 {
                state.first += 1
                if state.first >= 64 || state.first == state.chunks.count {
                    state.chunks.removeFirst(state.first)
                    state.first = 0
                }
            }
            state.buffered -= count
            guard state.buffered <= capacity / 2, let sender = state.waitingSender else { return (count, nil) }
            state.waitingSender = nil
            return (count, sender)
        }
        sender?.resume()
        return count
    }
}
