import Foundation
import Synchronization

/// A clock tests move by hand, whole milliseconds so stored times compare exactly.
final class ManualClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_767_225_600))

    /// The clock as `OrgSimulator(path:clock:)` takes it.
    var source: @Sendable () -> Date { { self.current.withLock { $0 } } }

    func now() -> Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }
}
