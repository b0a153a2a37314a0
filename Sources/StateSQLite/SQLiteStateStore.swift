import Foundation
import GRDB
public import Reconciler
import Synchronization

/// The default state store: one SQLite file (WAL mode, owner-only mode 0600, its directory created
/// 0700 when missing). Several processes may open the same file; the lock row decides who applies.
///
/// The file is created by the first write (`initialize`, `lock`, `beginApply`, `commit`): reading
/// a path where nothing exists yet (`load`, `currentLock`, `history`) answers "no state" and leaves
/// no file behind.
public final class SQLiteStateStore: StateStore, Sendable {
    /// The database file.
    public let path: String
    /// How long SQLite waits for another process's write transaction before failing (seconds).
    public let busyTimeout: Double
    /// How often a waiting `lock` looks again (seconds; `StateLock` waits).
    public let lockPollInterval: Double

    private let connection = Mutex<DatabaseQueue?>(nil)

    /// A store at `path`; nothing is opened or created until the first use.
    public init(path: String, busyTimeout: Double = 10, lockPollInterval: Double = 0.15) {
        self.path = path
        self.busyTimeout = busyTimeout
        self.lockPollInterval = lockPollInterval
    }

    // MARK: - State

    public func load() async throws -> AppliedState? {
        try await translatingErrors {
            guard let queue = try database(creating: false) else { return nil }
            return try await queue.read { db in try StateReader.state(db) }
        }
    }

    public func initialize(lineage: String, fingerprintSalt: [UInt8]) async throws -> AppliedState {
        try await translatingErrors {
            let queue = try openForWriting()
            let createdAt = Date().timeIntervalSince1970
            let path = path
            return try await queue.write { db in
                // A state that lost its identity but holds resources or history is refused, not
                // given a new lineage over them.
                _ = try StateIdentity.current(db, path: path)
                // Never overwrites: a lineage, once set, stays.
                try db.execute(sql: """
                    INSERT INTO meta (id, lineage, serial, fingerprint_salt, created_at, format_version)
                    VALUES (1, ?, 0, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                    """, arguments: [lineage, Data(fingerprintSalt), createdAt, StateSchema.formatVersion])
                guard let state = try StateReader.state(db) else {
                    throw ResourceColumnsError.missing("the meta row just written")
                }
                return state
            }
        }
    }

    @discardableResult
    public func commit(_ outcomes: [ChangeOutcome], applyID: String, expected: CommitPrecondition) async throws -> Int64 {
        try await translatingErrors {
            let queue = try openForWriting()
            let path = path
            return try await queue.write { db in
                // The check and the write are one transaction: no other run can slip in between.
                try Self.check(expected, db)
                return try StateWriter.commit(outcomes, applyID: applyID, db, path: path)
            }
        }
    }

    public func recordIntent(_ intent: WriteIntent, expected: CommitPrecondition) async throws {
        try await translatingErrors {
            let queue = try openForWriting()
            try await queue.write { db in
                try Self.check(expected, db)
                try StateWriter.recordIntent(intent, db)
            }
        }
    }

    /// The compare-and-swap of every write: the caller holds the lock and saw the serial there is.
    private static func check(_ expected: CommitPrecondition, _ db: Database) throws {
        let holder = try StateReader.lock(db)
        guard holder?.id == expected.lockID else {
            throw StateCommitRefused.notLockHolder(lockID: expected.lockID, holder: holder)
        }
        if let serial = try Int64.fetchOne(db, sql: "SELECT serial FROM meta WHERE id = 1"), serial != expected.serial {
            throw StateCommitRefused.serialMoved(expected: expected.serial, found: serial)
        }
    }

    // MARK: - Lock

    /// Takes the lock, polling every `lockPollInterval` seconds for up to `timeout` seconds.
    public func lock(_ holder: LockHolder, timeout: Double) async throws -> LockHolder {
        try await StateLock.acquire(self, holder: holder, timeout: timeout, pollInterval: lockPollInterval)
    }

    public func tryLock(_ holder: LockHolder) async throws -> LockHolder {
        try await translatingErrors {
            let queue = try openForWriting()
            // A waiting run looks before it writes: a read neither waits for nor blocks the
            // holder's writes, while runs that polled with write transactions could starve the
            // holder of the write lock it needs to finish (and free the lock).
            if let current = try await queue.read({ try StateReader.lock($0) }), current.id != holder.id {
                return current
            }
            // One write transaction: the insert succeeds only into an empty slot, so two processes
            // can never both take it; the row read back says who won.
            return try await queue.write { db in
                try db.execute(sql: """
                    INSERT INTO lock (slot, id, who, host, pid, command, since) VALUES (1, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (slot) DO NOTHING
                    """, arguments: [holder.id, holder.who, holder.host, holder.pid, holder.command, holder.since])
                // Taken from free (not re-taken by its holder): any apply still running is not
                // the caller's, and its holder is gone.
                if db.changesCount > 0 {
                    try StateWriter.interruptRunningApplies(at: Date().timeIntervalSince1970, db)
                }
                guard let current = try StateReader.lock(db) else {
                    throw ResourceColumnsError.missing("the lock row just written")
                }
                return current
            }
        }
    }

