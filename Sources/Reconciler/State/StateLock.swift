/// The state lock's wait loop, shared by every store: stores only try (`tryLock`), this waits,
/// polls, takes over the lock of a process that is gone, and fails naming the holder.
public enum StateLock {
    /// Takes the lock for `holder`, polling every `pollInterval` seconds for up to `timeout`
    /// seconds (infinite: forever). A lock whose holder process no longer runs on this host
    /// (`HolderProcess.isGone`: killed, crashed, or ended on an error that kept it from freeing the
    /// lock) is freed by its ID and taken; `tookOver` hears of it, so the caller can say so.
    /// - Throws: `StateLockError.held` naming the holder.
    public static func acquire(_ store: any StateStore, holder: LockHolder, timeout: Double,
                               pollInterval: Double = 0.15,
                               tookOver: (LockHolder) -> Void = { _ in }) async throws -> LockHolder {
        let clock = ContinuousClock()
        let deadline = timeout.isFinite ? clock.now + .seconds(max(0, timeout)) : nil
        while true {
            let current = try await store.tryLock(holder)
            if current.id == holder.id { return current }
            if HolderProcess.isGone(current), try await free(store, current) {
                tookOver(current)
                continue
            }
            let now = clock.now
            if let deadline, now >= deadline { throw StateLockError.held(by: current) }
            var pause = Duration.seconds(max(0.001, pollInterval))
            if let deadline { pause = min(pause, deadline - now) }
            try await Task.sleep(for: pause)
        }
    }

    /// Frees the lock of a holder that is gone. Freeing by its ID frees only that lock: when
    /// another waiting run took it over first, nothing is freed here (false) and the new holder,
    /// alive, is waited for as usual. Freeing marks the gone holder's apply `interrupted`.
    private static func free(_ store: any StateStore, _ gone: LockHolder) async throws -> Bool {
        do {
            try await store.unlock(id: gone.id)
            return true
        } catch is StateLockError {
            return false
        }
    }

    /// Runs `body` under the lock and frees it on every way out: success, error or cancellation.
    /// A lock that cannot be freed (the store failed: a full disk, a lost connection) is reported
    /// with the body's own error, never swallowed: `StateLockNotFreed` says why and what happens
    /// next. (A signal that ends the process is the caller's to handle.)
    public static func withLock<T: Sendable>(_ store: any StateStore, holder: LockHolder, timeout: Double,
                                             pollInterval: Double = 0.15,
                                             tookOver: (LockHolder) -> Void = { _ in },
                                             _ body: (LockHolder) async throws -> T) async throws -> T {
        let held = try await acquire(store, holder: holder, timeout: timeout, pollInterval: pollInterval,
                                     tookOver: tookOver)
        let result: T
        do {
            result = try await body(held)
        } catch {
            do {
                try await store.unlock(id: held.id)
            } catch let unlockError {
                throw StateLockNotFreed(lockID: held.id, reason: "\(unlockError)", cause: error)
            }
            throw error
        }
        do {
            try await store.unlock(id: held.id)
        } catch {
            throw StateLockNotFreed(lockID: held.id, reason: "\(error)", cause: nil)
        }
        return result
    }
}

/// The state lock could not be freed on the way out (the store itself failed). The lock stays
/// with this process's ID and pid: once this process has ended, the next run on this host takes it
/// over by itself (`StateLock.acquire`); a run on another host needs `unlock` with the ID.
public struct StateLockNotFreed: Error, Sendable, CustomStringConvertible {
    public var lockID: String
    /// What the store said.
    public var reason: String
    /// The error that ended the locked work, when it failed (it is what the user must fix first).
    public var cause: (any Error)?

    public init(lockID: String, reason: String, cause: (any Error)?) {
        self.lockID = lockID
        self.reason = reason
        self.cause = cause
    }

    public var description: String {
        "the state lock \(lockID) could not be freed: \(reason)"
    }

    /// What happens to the lock next (note lines).
    public var advice: [String] {
        ["The next run on this host takes the lock over once this process has ended; from another host, free it with its ID \(lockID)."]
    }
}
