import Synchronization

/// A request to stop an apply at its next batch boundary: made from outside the apply (the CLI
/// makes one when SIGTERM, SIGINT or SIGHUP arrives). A batch already sent runs to its end and is
/// committed; no further batch is sent, and the history entry reads `interrupted`. Stopping between
/// batches, never inside one, is what keeps the state exactly what landed.
public final class ApplyStop: Sendable {
    private let requested = Mutex<String?>(nil)

    public init() {}

    /// Asks the apply to stop; `reason` names what asked ("SIGTERM"). The first reason is kept.
    public func request(_ reason: String) {
        requested.withLock { current in
            if current == nil { current = reason }
        }
    }

    /// Why a stop was requested, or nil while none was.
    public var reason: String? { requested.withLock { $0 } }
}
