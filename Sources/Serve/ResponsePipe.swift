import NIOCore
import Platform

/// A response on its way from a worker thread (writing, say, JSON Lines as records are
/// converted) to the network (an async task sending each piece), holding at most about
/// `capacity` bytes: the worker waits while the client is slower than the conversion.
///
/// The worker ends it with ``finish(throwing:)``; the network's side with ``cancel(_:)`` (the
/// client went away, the time limit), after which the worker's next ``write(_:)`` throws.
final class ResponsePipe: Sendable {
    private struct State {
        var chunks: [ByteBuffer] = []
        var buffered = 0
        var finished = false
        var failure: (any Error)?
        var cancelled: (any Error)?
        var waitingReader: CheckedContinuation<ByteBuffer?, any Error>?
        /// Told once, when the first bytes (or the end) are there: see ``started()``.
        var waitingStart: CheckedContinuation<Void, Never>?
        var hasStarted: Bool { !chunks.isEmpty || finished }
    }

    private let state = Locked(State())
    private let capacity: Int

    init(capacity: Int = 1 << 20) {
        self.capacity = capacity
    }

    // MARK: the worker's side

    /// Hands `bytes` on; blocks while the pipe is full.
    /// - Throws: what cancelled the pipe.
    func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        let buffer = ByteBuffer(bytes: bytes)
        let (reader, start) = try state.withLock(when: { $0.buffered < capacity || $0.cancelled != nil }) {
            state -> (CheckedContinuation<ByteBuffer?, any Error>?, CheckedContinuation<Void, Never>?) in
            if let cancelled = state.cancelled { throw cancelled }
            let start = state.waitingStart
            state.waitingStart = nil
            if let reader = state.waitingReader {
                state.waitingReader = nil
                return (reader, start)
            }
            state.chunks.append(buffer)
            state.buffered += buffer.readableBytes
            return (nil, start)
        }
        start?.resume()
        reader?.resume(returning: buffer)
    }

    /// The response is complete (`error == nil`), or broke off with `error`.
    func finish(throwing error: (any Error)? = nil) {
        let (reader, start, chunk) = state.withLock(waking: .all) {
            state -> (CheckedContinuation<ByteBuffer?, any Error>?, CheckedContinuation<Void, Never>?, Bool) in
            state.finished = true
            state.failure = error
            defer { state.waitingReader = nil; state.waitingStart = nil }
            return (state.waitingReader, state.waitingStart, !state.chunks.isEmpty)
        }
        start?.resume()
        assert(!(chunk && reader != nil))
        if let error { reader?.resume(throwing: error) } else { reader?.resume(returning: nil) }
    }

    // MARK: the network's side

    /// Returns when the worker has written its first bytes or finished: time to choose the
    /// response's status.
    func started() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state in
                if state.hasStarted { return true }
                state.waitingStart = continuation
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// `true` when the worker finished without writing anything; the error it finished with.
    var outcomeBeforeAnyBytes: (empty: Bool, failure: (any Error)?) {
        state.withLock { ($0.finished && $0.chunks.isEmpty, $0.chunks.isEmpty ? $0.failure : nil) }
    }

    /// The next piece; `nil` at the end.
    /// - Throws: the error the worker finished with.
    func next() async throws -> ByteBuffer? {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ByteBuffer?, any Error>) in
            let outcome: Result<ByteBuffer?, any Error>? = state.withLock(waking: .all) { state in
                if !state.chunks.isEmpty {
                    let chunk = state.chunks.removeFirst()
                    state.buffered -= chunk.readableBytes
                    return .success(chunk)
                }
                if state.finished { return state.failure.map { .failure($0) } ?? .success(nil) }
                state.waitingReader = continuation
                return nil
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    /// Stops the worker: its next ``write(_:)`` throws `error`.
    func cancel(_ error: any Error) {
        state.withLock(waking: .all) { state in
            if state.cancelled == nil { state.cancelled = error }
            state.chunks.removeAll()
            state.buffered = 0
        }
    }
}
