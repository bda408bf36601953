/// Tells a long job, from another thread, to stop: a time limit passed, or the one waiting for
/// its result went away. The job checks it where it reads its input (``check()``), and stops at
/// its next read with the reason given.
///
/// Compared by identity: one signal per job.
public final class StopSignal: Sendable, Hashable {
    private let reason = Locked<(any Error)?>(nil)

    public init() {}

    /// Stops the job with `reason`; later calls keep the first reason.
    public func stop(_ reason: any Error) {
        self.reason.withLock { current in
            if current == nil { current = reason }
        }
    }

    /// - Throws: the reason given to ``stop(_:)``, once it was called.
    public func check() throws {
        if let reason = reason.withLock({ $0 }) { throw reason }
    }

    public static func == (left: StopSignal, right: StopSignal) -> Bool { left === right }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(self))
    }
}
