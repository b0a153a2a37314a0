import Synchronization

/// HTTP clients opened by this command (REST targets, the VCC admin client), shut down before
/// it exits: each holds event-loop threads and must be closed.
enum OpenTargets {
    private static let open = Mutex<[@Sendable () async throws -> Void]>([])

    /// Registers the shutdown of one client.
    static func register(_ shutdown: @escaping @Sendable () async throws -> Void) {
        open.withLock { $0.append(shutdown) }
    }

    static func shutdownAll() async {
        let shutdowns = open.withLock { shutdowns in
            defer { shutdowns.removeAll() }
            return shutdowns
        }
        // A failed shutdown at exit leaves nothing to clean up: the process ends anyway.
        for shutdown in shutdowns { try? await shutdown() }
    }
}
