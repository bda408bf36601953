import LibXML
import Platform

/// A document's bytes that stop coming once its job is told to stop (``StopSignal``): each read
/// checks the signal first, and throws its reason.
final class StoppableSource: ByteSource {
    private let source: any ByteSource
    private let signal: StopSignal

    init(_ source: any ByteSource, signal: StopSignal) {
        self.source = source
        self.signal = signal
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try signal.check()
        return try source.read(into: buffer)
    }
}
