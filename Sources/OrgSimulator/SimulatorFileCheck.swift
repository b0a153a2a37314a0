import GRDB

/// The embedded org's file is checked, through a read-only connection, before any connection may
/// write to it (switching to WAL mode or migrating are writes): another SQLite database named by
/// mistake is refused untouched, and one written by a newer vccctl is refused rather than
/// half-understood. SQLite's errors become messages that name the file and what to do.
enum SimulatorFileCheck {
    /// The first migration: a database with tables that has not applied it is not an org file.
    static let firstMigration = "v1"

    /// `mustHoldOrg`: an empty file (zero bytes, no tables) is refused, for the commands that
    /// act on an org (plan, apply, drift): planning against it would plan every setting anew.
    static func inspect(_ path: String, mustHoldOrg: Bool = false) throws {
        var configuration = Configuration()
        configuration.label = "OrgSimulator-inspection"
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            let reader = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? reader.close() }
            try reader.read { db in
                let tables = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                    """)
                // Empty (just created, or another process creating it now): a new org file, for
                // `sim seed` and the emulator, which create the org.
                if tables.allSatisfy({ $0 == "grdb_migrations" }) {
                    if mustHoldOrg { throw SimulatorError.emptyOrgFile(path: path) }
                    return
                }
                let migrator = SimulatorSchema.migrator
                guard try migrator.appliedIdentifiers(db).contains(firstMigration) else {
                    throw SimulatorError.notAnOrgFile(path: path)
                }
                if try migrator.hasBeenSuperseded(db) { throw SimulatorError.newerOrgFile(path: path) }
            }
        } catch {
            throw translate(error, path: path)
        }
    }

    /// `error` as a `SimulatorError` that names the file; the simulator's own errors pass unchanged.
    static func translate(_ error: any Error, path: String) -> SimulatorError {
        if let error = error as? SimulatorError { return error }
        guard let error = error as? DatabaseError else { return .storage("\(path): \(error)") }
        let message = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .damagedOrgFile(path: path, detail: message)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            return .cannotOpenOrgFile(path: path, reason: message)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .storage("\(path) stayed busy (another process is writing to it): \(message); try again, and if it "
                + "persists look for a hung vccctl process")
        default:
            return .storage("\(path): \(message)")
        }
    }
}
