/// The state lock's wait loop, shared by every store: stores only try (`tryLock`), this waits,
/// polls and fails naming the holder.
public enum StateLock {
    /// Takes the lock for `holder`, polling every `pollInterval` seconds for up to `timeout`
    /// seconds (infinite: forever). - Throws: `StateLockError.held` naming the holder.
    public static func acquire(_ store: any StateStore, holder: LockHolder, timeout: Double,
                               pollInterval: Double = 0.15) async throws -> LockHolder {
        let clock = ContinuousClock()
        let deadline = timeout.isFinite ? clock.now + .seconds(max(0, timeout)) : nil
        while true {
            let current = try await store.tryLock(holder)
            if current.id == holder.id { return current }
            let now = clock.now
            if let deadline, now >= deadline { throw StateLockError.held(by: current) }
            var pause = Duration.seconds(max(0.001, pollInterval))
            if let deadline { pause = min(pause, deadline - now) }
            try await Task.sleep(for: pause)
        }
    }

    /// Runs `body` under the lock and frees it on every way out: success, error or cancellation.
    /// (A signal that ends the process is the caller's to handle.)
    public static func withLock<T: Sendable>(_ store: any StateStore, holder: LockHolder, timeout: Double,
                                             pollInterval: Double = 0.15,
                                             _ body: (LockHolder) async throws -> T) async throws -> T {
        let held = try await acquire(store, holder: holder, timeout: timeout, pollInterval: pollInterval)
        do {
            let result = try await body(held)
            try await store.unlock(id: held.id)
            return result
        } catch {
            try? await store.unlock(id: held.id)
            throw error
        }
    }
}
