import Dispatch
import Foundation
import Reconciler
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGTERM (a cancelled CI job), SIGINT (Ctrl-C) and SIGHUP (a closed terminal) for commands that
/// take the state lock. While an apply sends batches, the first signal asks it to stop at the next
/// batch boundary (`ApplyStop`): the batch in flight lands and is committed, the lock is freed and
/// the history entry reads `interrupted`. At any other moment, and at a second signal, the lock
/// (if held) is freed and the process exits at once: nothing else is half-done then.
enum SignalTrap {
    static let signals: [Int32] = [SIGTERM, SIGINT, SIGHUP]

    private struct Held: Sendable {
        var store: any StateStore
        var lockID: String
    }

    private struct Situation: Sendable {
        var held: Held?
        /// The apply sending batches now, if one is.
        var applying: ApplyStop?
        /// The first signal received, once one was.
        var received: Int32?
    }

    private static let situation = Mutex(Situation())
    private static let sources = Mutex<[any DispatchSourceSignal]>([])

    /// Catches the signals from now on (idempotent).
    static func install() {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for number in signals {
                // The dispatch source sees the signal only once its default action (to end the
                // process) is off.
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { received(number) }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// The exit status for a run ended by `number`: 128 + the signal, as shells report it.
    static func exitStatus(_ number: Int32) -> Int32 { 128 + number }

    /// The signal that stopped the run, if one did.
    static var receivedSignal: Int32? { situation.withLock { $0.received } }

    static func name(_ number: Int32) -> String {
        switch number {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }

    /// Runs `body` with the lock `lockID` registered, so that a signal frees it before exiting.
    static func holding<T>(_ store: any StateStore, lockID: String, _ body: () async throws -> T) async rethrows -> T {
        situation.withLock { $0.held = Held(store: store, lockID: lockID) }
        defer { situation.withLock { $0.held = nil } }
        return try await body()
    }

    /// Runs an apply's batches: a signal meanwhile stops them at the next boundary instead of
    /// ending the process.
    static func applying<T>(_ stop: ApplyStop, _ body: () async throws -> T) async rethrows -> T {
        let already = situation.withLock { situation -> Int32? in
            situation.applying = stop
            return situation.received
        }
        if let already { stop.request(name(already)) }
        defer { situation.withLock { $0.applying = nil } }
        return try await body()
    }

    private static func received(_ number: Int32) {
        let (held, applying, first) = situation.withLock { situation in
            let first = situation.received == nil
            if first { situation.received = number }
            return (situation.held, situation.applying, first)
        }
        if first, let applying {
            applying.request(name(number))
            Terminal.write("\n\(name(number)) received: stopping after the changes in flight; what lands is committed."
                           + " Signal again to stop at once (the next run then takes the lock over).\n", to: 2)
            return
        }
        // Nothing in flight to finish (or a second signal): free the lock and go.
        Task.detached {
            if let held { await release(held) }
            Terminal.exit(exitStatus(number))
        }
    }

    /// Frees the lock, waiting at most a few seconds: a store that does not answer must not keep
    /// the process alive (the next run on this host takes the lock over once it has ended).
    private static func release(_ held: Held) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await held.store.unlock(id: held.lockID) }
            group.addTask { try? await Task.sleep(for: .seconds(3)) }
            await group.next()
            group.cancelAll()
        }
    }
}
