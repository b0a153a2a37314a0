import Foundation
import PostgresNIO
public import Reconciler
import VCCModel

/// The shared state store: one PostgreSQL schema, for every CI runner of a team at once.
/// It behaves as the SQLite store does (the StateStore contract), with two differences of place:
///
/// - The lock is a session-level advisory lock of the schema, held by this store's connection,
///   plus a row naming its holder. A holder whose session dies (killed process, lost network)
///   frees it at once: the server drops its advisory locks. The row it leaves is stale, and the
///   next run that takes the lock replaces it and marks the apply it left `interrupted`.
/// - A commit is accepted only from this connection while it holds the lock and the serial is the
///   one expected: the check and the write are one transaction (the compare-and-swap of the port).
///
/// The store owns its one connection (postgres-nio): opened on first use, closed by `close()`.
/// It never reconnects silently while it holds the lock: a lost connection is an error, and the
/// lock is gone with it.
public actor PostgresStateStore: StateStore {
    public nonisolated let url: PostgresStateURL
    private let key: PostgresLockKey

    private var connection: PostgresConnection?
    /// Whether the schema was found migrated (reads of a schema vccctl never wrote create nothing).
    private var migrated = false
    /// The lock IDs this store took (the lock is re-entrant for its own holders, as SQLite's row is).
    private var heldIDs: Set<String> = []
    /// Whether this connection holds the schema's advisory lock.
    private var holdsAdvisoryLock = false
    /// Set when the connection was lost while this store held the lock: the run it serves must
    /// stop (its apply then reads `interrupted` for the next run), so nothing more is done.
    private var lostWhileLocked: String?
    /// The lock IDs it held then: freeing them is done (the server dropped the lock with the session).
    private var lostIDs: Set<String> = []

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(url: PostgresStateURL) {
        self.url = url
        key = PostgresLockKey(schema: url.schema)
    }

    /// Closes the connection; the lock, if this store still holds it, is freed with the session.
    public func close() async {
        await exclusive {
            if let connection { try? await connection.close() }
            reset()
        }
    }

    // MARK: - State

    public func load() async throws -> AppliedState? {
        try await work(creating: false) { connection in
            guard let connection else { return nil }
            return try await PostgresStateReader.state(connection)
        }
    }

    public func initialize(lineage: String, fingerprintSalt: [UInt8]) async throws -> AppliedState {
        try await work(creating: true) { connection in
            let connection = try Self.required(connection)
            try await connection.query("""
                INSERT INTO meta (id, lineage, serial, fingerprint_salt, created_at, format_version)
                VALUES (1, \(lineage), 0, \(Data(fingerprintSalt)), extract(epoch FROM clock_timestamp()), \(PostgresSchema.formatVersion))
                ON CONFLICT (id) DO NOTHING
                """, logger: PostgresConnector.logger)
            guard let state = try await PostgresStateReader.state(connection) else {
                throw PostgresRowError("the meta row just written is missing")
            }
            return state
        }
    }

    @discardableResult
    public func commit(_ outcomes: [ChangeOutcome], applyID: String, expected: CommitPrecondition) async throws -> Int64 {
        try await writing(lockID: expected.lockID) { connection in
            try await PostgresStateWriter.commit(outcomes, applyID: applyID, expected: expected.serial, connection, state: url.description)
        }
    }

    /// Runs `body` in one transaction, accepted only from this connection while it holds the
    /// advisory lock and the holder row names `lockID`: the check and the write cannot be split.
    func writing<T: Sendable>(lockID: String, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await work(creating: true) { connection in
            let connection = try Self.required(connection)
            let ours = holdsAdvisoryLock && heldIDs.contains(lockID)
            return try await PostgresTransaction.run(connection) {
                // The row stays locked until the commit: no other run can take over in between.
                let holder = try await PostgresStateReader.lock(connection, forUpdate: true)
                guard holder?.id == lockID, ours else {
                    throw StateCommitRefused.notLockHolder(lockID: lockID, holder: holder)
                }
                return try await body(connection)
            }
        }
    }

    public func recordIntent(_ intent: WriteIntent, expected: CommitPrecondition) async throws {
        try await writing(lockID: expected.lockID) { connection in
            _ = try await PostgresStateWriter.checkSerial(expected.serial, connection)
            try await PostgresStateWriter.recordIntent(intent, connection)
        }
    }

    // MARK: - Lock

    public func tryLock(_ holder: LockHolder) async throws -> LockHolder {
        try await work(creating: true) { connection in
            let connection = try Self.required(connection)
            if !holdsAdvisoryLock {
                let rows = try await connection.query("""
                    SELECT pg_try_advisory_lock(\(PostgresLockKey.stateClass), \(key.object))
                    """, logger: PostgresConnector.logger)
                for try await (taken) in rows.decode(Bool.self) { holdsAdvisoryLock = taken }
            }
            guard holdsAdvisoryLock else { return try await otherHolder(connection) }
            let ids = heldIDs
            let result = try await PostgresTransaction.run(connection) {
                let current = try await PostgresStateReader.lock(connection, forUpdate: true)
                if let current, ids.contains(current.id) { return current }
                // Free, or left by a session that died (we hold its advisory lock now): taken.
                // An apply still running was its holder's, which is gone.
                try await connection.query("DELETE FROM state_lock", logger: PostgresConnector.logger)
                try await connection.query("""
                    INSERT INTO state_lock (slot, id, who, host, pid, command, run_url, since, backend_pid)
                    VALUES (1, \(holder.id), \(holder.who), \(holder.host), \(Int(holder.pid)), \(holder.command),
                            \(holder.runURL), \(holder.since), pg_backend_pid())
                    """, logger: PostgresConnector.logger)
                try await PostgresStateWriter.interruptRunningApplies(connection)
                return holder
            }
            heldIDs.insert(result.id)
            return result
        }
    }

    public func unlock(id: String) async throws {
        // Lost with the connection: the server freed it then. Its row and its apply stay for the
        // next run, which finds the apply interrupted.
        if lostWhileLocked != nil, lostIDs.contains(id) { return }
        try await work(creating: false) { connection in
            guard let connection else { throw StateLockError.notLocked(id: id) }
            try await PostgresTransaction.run(connection) {
                guard let current = try await PostgresStateReader.lock(connection, forUpdate: true) else {
                    throw StateLockError.notLocked(id: id)
                }
                guard current.id == id else { throw StateLockError.idMismatch(requested: id, holder: current) }
                try await connection.query("DELETE FROM state_lock WHERE slot = 1", logger: PostgresConnector.logger)
                // A holder that ended normally finished its applies; one still running was killed
                // or hangs (this is `state unlock` freeing its lock).
                try await PostgresStateWriter.interruptRunningApplies(connection)
            }
            if heldIDs.remove(id) != nil {
                if heldIDs.isEmpty && holdsAdvisoryLock {
                    try await connection.query("SELECT pg_advisory_unlock(\(PostgresLockKey.stateClass), \(key.object))",
                                               logger: PostgresConnector.logger)
                    holdsAdvisoryLock = false
                }
            } else {
                // Another run's lock, freed by hand: that run's session, if it still lives (hung),
                // is ended, so that it can write nothing more and its advisory lock is free.
                try await connection.query("""
                    SELECT pg_terminate_backend(pid) FROM pg_locks
                    WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                      AND classid = \(Int64(PostgresLockKey.stateClass))::oid AND objid = \(Int64(key.object))::oid
                      AND objsubid = 2 AND pid <> pg_backend_pid()
                    """, logger: PostgresConnector.logger)
            }
        }
    }

    public func currentLock() async throws -> LockHolder? {
        try await work(creating: false) { connection in
            guard let connection else { return nil }
            guard let row = try await PostgresStateReader.lock(connection, forUpdate: false) else { return nil }
            // A row whose session died names nobody: the lock is free.
            return try await advisoryLockIsHeld(connection) ? row : nil
        }
    }

    /// The holder while another session holds the advisory lock. Its row may lag for the moment
    /// between its taking the advisory lock and committing the row: looked at again, briefly.
    private func otherHolder(_ connection: PostgresConnection) async throws -> LockHolder {
        var row: LockHolder?
        for attempt in 0..<20 {
            row = try await PostgresStateReader.lock(connection, forUpdate: false)
            if let row, !heldIDs.contains(row.id) { return row }
            if attempt < 19 { try await Task.sleep(for: .milliseconds(25)) }
        }
        return row ?? LockHolder(id: "unknown", who: "another session", host: "unknown", pid: 0,
                                 command: "(taking the lock right now)", since: Date().timeIntervalSince1970)
    }

    private func advisoryLockIsHeld(_ connection: PostgresConnection) async throws -> Bool {
        if holdsAdvisoryLock { return true }
        let rows = try await connection.query("""
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND classid = \(Int64(PostgresLockKey.stateClass))::oid AND objid = \(Int64(key.object))::oid AND objsubid = 2
            """, logger: PostgresConnector.logger)
        var count = 0
        for try await (found) in rows.decode(Int.self) { count = found }
        return count > 0
    }

    // MARK: - History

    public func beginApply(_ entry: ApplyRecord) async throws {
        try await work(creating: true) { connection in
            let connection = try Self.required(connection)
            try await PostgresTransaction.run(connection) {
                try await PostgresStateWriter.begin(entry, connection)
            }
        }
    }

    public func finishApply(id: String, status: ApplyRecord.Status) async throws {
        try await work(creating: true) { connection in
            let connection = try Self.required(connection)
            let rows = try await connection.query("""
                UPDATE apply_history SET status = \(status.rawValue), finished_at = extract(epoch FROM clock_timestamp())
                WHERE id = \(id) RETURNING 1
                """, logger: PostgresConnector.logger)
            var changed = 0
            for try await _ in rows { changed += 1 }
            guard changed > 0 else { throw PostgresStateError.unknownApply(id: id) }
        }
    }

    public func history(limit: Int) async throws -> [ApplyRecord] {
        try await work(creating: false) { connection in
            guard let connection else { return [] }
            return try await PostgresStateReader.history(connection, limit: max(0, limit))
        }
    }

    // MARK: - The connection

    private static func required(_ connection: PostgresConnection?) throws -> PostgresConnection {
        guard let connection else { throw PostgresRowError("the state schema was not created") }
        return connection
    }

    /// Runs `body` alone on the connection (opened on first use), the schema migrated when
    /// `creating` (else nil when the schema holds no state yet), with errors translated.
    private func work<T: Sendable>(creating: Bool, _ body: (PostgresConnection?) async throws -> T) async throws -> T {
        try await exclusive {
            if let lostWhileLocked {
                throw PostgresStateError.connectionLost(state: url.description, reason: lostWhileLocked)
            }
            do {
                let connection = try await open()
                if !migrated {
                    switch try await PostgresSchema.inspect(connection, schema: url.schema) {
                    case .foreign(let table):
                        throw PostgresStateError.notAStateSchema(state: url.description, table: table)
                    case .empty where !creating:
                        return try await body(nil)
                    case .state(let applied) where !creating:
                        try await PostgresSchema.check(connection, applied: applied, state: url.description)
                        if applied.count < PostgresSchema.migrations.count {
                            try await PostgresSchema.migrate(connection, url: url)
                        }
                    default:
                        try await PostgresSchema.migrate(connection, url: url)
                    }
                    migrated = true
                }
                return try await body(connection)
            } catch {
                throw translate(error)
            }
        }
    }

    private func open() async throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        if connection != nil {
            // Closed under us: whatever this session held is gone. Say so rather than carry on
            // as if the lock were still ours.
            throw PostgresStateError.connectionLost(state: url.description, reason: lost("the server closed the connection"))
        }
        let opened = try await PostgresConnector.connect(url)
        try await opened.query("SELECT set_config('search_path', \(PostgresConnector.quoted(url.schema)), false)",
                               logger: PostgresConnector.logger)
        connection = opened
        return opened
    }

    /// Forgets the connection after a loss; remembers it when the lock went with it.
    private func lost(_ reason: String) -> String {
        if holdsAdvisoryLock {
            lostWhileLocked = reason
            lostIDs = heldIDs
        }
        reset()
        return reason
    }

    private func reset() {
        connection = nil
        migrated = false
        heldIDs = []
        holdsAdvisoryLock = false
    }

    private func translate(_ error: any Error) -> any Error {
        switch error {
        case is PostgresStateError, is StateLockError, is StateCommitRefused, is CancellationError:
            return error
        case let error as PostgresRowError:
            return PostgresStateError.corrupt(state: url.description, detail: error.detail)
        default:
            if PostgresConnector.isConnectionLoss(error) {
                if let connection { connection.close().whenComplete { _ in } }
                return PostgresStateError.connectionLost(state: url.description, reason: lost(PostgresConnector.reason(error)))
            }
            return PostgresStateError.server(state: url.description, message: PostgresConnector.reason(error))
        }
    }

    /// One task at a time: the connection's transactions must not interleave.
    private func exclusive<T: Sendable>(_ body: () async throws -> T) async rethrows -> T {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
        return try await body()
    }
}
