import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening the state file: the checks that it is a state file this vccctl can read (made before
/// anything writes to it), connection settings, the migrations; and the translation of SQLite errors.
enum StateDatabase {
    static func open(path: String, busyTimeout: Double) throws -> DatabaseQueue {
        try inspect(path: path, busyTimeout: busyTimeout)
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
        try migrate(queue)
        return queue
    }

    /// Reads the file through a read-only connection before any connection may write to it (even
    /// switching a foreign database to WAL mode is a write): a file that is not a vccctl state, is
    /// newer, or lost its identity is refused untouched. A write-ahead log found beside the file
    /// must continue the state the main file holds (`StateJournal`).
    private static func inspect(path: String, busyTimeout: Double) throws {
        if isZeroBytes(path) { throw StateStoreError.emptyFile(path: path) }
        let journal = StateJournal(path: path)
        var configuration = Configuration()
        configuration.label = "vccctl-state-inspection"
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        let reader = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? reader.close() }
        try journal.vouching {
            try reader.read { db in
                try check(db, path: path)
                try journal.verify(db, path: path)
            }
        }
    }

    private static func isZeroBytes(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_size == 0
    }

    /// Refuses a database that is not a whole state file, one written by a newer vccctl, and one
    /// that holds resources or history without its identity.
    private static func check(_ db: Database, path: String) throws {
        let migrator = StateSchema.migrator
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            """)
        // vccctl creates a state file with its tables (`StateCreation`): one without any was
        // truncated or made by something else.
        if tables.allSatisfy({ $0 == "grdb_migrations" }) { throw StateStoreError.emptyFile(path: path) }
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
        _ = try StateIdentity.current(db, path: path)
    }

    /// Runs the migrations. Two processes upgrading the same file at once may both try a
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

    /// `waited`: how long the operation that failed had been trying, for a busy error.
    static func translate(_ error: DatabaseError, path: String, waited: Double) -> StateStoreError {
        let message = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .corrupt(path: path, detail: message)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(path: path, seconds: waited)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            return .cannotOpen(path: path, reason: message)
        default:
            return .storage(path: path, message: message)
        }
    }
}
