import Foundation
import GRDB

/// An embedded, SQLite-persisted model of the remote systems vccctl manages: Salesforce orgs (a
/// directory of profiles and users, the hierarchy custom setting that carries account keys,
/// Secrets Management with write-only tokens) and VCC (the Salesforce link of each account).
///
/// It enforces the rules of shared/DOMAIN.md the way the real systems would (one record per
/// owner, keys before tokens, five accounts per API user, ...) and meters Salesforce API calls.
/// It serves as the default "local" target, behind the HTTP emulator, and for `vccctl sim`.
///
/// Thread-safe: every operation runs on one GRDB `DatabaseQueue`, each write in one transaction,
/// so an interrupted process never leaves a half-applied batch. Several processes may open the
/// same file (WAL mode, with a busy timeout).
public final class OrgSimulator: Sendable {
    /// The database file.
    public let path: String
    let queue: DatabaseQueue
    let clock: @Sendable () -> Date

    /// Opens (creating if needed, owner-only, with its parent directory) the simulator at `path`
    /// and brings its schema up to date.
    /// - Parameter clock: the time written into `lastModified`, `linkedAt` and the like.
    /// Opens (creating when missing) the org at `path`. `mustHoldOrg`: refuse a file that holds
    /// no org yet (see `SimulatorFileCheck.inspect`).
    public init(path: String, mustHoldOrg: Bool = false, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        try DatabaseFile.prepare(path: path)
        var configuration = Configuration()
        configuration.label = "OrgSimulator"
        // WAL lets a reader (sim show) and a writer (apply) share the file; NORMAL sync keeps
        // each batch's commit cheap while a commit stays atomic and durable across a crash of
        // the process (only a power loss may lose the last commits).
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        self.path = path
        self.clock = clock
        try SimulatorFileCheck.inspect(path, mustHoldOrg: mustHoldOrg)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try SimulatorSchema.migrator.migrate(queue)
        } catch {
            throw SimulatorFileCheck.translate(error, path: path)
        }
    }

    /// Runs `body` in one write transaction; the simulator's own errors pass through unchanged,
    /// database failures become `SimulatorError.storage`.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.write(body)
        } catch {
            throw SimulatorFileCheck.translate(error, path: path)
        }
    }

    /// Runs `body` in one read transaction (a consistent view).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw SimulatorFileCheck.translate(error, path: path)
        }
    }

    /// The current time in stored form.
    var nowMilliseconds: Int64 { Timestamp.milliseconds(clock()) }

    /// The current time at the precision it is stored with, so what an operation returns
    /// equals what a later read gives back.
    var now: Date { Timestamp.date(nowMilliseconds) }
}
