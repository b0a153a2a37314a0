import Synchronization
import Targets

/// HTTP targets opened by this command, shut down before it exits (their HTTP client holds
/// event-loop threads and must be closed).
enum OpenTargets {
    private static let open = Mutex<[SalesforceTarget]>([])

    static func register(_ target: SalesforceTarget) {
        open.withLock { $0.append(target) }
    }

    static func shutdownAll() async {
        let targets = open.withLock { targets in
            defer { targets.removeAll() }
            return targets
        }
        // A failed shutdown at exit leaves nothing to clean up: the process ends anyway.
        for target in targets { try? await target.shutdown() }
    }
}
