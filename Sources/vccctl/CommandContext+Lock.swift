import Reconciler
import Views

extension CommandContext {
    /// Runs `body` under the state lock (waiting up to `--lock-timeout`), with the signals caught:
    /// the lock is freed on every way out, a signal included (`SignalTrap`). Taking over the lock
    /// of a run whose process is gone is said on standard error.
    func withStateLock<T: Sendable>(command: String, _ body: (LockHolder) async throws -> T) async throws -> T {
        SignalTrap.install()
        let store: any StateStore = store
        return try await StateLock.withLock(
            store, holder: Self.holder(command: command), timeout: lockTimeout, pollInterval: state.lockPollInterval,
            tookOver: { gone in
                Terminal.write(TerminalStyle.label(Terminal.style(for: 2), "note:")
                               + " " + TerminalText.escaped(Self.takeoverNote(gone)) + "\n", to: 2)
            }
        ) { held in
            try await SignalTrap.holding(store, lockID: held.id) { try await body(held) }
        }
    }

    static func takeoverNote(_ gone: LockHolder) -> String {
        "took over the state lock \(gone.id) of \(gone.who) ('\(gone.command)'): process \(gone.pid) is no longer running"
            + " on \(gone.host); an apply it left unfinished is marked interrupted"
    }
}
