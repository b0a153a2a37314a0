import FileSafety
import Foundation
import Reconciler
import StatePostgres
import StateSQLite
import VCCModel

/// The state store a command uses, with what messages call it: the SQLite file's path, or the
/// PostgreSQL URL without its password.
struct StateHandle: Sendable {
    enum Place: Sendable {
        case sqlite(path: String)
        case postgres(PostgresStateURL)
    }

    let store: any StateStore
    let place: Place
    /// How often a waiting lock looks again (seconds).
    let lockPollInterval: Double

    /// The path, or the URL without password.
    var name: String {
        switch place {
        case .sqlite(let path): path
        case .postgres(let url): url.description
        }
    }

    /// Whether nothing is there yet: no SQLite file at the path, or no state in the schema.
    func holdsNothing() async throws -> Bool {
        switch place {
        case .sqlite(let path):
            // Not following a link: a dangling one is a state vccctl refuses, not "no state yet".
            return FileReader.kind(of: path) == nil
        case .postgres:
            if try await store.load() != nil { return false }
            return try await store.currentLock() == nil
        }
    }

    /// The line `state list` and `state history` print when there is no state at all.
    var noStateLine: String {
        switch place {
        case .sqlite(let path): "No state yet: \(path) does not exist ('vccctl apply' creates it).\n"
        case .postgres(let url): "No state yet in the PostgreSQL state \(url) ('vccctl apply' creates it).\n"
        }
    }

    /// Where a location points, as a store. `flag`: the option the text came from, on the
    /// command line, where a password would be seen by every user of the machine (`ps`), so one
    /// is refused.
    static func open(_ location: StateLocation, environment: [String: String], flag: String?,
                     busyTimeout: Double = 10) throws -> StateHandle {
        let resolved: StateLocation?
        do {
            resolved = try location.resolved(in: environment)
        } catch {
            throw CommandFailure(message: "the state location's environment variable holds something vccctl cannot use: \(error)")
        }
        guard let resolved else {
            throw CommandFailure(message: "the state location's environment variable is not set",
                                 notes: ["set it, or name the state with --state PATH"])
        }
        switch resolved {
        case .sqlite(let path, _):
            let path = path.hasPrefix("//") ? String(path.dropFirst(2)) : path
            let store = SQLiteStateStore(path: path, busyTimeout: busyTimeout)
            return StateHandle(store: store, place: .sqlite(path: path), lockPollInterval: store.lockPollInterval)
        case .postgres(let text, _):
            if let flag, PostgresStateURL.hasPassword(text) {
                throw CommandFailure(message: "the PostgreSQL URL of \(flag) holds a password, which every user of this machine could see",
                                     notes: ["put the URL in VCCCTL_STATE, or the password alone in PGPASSWORD"])
            }
            let url: PostgresStateURL
            do {
                url = try PostgresStateURL.parse(text, environment: environment)
            } catch {
                throw CommandFailure(message: "\(error)")
            }
            let store = PostgresStateStore(url: url)
            // Its connection is closed before the command exits, as the HTTP clients are.
            OpenTargets.register { await store.close() }
            // Runners wait for each other over the network: a slower poll spares the server.
            return StateHandle(store: store, place: .postgres(url), lockPollInterval: 0.25)
        case .environment:
            throw CommandFailure(message: "the state location's environment variable names another variable",
                                 notes: ["set it to a path, sqlite:PATH or a postgres:// URL"])
        }
    }
}