    public func unlock(id: String) async throws {
        try await translatingErrors {
            guard let queue = try database(creating: false) else { throw StateLockError.notLocked(id: id) }
            try await queue.write { db in
                guard let current = try StateReader.lock(db) else { throw StateLockError.notLocked(id: id) }
                guard current.id == id else { throw StateLockError.idMismatch(requested: id, holder: current) }
                try db.execute(sql: "DELETE FROM lock WHERE slot = 1 AND id = ?", arguments: [id])
                // A holder that ended normally finished its applies; one still running was killed
                // (this is `state unlock` freeing a stale lock).
                try StateWriter.interruptRunningApplies(at: Date().timeIntervalSince1970, db)
            }
        }
    }

    public func currentLock() async throws -> LockHolder? {
        try await translatingErrors {
            guard let queue = try database(creating: false) else { return nil }
            return try await queue.read { db in try StateReader.lock(db) }
        }
    }

    // MARK: - History

    public func beginApply(_ entry: ApplyRecord) async throws {
        try await translatingErrors {
            let queue = try openForWriting()
            try await queue.write { db in try StateWriter.begin(entry, db) }
        }
    }

    public func finishApply(id: String, status: ApplyRecord.Status) async throws {
        try await translatingErrors {
            let queue = try openForWriting()
            let finishedAt = Date().timeIntervalSince1970
            try await queue.write { db in
                try db.execute(sql: "UPDATE apply_history SET status = ?, finished_at = ? WHERE id = ?",
                               arguments: [status.rawValue, finishedAt, id])
                guard db.changesCount > 0 else { throw StateStoreError.unknownApply(id: id) }
            }
        }
    }

    public func history(limit: Int) async throws -> [ApplyRecord] {
        try await translatingErrors {
            guard let queue = try database(creating: false) else { return [] }
            return try await queue.read { db in try StateReader.history(db, limit: max(0, limit)) }
        }
    }

    // MARK: - The connection

    func openForWriting() throws -> DatabaseQueue {
        guard let queue = try database(creating: true) else {
            throw StateStoreError.cannotOpen(path: path, reason: "the file could not be created")
        }
        return queue
    }

    /// The open connection; opens it (creating the file when `creating`) on first use. Nil when the
    /// file does not exist and `creating` is false.
    private func database(creating: Bool) throws -> DatabaseQueue? {
        try connection.withLock { queue throws -> DatabaseQueue? in
            if let queue { return queue }
            // Checked (a regular file, no link on the way) before SQLite opens it by name; a new
            // state is created whole (`StateCreation`), never half-made.
            if try !StateFile.prepare(path, creating: false) {
                if !creating { return nil }
                try StateCreation.create(path)
                guard try StateFile.prepare(path, creating: false) else {
                    throw StateStoreError.cannotCreate(path: path, reason: "the new state file is gone")
                }
            }
            let opened = try StateDatabase.open(path: path, busyTimeout: busyTimeout)
            queue = opened
            return opened
        }
    }

    /// Runs `body` (one transaction, or opening the file), again while SQLite answers busy, for up
    /// to `busyTimeout` seconds in all; turns SQLite's and GRDB's errors into `StateStoreError`s
    /// that say what to do.
    ///
    /// SQLite waits out another process's write lock by itself, but answers some conflicts busy
    /// at once (a read snapshot overtaken by another commit, another connection recovering the
    /// log): those are retried here, so that "busy" always means the file stayed busy for the
    /// whole timeout, and says how long it was really waited for.
    func translatingErrors<T>(_ body: () async throws -> T) async throws -> T {
        let clock = ContinuousClock()
        let start = clock.now
        func waited() -> Double {
            let elapsed = (clock.now - start).components
            return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        }
        while true {
            do {
                return try await body()
            } catch let error as DatabaseError where [ResultCode.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && waited() < busyTimeout {
                try await Task.sleep(for: .milliseconds(Int.random(in: 5...40)))
            } catch let error as DatabaseError {
                throw StateDatabase.translate(error, path: path, waited: waited())
            } catch let error as ResourceColumnsError {
                throw StateStoreError.corrupt(path: path, detail: error.detail)
            } catch let error as RowDecodingError {
                throw StateStoreError.corrupt(path: path, detail: "\(error)")
            }
        }
    }
}
