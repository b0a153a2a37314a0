import GRDB

/// Opening the state file: connection settings, the checks that it is a state file this vccctl
/// can read, the migrations; and the translation of SQLite errors.
enum StateDatabase {
    static func open(path: String, busyTimeout: Double) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.label = "vccctl-state"
        // Transient: another process's write transaction (a lock attempt, a commit) lasts milliseconds.
        configuration.busyMode = .timeout(busyTimeout)
        // Readers never wait for a writer; a process killed mid-transaction leaves nothing behind.
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            // Each commit is durable when it returns, even across a power cut: state must never
            // forget a change that landed.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try check(queue, path: path)
        try migrate(queue)
        return queue
    }

    /// Refuses a database that is not a state file, or one written by a newer vccctl.
    private static func check(_ queue: DatabaseQueue, path: String) throws {
        let migrator = StateSchema.migrator
        try queue.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                """)
            // Empty, or only GRDB's bookkeeping table (another process creating the state at this
            // very moment makes it before its first migration's transaction): a new state file.
            if tables.allSatisfy({ $0 == "grdb_migrations" }) { return }
            guard try migrator.appliedIdentifiers(db).contains(StateSchema.firstMigration) else {
                throw StateStoreError.notAStateFile(path: path)
            }
            let version = try Int.fetchOne(db, sql: "SELECT format_version FROM meta WHERE id = 1")
            if let version, version > StateSchema.formatVersion {
                throw StateStoreError.newerFormat(path: path, found: version, supported: StateSchema.formatVersion)
            }
            if try migrator.hasBeenSuperseded(db) {
                // Same format version, but migrations this vccctl does not know: say so, not "version N of N".
                throw StateStoreError.newerFormat(path: path, found: nil, supported: StateSchema.formatVersion)
            }
        }
    }

    /// Runs the migrations. Two processes creating the same file at once may both try the first
    /// migration; the loser's transaction fails and rolls back, and a second look finds it done.
    private static func migrate(_ queue: DatabaseQueue) throws {
        let migrator = StateSchema.migrator
        var attempt = 0
        while true {
            attempt += 1
            do {
                try migrator.migrate(queue)
                return
            } catch {
                if try queue.read({ try migrator.hasCompletedMigrations($0) }) { return }
                if attempt >= 5 { throw error }
            }
        }
    }

    static func translate(_ error: DatabaseError, path: String, busyTimeout: Double) -> StateStoreError {
        let message = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .corrupt(path: path, detail: message)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(path: path, seconds: busyTimeout)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            return .cannotOpen(path: path, reason: message)
        default:
            return .storage(path: path, message: message)
        }
    }
}
